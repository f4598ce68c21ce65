"""Find Odoo 18 and the addons path the same way for `make run`, `make test`, the bench
scripts and the compose stack.  Run as a script it prints the addons path, or one line
saying what is missing and exits 2."""

import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROJECT_ADDONS = os.path.join(REPO, "addons")
MISSING = (
    "Odoo 18 is not importable as `odoo` by {python}: run `make install` (or the "
    "make target you wanted, which installs first)."
)


def odoo_or_exit():
    """Import odoo 18 or exit 2 with a one-line explanation."""
    try:
        import odoo.release  # noqa: PLC0415 (Odoo may be missing)
    except ImportError:
        sys.exit(MISSING.format(python=sys.executable))
    if odoo.release.version_info[0] != 18:
        sys.exit(
            f"Odoo {odoo.release.version} found, Simantap needs Odoo 18 "
            "(see README.md, 'Installing')."
        )
    return odoo


def addons_path():
    """The project's addons, then Odoo's own addons folder when it sits beside the
    `odoo` package (a source checkout); OCA wheels are found by Odoo itself."""
    odoo = odoo_or_exit()
    paths = [PROJECT_ADDONS]
    extra = os.environ.get("SIMANTAP_EXTRA_ADDONS")
    if extra:
        paths.extend(p for p in extra.split(",") if p)
    package_dir = os.path.dirname(os.path.abspath(odoo.__file__))
    checkout_addons = os.path.join(os.path.dirname(package_dir), "addons")
    if os.path.isdir(os.path.join(checkout_addons, "hr_attendance")):
        paths.append(checkout_addons)
    return ",".join(paths)


def db_args():
    """Connection options from the usual PG* variables, for the odoo command line."""
    args = []
    for var, option in (
        ("PGHOST", "--db_host"),
        ("PGPORT", "--db_port"),
        ("PGUSER", "--db_user"),
        ("PGPASSWORD", "--db_password"),
    ):
        if os.environ.get(var):
            args.append(f"{option}={os.environ[var]}")
    return args


if __name__ == "__main__":
    print(addons_path())

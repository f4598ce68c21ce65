"""Find Odoo 18 and the addons path the same way for `make run`, `make test`, the bench
scripts and the compose stack.  Run as a script it prints the addons path, or one line
saying what is missing and exits 2."""

import os
import shutil
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


def odoo_command():
    """The command that starts Odoo: this Python running Odoo's own `odoo` script
    (or `odoo-bin` of a source checkout), never `python -m odoo`.  Odoo re-executes
    ``sys.executable sys.argv[0]`` to reload itself (after a time or memory limit)
    and to start its gevent process when it has workers; with `-m odoo`,
    ``argv[0]`` is ``odoo/__main__.py``, which cannot run as a script."""
    odoo = odoo_or_exit()
    package_dir = os.path.dirname(os.path.abspath(odoo.__file__))
    candidates = [
        os.path.join(os.path.dirname(sys.executable), "odoo"),
        os.path.join(os.path.dirname(package_dir), "odoo-bin"),
        shutil.which("odoo") or "",
        shutil.which("odoo-bin") or "",
    ]
    for script in candidates:
        if script and os.path.isfile(script):
            return [sys.executable, script]
    sys.exit(
        f"Odoo's `odoo` script is not beside {sys.executable} nor on PATH: "
        "install Odoo 18.0 with its scripts (see README.md, 'Requirements')."
    )


def odoo_environ(environ=None):
    """``environ`` (default: this process's) with this Python's directory first on
    PATH, as an activated virtualenv has it: Odoo reloads itself by re-executing
    the *name* of its Python (``python``), which must find this one again."""
    environ = dict(os.environ if environ is None else environ)
    bindir = os.path.dirname(sys.executable)
    environ["PATH"] = os.pathsep.join([bindir, environ.get("PATH", "")])
    return environ


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

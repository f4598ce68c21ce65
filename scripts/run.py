"""`make run`: create or update the local database `simantap` with the three addons and
the demo regency (simantap_demo), then serve Odoo on http://localhost:8069."""

import os
import sys

import odoo_env

# simantap_demo is the demo regency as data of its own: the database is created
# without stock demo data (no stock HR people, company or logo).
MODULES = "simantap_attendance,simantap_sanction,simantap_mobile_api,simantap_demo"


def main():
    odoo_env.odoo_or_exit()
    db = os.environ.get("SIMANTAP_DB", "simantap")
    port = os.environ.get("SIMANTAP_HTTP_PORT", "8069")
    base = [
        sys.executable,
        "-m",
        "odoo",
        "-d",
        db,
        f"--addons-path={odoo_env.addons_path()}",
        *odoo_env.db_args(),
        "--workers=0",
    ]
    conf = os.environ.get("SIMANTAP_ODOO_CONF")
    if conf:
        base.append(f"--config={conf}")
    # -i installs what is missing (with Indonesian, the regency's language: the
    # backend's labels and the API's messages), -u refreshes what is there;
    # neither serves.
    for flag in ("-i", "-u"):
        extra = ["--load-language=id_ID", "--without-demo=all"] if flag == "-i" else []
        code = os.spawnv(
            os.P_WAIT,
            sys.executable,
            [*base, flag, MODULES, *extra, "--stop-after-init"],
        )
        if code:
            return code
    print(f"Simantap is served on http://localhost:{port} (database {db})", flush=True)
    os.execv(sys.executable, [*base, f"--http-port={port}"])


if __name__ == "__main__":
    sys.exit(main())

"""`make openapi`: write the mobile API's OpenAPI document to
addons/simantap_mobile_api/static/openapi.json, exactly as the server serves it at
/simantap/api/v1/openapi.json (a test fails when the two differ).

The document is built by the installed endpoint itself, so a database with
simantap_mobile_api is needed: by default a throwaway one is created (about a
minute) and dropped; `--db NAME` uses an existing, up-to-date one instead.
"""

import argparse
import json
import os
import subprocess
import sys

import odoo_env

TARGET = os.path.join(
    odoo_env.REPO, "addons", "simantap_mobile_api", "static", "openapi.json"
)


def install(db, addons_path):
    cmd = [
        *odoo_env.odoo_command(),
        "-d",
        db,
        f"--addons-path={addons_path}",
        *odoo_env.db_args(),
        "-i",
        "simantap_mobile_api",
        "--without-demo=all",
        "--stop-after-init",
        "--http-port=0",
        "--workers=0",
        "--max-cron-threads=0",
        "--log-level=warn",
    ]
    subprocess.run(cmd, check=True)


def document(db, addons_path):
    odoo = odoo_env.odoo_or_exit()
    from odoo.modules.registry import Registry  # noqa: PLC0415

    odoo.tools.config.parse_config(
        [f"--addons-path={addons_path}", *odoo_env.db_args(), "--log-level=warn"]
    )
    registry = Registry(db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        endpoint = env.ref("simantap_mobile_api.fastapi_endpoint_simantap")
        return endpoint._get_app().openapi()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing database with the API installed")
    args = parser.parse_args()
    addons_path = odoo_env.addons_path()
    db = args.db or f"simantap_openapi_{os.getpid()}"
    try:
        if not args.db:
            install(db, addons_path)
        spec = document(db, addons_path)
    finally:
        if not args.db:
            from run_tests import drop_database  # noqa: PLC0415

            drop_database(db)
    with open(TARGET, "w", encoding="utf-8") as file:
        json.dump(spec, file, indent=2, ensure_ascii=False)
        file.write("\n")
    print(f"wrote {os.path.relpath(TARGET, odoo_env.REPO)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

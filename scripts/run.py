"""`make run`: create the local database `simantap` with the three addons and the demo
regency (simantap_demo) when they are missing, then serve Odoo on http://localhost:8069.

A restart installs only what is missing and upgrades only an addon whose version
changed: it never re-applies the data files of what is installed, so the records
users own (rule sets used by a locked month, calendars, scheduled actions) stay as
they left them.  The database manager and the database list are off."""

import ast
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

import odoo_env

# simantap_demo is the demo regency as data of its own: the database is created
# without stock demo data (no stock HR people, company or logo).
MODULES = [
    "simantap_attendance",
    "simantap_sanction",
    "simantap_mobile_api",
    "simantap_demo",
]


def _connect(dbname):
    import psycopg2  # noqa: PLC0415 (installed with Odoo)

    return psycopg2.connect(
        dbname=dbname,
        host=os.environ.get("PGHOST") or None,
        port=os.environ.get("PGPORT") or None,
        user=os.environ.get("PGUSER") or None,
        password=os.environ.get("PGPASSWORD") or None,
    )


def installed_versions(db):
    """{module: installed version} of the Simantap addons installed on ``db``;
    empty when the database or Odoo's tables do not exist yet."""
    conn = _connect("postgres")
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db])
            exists = cr.fetchone()
    finally:
        conn.close()
    if not exists:
        return {}
    conn = _connect(db)
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT to_regclass('ir_module_module')")
            if cr.fetchone()[0] is None:
                return {}
            cr.execute(
                "SELECT name, latest_version FROM ir_module_module"
                " WHERE name = ANY(%s) AND state = 'installed'",
                [MODULES],
            )
            return dict(cr.fetchall())
    finally:
        conn.close()


def manifest_version(module):
    path = os.path.join(odoo_env.PROJECT_ADDONS, module, "__manifest__.py")
    with open(path, encoding="utf-8") as manifest:
        return ast.literal_eval(manifest.read())["version"]


def plan(installed):
    """(modules to install, modules to upgrade): the missing ones, and the
    installed ones whose code carries another version than the database."""
    missing = [m for m in MODULES if m not in installed]
    changed = [
        m
        for m in MODULES
        if m in installed and installed[m] != manifest_version(m) and m not in missing
    ]
    return missing, changed


def wait_until_listening(proc, port, limit=600):
    """True once the server answers its health check; False if it exited."""
    deadline = time.time() + limit
    url = f"http://127.0.0.1:{port}/web/health"
    while time.time() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if response.status == 200:
                    return True
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.5)
    return False


def main():
    odoo_env.odoo_or_exit()
    db = os.environ.get("SIMANTAP_DB", "simantap")
    port = os.environ.get("SIMANTAP_HTTP_PORT", "8069")
    base = [
        *odoo_env.odoo_command(),
        # the one database, and no --db-filter: with a filter Odoo lists the
        # server's databases at every request without a session (each phone's),
        # with -d alone it serves that database and lists nothing
        "-d",
        db,
        f"--addons-path={odoo_env.addons_path()}",
        *odoo_env.db_args(),
        "--no-database-list",
    ]
    conf = os.environ.get("SIMANTAP_ODOO_CONF")
    if conf:
        base.append(f"--config={conf}")
    else:
        base.append("--workers=0")
    missing, changed = plan(installed_versions(db))
    steps = []
    if missing:
        # with Indonesian, the regency's language: the backend's labels and the
        # API's messages
        steps.append(
            ["-i", ",".join(missing), "--load-language=id_ID", "--without-demo=all"]
        )
    if changed:
        steps.append(["-u", ",".join(changed)])
    for step in steps:
        code = subprocess.call(
            [*base, *step, "--stop-after-init"], env=odoo_env.odoo_environ()
        )
        if code:
            return code
    proc = subprocess.Popen([*base, f"--http-port={port}"], env=odoo_env.odoo_environ())

    def forward(signum, _frame):
        if proc.poll() is None:
            proc.send_signal(signum)

    # a container's stop (SIGTERM) and reload (SIGHUP) reach this process only;
    # Ctrl-C in a terminal reaches both (Odoo would take a second SIGINT as a
    # forced shutdown)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, forward)
    if wait_until_listening(proc, port):
        print(
            f"Simantap is served on http://localhost:{port} (database {db})",
            flush=True,
        )
    return proc.wait()


if __name__ == "__main__":
    sys.exit(main())

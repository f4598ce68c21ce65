"""`make test`: on a fresh throwaway database without stock demo data, install the
Simantap addons, run their Odoo tests and stock hr_attendance's, then install the demo
regency (simantap_demo, as `make run` does) and run its tests, then pytest on tests/
against a live server on the same database; the phone app's JavaScript unit tests (Node's test runner, see
package.json) run first; end with one line `N passed, N failed` and exit non-zero on
any failure.

Environment: SIMANTAP_TEST_TAGS overrides the Odoo test tags and SIMANTAP_PYTEST the
pytest arguments (files, `-k`; `skip` runs none), both for a quicker local loop;
SIMANTAP_KEEP_DB=1 keeps the database, PG* variables pick the PostgreSQL server.
"""

import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

import odoo_env

MODULES = ["simantap_attendance", "simantap_sanction", "simantap_mobile_api"]
# the demo regency, installed after the addons' tests so that they see none of it
DEMO = "simantap_demo"
TESTED = [*MODULES, "hr_attendance", DEMO]
LOG_DIR = os.path.join(odoo_env.REPO, ".test-logs")
LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) (?P<db>\S+) (?P<logger>\S+): (?P<msg>.*)$"
)
SUMMARY = re.compile(
    r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<total>\d+) tests"
)
TEST_START = re.compile(r"^odoo\.addons\.(?P<module>\w+)\.tests\.")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def drop_database(name):
    import psycopg2  # noqa: PLC0415 (installed with Odoo)

    conn = psycopg2.connect(
        dbname="postgres",
        host=os.environ.get("PGHOST") or None,
        port=os.environ.get("PGPORT") or None,
        user=os.environ.get("PGUSER") or None,
        password=os.environ.get("PGPASSWORD") or None,
    )
    conn.autocommit = True
    with conn.cursor() as cr:
        cr.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    conn.close()


def split_tags():
    """The Odoo test tags of the addons' run and of the demo's run."""
    tags = os.environ.get("SIMANTAP_TEST_TAGS") or ",".join(f"/{m}" for m in TESTED)
    parts = [tag for tag in tags.split(",") if tag.strip()]
    return (
        ",".join(tag for tag in parts if DEMO not in tag),
        ",".join(tag for tag in parts if DEMO in tag),
    )


def run_odoo_tests(db, addons_path, modules, tags, append=False):
    """Install ``modules`` (without stock demo data) and run ``tags`` (none: only
    install); return (passed, failed, per-module test counts)."""
    os.makedirs(LOG_DIR, exist_ok=True)
    log_path = os.path.join(LOG_DIR, "odoo-tests.log")
    cmd = [
        *odoo_env.odoo_command(),
        "-d",
        db,
        f"--addons-path={addons_path}",
        *odoo_env.db_args(),
        "-i",
        ",".join(modules),
        "--without-demo=all",
        *(["--test-enable", f"--test-tags={tags}"] if tags else []),
        "--stop-after-init",
        f"--http-port={free_port()}",
        "--workers=0",
        "--max-cron-threads=0",
        "--log-level=info",
    ]
    print(
        f"odoo: installing {', '.join(modules)} on {db} and running {tags or 'no test'}",
        flush=True,
    )
    print(f"odoo: full log in {log_path}", flush=True)
    summary, log_errors, per_module = None, [], {}
    with (
        open(log_path, "a" if append else "w", encoding="utf-8") as log,
        subprocess.Popen(
            cmd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            bufsize=1,
            env=odoo_env.odoo_environ(),
        ) as proc,
    ):
        for raw in proc.stdout:
            log.write(raw)
            match = LINE.match(raw.rstrip("\n"))
            if not match:
                continue
            level, logger, msg = match["level"], match["logger"], match["msg"]
            started = TEST_START.match(logger)
            if started and msg.startswith("Starting "):
                per_module[started["module"]] = per_module.get(started["module"], 0) + 1
            if logger == "odoo.tests.result" and (found := SUMMARY.search(msg)):
                summary = found
            if level in ("ERROR", "CRITICAL"):
                log_errors.append(raw.rstrip("\n"))
            # module descriptions of this Odoo build trip docutils: not ours
            noise = msg.startswith("docutils' system message")
            if (level in ("WARNING", "ERROR", "CRITICAL") and not noise) or (
                logger == "odoo.tests.result"
            ):
                print(raw, end="", flush=True)
        returncode = proc.wait()
    if not tags:
        if log_errors or returncode:
            print(
                f"odoo: installing {', '.join(modules)} failed (see above)", flush=True
            )
            return 0, 1, per_module
        return 0, 0, per_module
    if summary is None:
        print("odoo: no test summary found: the installation failed", flush=True)
        return 0, 1, per_module
    total = int(summary["total"])
    failed = int(summary["failed"]) + int(summary["errors"])
    if not failed and (log_errors or returncode):
        print("odoo: errors were logged outside the tests (see above)", flush=True)
        failed = 1
    return total - min(failed, total), failed, per_module


def run_pytest(db, addons_path):
    """pytest on tests/ (live-server journeys); return (passed, failed, skipped)."""
    junit = os.path.join(LOG_DIR, "pytest.xml")
    env = dict(os.environ, SIMANTAP_TEST_DB=db, SIMANTAP_ADDONS_PATH=addons_path)
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        f"--junitxml={junit}",
        *(
            shlex.split(os.environ.get("SIMANTAP_PYTEST", ""))
            or [os.path.join(odoo_env.REPO, "tests")]
        ),
    ]
    print("pytest: " + " ".join(cmd[3:]), flush=True)
    code = subprocess.call(cmd, env=env, cwd=odoo_env.REPO)
    if code == 5:  # no test collected
        return 0, 0, 0
    if not os.path.exists(junit):
        return 0, 1, 0
    tests = failures = skipped = 0
    for suite in ET.parse(junit).getroot().iter("testsuite"):
        tests += int(suite.get("tests", 0))
        failures += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        skipped += int(suite.get("skipped", 0))
    if code and not failures:
        failures = 1
    return tests - failures - skipped, failures, skipped


def run_js_tests():
    """The phone app's unit tests (js-tests/, `node --test`); return (passed, failed)."""
    node = shutil.which("node")
    if not node:
        print(
            "js: node is missing (apt-get install nodejs): JS tests not run", flush=True
        )
        return 0, 1
    cmd = [node, "--test", "--test-reporter=tap", "js-tests/"]
    print("js: " + " ".join(cmd[1:]), flush=True)
    proc = subprocess.run(
        cmd, cwd=odoo_env.REPO, capture_output=True, text=True, check=False
    )
    counts = dict(re.findall(r"^# (pass|fail) (\d+)$", proc.stdout, re.MULTILINE))
    passed, failed = int(counts.get("pass", 0)), int(counts.get("fail", 0))
    if failed or proc.returncode:
        print(proc.stdout[-20000:], proc.stderr[-5000:], sep="\n", flush=True)
        failed = failed or 1
    print(f"js: {passed} passed, {failed} failed", flush=True)
    return passed, failed


def main():
    odoo_env.odoo_or_exit()
    addons_path = odoo_env.addons_path()
    db = f"simantap_test_{os.getpid()}_{int(time.time())}"
    started = time.time()
    js_passed, js_failed = run_js_tests()
    try:
        addon_tags, demo_tags = split_tags()
        pytest_runs = os.environ.get("SIMANTAP_PYTEST") != "skip"
        passed, failed, per_module = run_odoo_tests(
            db, addons_path, MODULES, addon_tags
        )
        if not failed and (demo_tags or pytest_runs):
            demo = run_odoo_tests(db, addons_path, [DEMO], demo_tags, append=True)
            passed, failed = passed + demo[0], failed + demo[1]
            per_module.update(demo[2])
        for module in TESTED if not os.environ.get("SIMANTAP_TEST_TAGS") else []:
            if not per_module.get(module):
                print(f"odoo: no test of {module} ran", flush=True)
                failed += 1
        print(
            "odoo: tests per module: "
            + ", ".join(f"{m}={n}" for m, n in sorted(per_module.items())),
            flush=True,
        )
        py_passed = py_failed = skipped = 0
        if not failed and pytest_runs:
            py_passed, py_failed, skipped = run_pytest(db, addons_path)
    finally:
        if not os.environ.get("SIMANTAP_KEEP_DB"):
            drop_database(db)
    passed, failed = passed + py_passed + js_passed, failed + py_failed + js_failed
    print(f"test run took {time.time() - started:.0f} s", flush=True)
    line = f"{passed} passed, {failed} failed"
    if skipped:
        line += f", {skipped} skipped"
    print(line, flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

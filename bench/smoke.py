"""Every bench script once, small, with a time budget each: what CI runs
(``make bench-smoke``) so that a regression by an order of magnitude fails.

    python3 bench/smoke.py

The Simantap addons are installed once, in a template database that each script
copies (``BENCH_TEMPLATE``), so that the run takes minutes, not an install per
script.  Each script's figures are printed as it ends; the exit status is non-zero
if a script fails, prints no figures or overruns its budget.  The budgets are
generous (about ten times a small run on a quiet 2-core machine): they catch the
O(N^2) kind of mistake, not noise.  The full-size figures are measured by hand (see
bench/README.md).
"""

import os
import subprocess
import sys
import time

from benchlib import create_database, drop_database

HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATE = f"simantap_bench_template_{os.getpid()}"

# script, size argument, budget in seconds (install excluded)
RUNS = [
    ("daily.py", 400, 600),
    ("month.py", 400, 600),
    ("pings.py", 100, 600),
    ("checkin.py", 1, 600),
    ("http_checkin.py", 2, 900),
    ("ping_partition.py", 20000, 600),
]


def run(script, size, budget):
    """Run one bench; returns (ok, seconds, last line)."""
    start = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, os.path.join(HERE, script), str(size)],
            env=dict(os.environ, BENCH_TEMPLATE=TEMPLATE),
            capture_output=True,
            text=True,
            timeout=budget,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return False, time.perf_counter() - start, f"over its budget of {budget} s"
    seconds = time.perf_counter() - start
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    if done.returncode or not lines or "=" not in lines[-1]:
        tail = (done.stderr or done.stdout).strip().splitlines()[-15:]
        return False, seconds, f"exit {done.returncode}\n  " + "\n  ".join(tail)
    return True, seconds, lines[-1]


def main():
    print(f"installing the addons once in {TEMPLATE}", flush=True)
    create_database(TEMPLATE, modules="simantap_mobile_api")
    failed = []
    try:
        for script, size, budget in RUNS:
            ok, seconds, last = run(script, size, budget)
            state = "ok" if ok else "FAILED"
            print(f"{script} {size}: {state} in {seconds:.0f} s: {last}", flush=True)
            if not ok:
                failed.append(script)
    finally:
        drop_database(TEMPLATE)
    if failed:
        print(f"bench-smoke: {len(failed)} failed: {' '.join(failed)}", flush=True)
        return 1
    print(f"bench-smoke: {len(RUNS)} benches ran within their budgets", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

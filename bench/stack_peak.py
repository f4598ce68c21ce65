"""A morning peak through the stack's proxy (`make stack` first; `make bench
B=stack_peak` or `python3 bench/stack_peak.py [phones]`).

For 1, 2 and 4 Odoo worker processes behind nginx (one server with one worker, two
servers with one, two servers with two; scripts/stack.py restarts them), ``phones``
new employees sign in (not measured), then check in with a 1280x960 selfie, each at a
random moment of a compressed window, and send ``--pings`` presence pings each.  It
prints, per level: requests, throughput, p50/p95 of check-ins and pings, errors (any
answer but 200/201), and the replication lag seen on the primary during the peak
(pg_stat_replication, sampled every 0.5 s); then the scaling efficiency.  Its last
line: ``scale_efficiency_4=<rps at 4 / (4 x rps at 1)> peak_p95_ms=<p95 at 4>``.
The servers are left as `make stack` starts them (two servers, two workers)."""

import argparse
import base64
import os
import random
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests_stack"))

import benchlib  # noqa: E402
import stack_client  # noqa: E402

LEVELS = {1: (1, 1), 2: (2, 1), 4: (2, 2)}  # worker processes: (servers, workers each)
PRIMARY_PORT = int(os.environ.get("SIMANTAP_STACK_PG_PORT", "5434"))


def restart(servers, workers):
    subprocess.run(
        [
            sys.executable,
            os.path.join(benchlib.REPO, "scripts", "stack.py"),
            "restart-servers",
            f"--servers={servers}",
            f"--workers={workers}",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def percentile(values, fraction):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


class LagSampler(threading.Thread):
    """Replication lag on the primary (bytes not yet replayed, and replay_lag)."""

    def __init__(self):
        super().__init__(daemon=True)
        self.stop = threading.Event()
        self.max_bytes = 0
        self.max_ms = 0.0

    def run(self):
        import psycopg2  # noqa: PLC0415 (with Odoo)

        cnx = psycopg2.connect(
            host="127.0.0.1", port=PRIMARY_PORT, user="postgres", dbname="postgres"
        )
        cnx.autocommit = True
        with cnx.cursor() as cr:
            while not self.stop.wait(0.5):
                cr.execute(
                    """SELECT COALESCE(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn), 0),
                              COALESCE(EXTRACT(EPOCH FROM replay_lag) * 1000, 0)
                       FROM pg_stat_replication"""
                )
                for lag_bytes, lag_ms in cr.fetchall():
                    self.max_bytes = max(self.max_bytes, int(lag_bytes))
                    self.max_ms = max(self.max_ms, float(lag_ms))
        cnx.close()


def peak(phones, photos, pings, window, threads):
    """Every phone checks in at a random moment of ``window`` seconds, then pings;
    ``{kind: [ms]}``, errors, elapsed seconds."""
    timings = {"check_in": [], "ping": []}
    errors = []
    start = time.monotonic() + 0.5
    rng = random.Random(7)
    offsets = [rng.uniform(0, window) for _ in phones]

    def one(index):
        phone = phones[index]
        delay = start + offsets[index] - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        for kind, path, body in [
            ("check_in", "/attendance/check-in", phone.event(photos[index])),
            *[("ping", "/pings", phone.event()) for _ in range(pings)],
        ]:
            began = time.perf_counter()
            try:
                response = phone.request("POST", path, json=body)
                status = response.status_code
            except Exception as error:
                status = type(error).__name__
            timings[kind].append((time.perf_counter() - began) * 1000)
            if status not in (200, 201):
                errors.append(f"{kind}:{status}")

    began = time.monotonic()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(one, range(len(phones))))
    return timings, errors, time.monotonic() - max(began, start)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("phones", nargs="?", type=int, default=24)
    parser.add_argument("--pings", type=int, default=3)
    parser.add_argument(
        "--window",
        type=float,
        default=None,
        help="seconds the check-ins are spread over (default phones/8)",
    )
    parser.add_argument("--threads", type=int, default=12)
    options = parser.parse_args()
    window = options.window if options.window is not None else options.phones / 8
    if not stack_client.stack_is_up():
        sys.exit("stack_peak: the stack is not running: `make stack` first")
    photos = [
        base64.b64encode(benchlib.selfie_jpeg(seed)).decode()
        for seed in range(options.phones)
    ]
    results = {}
    try:
        for processes, (servers, workers) in LEVELS.items():
            restart(servers, workers)
            admin = stack_client.Admin()
            accounts = admin.employees(options.phones, tag=f"peak{processes}")
            phones = [stack_client.Phone() for _ in accounts]
            with ThreadPoolExecutor(4) as pool:
                signed = list(
                    pool.map(
                        lambda pair: pair[0].sign_in(*pair[1]).status_code,
                        zip(phones, accounts, strict=True),
                    )
                )
            assert set(signed) == {200}, signed
            sampler = LagSampler()
            sampler.start()
            timings, errors, elapsed = peak(
                phones, photos, options.pings, window, options.threads
            )
            sampler.stop.set()
            sampler.join()
            every = timings["check_in"] + timings["ping"]
            results[processes] = figures = {
                "requests": len(every),
                "rps": round(len(every) / elapsed, 2),
                "check_in_p50_ms": round(percentile(timings["check_in"], 0.5), 1),
                "check_in_p95_ms": round(percentile(timings["check_in"], 0.95), 1),
                "ping_p95_ms": round(percentile(timings["ping"], 0.95), 1),
                "p95_ms": round(percentile(every, 0.95), 1),
                "errors": len(errors),
                "max_replay_lag_ms": round(sampler.max_ms, 1),
                "max_replay_lag_bytes": sampler.max_bytes,
            }
            print(
                f"workers={processes} servers={servers} "
                + " ".join(f"{key}={value}" for key, value in figures.items()),
                flush=True,
            )
            if errors:
                print(f"  errors: {sorted(set(errors))}", flush=True)
    finally:
        restart(2, 2)
    rps1 = results[1]["rps"]
    print(
        f"phones={options.phones} pings={options.pings} window_s={window} "
        f"scale_efficiency_2={results[2]['rps'] / (2 * rps1):.2f} "
        f"load_average={os.getloadavg()[0]:.1f}",
        flush=True,
    )
    benchlib.print_figures(
        {
            "scale_efficiency_4": f"{results[4]['rps'] / (4 * rps1):.2f}",
            "peak_p95_ms": results[4]["p95_ms"],
        }
    )


if __name__ == "__main__":
    main()

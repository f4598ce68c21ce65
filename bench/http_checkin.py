"""Check-ins over HTTP with 20 concurrent phones against one Odoo server: Simantap's
mobile API (``POST /simantap/api/v1/attendance/check-in`` and ``check-out``, a
1280x960 JPEG selfie in base64, bearer token, rate limiter, geofence, fraud signals,
attempt log) beside stock Odoo's own JSON check-in route
(``/hr_attendance/systray_check_in_out``, a logged-in web session), in the same run on
the same server, the two routes in alternating rounds so that a busy machine slows
both.  Each phone checks in and out in turn (both routes toggle).

    python3 bench/http_checkin.py [requests]   # creates and drops its own database

``requests`` is the number of requests per phone per round (default 10; 3 rounds,
20 phones).  With ``BENCH_PROFILE=<file>``, py-spy samples the server during the
measured rounds and writes its raw (collapsed) stacks to ``<file>.<route>.<round>``;
``BENCH_PROFILE_GIL=1`` keeps only the samples holding the GIL (Python's CPU).

Target: the Simantap route's p95 latency at most 2x the stock route's, selfie
included.  Figures on the line before last; last line:
http_p95_ratio=<simantap/stock> simantap_rps=<n> stock_rps=<n>
"""

import base64
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import psutil
import requests
from benchlib import (
    create_database,
    drop_database,
    environment,
    odoo_env,
    print_figures,
    selfie_jpeg,
)

CLIENTS = 20
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
PER_ROUND = int(
    sys.argv[1] if len(sys.argv) > 1 else os.environ.get("BENCH_PER_ROUND", "10")
)  # requests per phone
PER_ROUND += PER_ROUND % 2  # even: both routes toggle the same employees
WARMUP = 2
PHOTOS = 48
OFFICE = (-1.4745, 101.399)
DB = f"simantap_bench_http_{os.getpid()}"
API = "/simantap/api/v1"


def selfie(seed):
    """A phone-sized selfie (see benchlib.selfie_jpeg), base64."""
    return base64.b64encode(selfie_jpeg(seed)).decode()


def populate():
    """CLIENTS employees with a login each, at one office, always working; the
    API's write limit raised out of the way (its bucket is still consulted)."""
    with environment(DB) as env:
        days = [
            (0, 0, {"name": f"day {d}", "dayofweek": str(d), "hour_from": 0.0,
                    "hour_to": 24.0, "day_period": "morning"})
            for d in range(7)
        ]  # fmt: skip
        calendar = env["resource.calendar"].create(
            {"name": "Always", "tz": "Asia/Jakarta", "attendance_ids": days}
        )
        location = env["hr.work.location"].create(
            {
                "name": "Kantor BKPSDM",
                "location_type": "office",
                "address_id": env.company.partner_id.id,
                "latitude": OFFICE[0],
                "longitude": OFFICE[1],
                "geofence_radius": 100,
            }
        )
        logins = []
        for index in range(CLIENTS):
            login = f"bench{index:02d}"
            user = env["res.users"].create(
                {
                    "name": f"ASN {index:02d}",
                    "login": login,
                    "password": f"{login}-pw",
                    "tz": "Asia/Jakarta",
                    "groups_id": [(6, 0, env.ref("base.group_user").ids)],
                }
            )
            env["hr.employee"].create(
                {
                    "name": f"ASN {index:02d}",
                    "user_id": user.id,
                    "tz": "Asia/Jakarta",
                    "resource_calendar_id": calendar.id,
                    "work_location_id": location.id,
                }
            )
            logins.append(login)
        env.ref("simantap_mobile_api.fastapi_endpoint_simantap").write(
            {"simantap_rate_per_minute": 1_000_000, "simantap_rate_burst": 1_000_000}
        )
        env.cr.commit()
    return logins


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port, log):
    cmd = [
        *odoo_env.odoo_command(),
        "-d",
        DB,  # no --db-filter, as scripts/run.py
        f"--addons-path={odoo_env.addons_path()}",
        *odoo_env.db_args(),
        "--http-interface=127.0.0.1",
        f"--http-port={port}",
        "--workers=0",
        "--max-cron-threads=0",
        f"--log-level={os.environ.get('BENCH_LOG_LEVEL', 'warn')}",
        f"--logfile={log}",
    ]
    proc = subprocess.Popen(cmd, env=odoo_env.odoo_environ())
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 180
    try:
        while time.time() < deadline and proc.poll() is None:
            try:
                if requests.get(f"{url}/web/login", timeout=60).status_code == 200:
                    return proc, url
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"Odoo did not start; see {log}")
    except BaseException:
        proc.kill()
        raise


class Paced:
    """Attendances are stamped to the second, and stock Odoo finds an employee's
    last one by check-in time: a phone's check-in must not fall in the second of
    its previous check-in, or the tie hides which attendance is open ("hasn't
    checked out").  Before a check-in, :meth:`pace` waits until the second in which
    the previous check-in's answer came has passed (rarely: two requests take
    about a second)."""

    turn = 0
    checked_in_at = None  # the whole second the last check-in's answer came

    def pace(self):
        if self.turn % 2 == 0 and self.checked_in_at is not None:
            while int(time.time()) <= self.checked_in_at:
                time.sleep(0.02)

    def acted(self):
        if self.turn % 2 == 0:
            self.checked_in_at = int(time.time())
        self.turn += 1


class StockPhone(Paced):
    """The web client's systray button: a session, then one JSON-RPC call."""

    def __init__(self, url, login):
        self.url = url
        self.session = requests.Session()
        answer = self.session.post(
            f"{url}/web/session/authenticate",
            json={"jsonrpc": "2.0", "method": "call",
                  "params": {"db": DB, "login": login, "password": f"{login}-pw"}},
            timeout=60,
        )  # fmt: skip
        assert answer.json().get("result", {}).get("uid"), answer.text

    def act(self):
        answer = self.session.post(
            f"{self.url}/hr_attendance/systray_check_in_out",
            json={"jsonrpc": "2.0", "method": "call",
                  "params": {"latitude": OFFICE[0], "longitude": OFFICE[1]}},
            timeout=120,
        )  # fmt: skip
        assert answer.status_code == 200 and "error" not in answer.json(), answer.text
        self.acted()


class SimantapPhone(Paced):
    """The Simantap app: a bound phone, a token, a selfie with every event."""

    def __init__(self, url, login, photos):
        self.url = f"{url}{API}"
        self.session = requests.Session()
        self.photos = photos
        answer = self.session.post(
            f"{self.url}/auth/sign-in",
            json={"login": login, "password": f"{login}-pw",
                  "device_id": f"bench-phone-{login}"},
            timeout=60,
        )  # fmt: skip
        assert answer.status_code == 200, answer.text
        self.session.headers["Authorization"] = (
            f"Bearer {answer.json()['access_token']}"
        )

    def act(self):
        kind = "check-in" if self.turn % 2 == 0 else "check-out"
        body = {
            "uuid": str(uuid.uuid4()),
            "captured_at": datetime.now(UTC).isoformat(),
            "latitude": OFFICE[0] + random.uniform(-0.0002, 0.0002),
            "longitude": OFFICE[1] + random.uniform(-0.0002, 0.0002),
            "accuracy": 8.0,
            "photo": self.photos[self.turn % len(self.photos)],
        }
        answer = self.session.post(
            f"{self.url}/attendance/{kind}", json=body, timeout=120
        )
        assert answer.status_code == 200, answer.text[:300]
        self.acted()


def start_profiler(pid, route, index):
    """py-spy sampling the server during one route's round, if ``BENCH_PROFILE``
    names its output: ``<BENCH_PROFILE>.<route>.<round>``, one file per round, so
    that each route's stacks (the commit included) are apart."""
    out = os.environ.get("BENCH_PROFILE")
    if not out:
        return None
    out = f"{out}.{route}.{index}"
    spy = os.path.join(os.path.dirname(sys.executable), "py-spy")
    profiler = subprocess.Popen(
        [spy, "record", "--pid", str(pid), "--format", "raw", "--rate", "100",
         "--output", out, "--nonblocking",
         *(["--gil"] if os.environ.get("BENCH_PROFILE_GIL") else [])]
    )  # fmt: skip
    time.sleep(2)
    return profiler


def stop_profiler(profiler):
    if profiler is not None:
        profiler.send_signal(signal.SIGINT)
        profiler.wait(timeout=120)


def run_round(phones, count):
    """Every phone makes ``count`` requests, all phones at once; returns the
    latencies (s) and the wall time of the round."""
    latencies = []
    lock = threading.Lock()
    barrier = threading.Barrier(len(phones))

    def drive(phone):
        barrier.wait()
        mine = []
        for _request in range(count):
            phone.pace()
            start = time.perf_counter()
            phone.act()
            mine.append(time.perf_counter() - start)
        with lock:
            latencies.extend(mine)

    # attendances are stamped to the second and stock Odoo takes the employee's
    # last one by check-in time: a new round must not start in the second the
    # last one ended, or a tie hides which attendance is open
    time.sleep(1.1)
    start = time.perf_counter()
    with ThreadPoolExecutor(len(phones)) as pool:
        for future in [pool.submit(drive, phone) for phone in phones]:
            future.result()
    return latencies, time.perf_counter() - start


def cpu_seconds(server_pid):
    """CPU seconds used so far by the Odoo server and by PostgreSQL (its live
    processes, and the backends that have ended, counted on their parent)."""
    server = psutil.Process(server_pid)
    odoo = sum(server.cpu_times()[:2])
    pg = 0.0
    for proc in psutil.process_iter(["name", "ppid"]):
        if not (proc.info["name"] or "").startswith("postgres"):
            continue
        try:
            times = proc.cpu_times()
            pg += times.user + times.system
            parent = psutil.Process(proc.info["ppid"])
            if not (parent.name() or "").startswith("postgres"):  # the postmaster
                pg += times.children_user + times.children_system
        except psutil.Error:
            pass
    return {"odoo": odoo, "pg": pg}


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main():
    photos = [selfie(seed) for seed in range(PHOTOS)]
    print(f"selfie: 1280x960 JPEG, {len(photos[0]) * 3 // 4 // 1024} KB", flush=True)
    create_database(DB, modules="simantap_mobile_api")
    server = None
    try:
        logins = populate()
        log = os.path.join(tempfile.gettempdir(), f"{DB}.log")
        server, url = start_server(free_port(), log)
        stock = [StockPhone(url, login) for login in logins]
        simantap = [
            SimantapPhone(url, login, photos[2 * i : 2 * i + 2] + photos[40:])
            for i, login in enumerate(logins)
        ]
        run_round(stock, WARMUP)
        run_round(simantap, WARMUP)
        measured = {"stock": ([], 0.0), "simantap": ([], 0.0)}
        cpu = dict.fromkeys(
            ("stock_odoo", "stock_pg", "simantap_odoo", "simantap_pg"), 0.0
        )
        for index in range(ROUNDS):
            for name, phones in (("stock", stock), ("simantap", simantap)):
                profiler = start_profiler(server.pid, name, index)
                before = cpu_seconds(server.pid)
                latencies, wall = run_round(phones, PER_ROUND)
                after = cpu_seconds(server.pid)
                stop_profiler(profiler)
                total, elapsed = measured[name]
                measured[name] = (total + latencies, elapsed + wall)
                for side in ("odoo", "pg"):
                    cpu[f"{name}_{side}"] += after[side] - before[side]
        figures = {}
        for name, (latencies, wall) in measured.items():
            figures[f"{name}_p50_ms"] = round(statistics.median(latencies) * 1000, 1)
            figures[f"{name}_p95_ms"] = round(percentile(latencies, 0.95) * 1000, 1)
            figures[f"{name}_rps"] = round(len(latencies) / wall, 1)
            count = len(latencies)
            for side in ("odoo", "pg"):
                figures[f"{name}_{side}_cpu_ms"] = round(
                    cpu[f"{name}_{side}"] * 1000 / count, 1
                )
        figures["requests_per_route"] = len(measured["stock"][0])
        print_figures(figures)
        print_figures(
            {
                "http_p95_ratio": round(
                    figures["simantap_p95_ms"] / figures["stock_p95_ms"], 2
                ),
                "simantap_rps": figures["simantap_rps"],
                "stock_rps": figures["stock_rps"],
            }
        )
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        drop_database(DB)


if __name__ == "__main__":
    main()

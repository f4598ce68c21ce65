"""Journeys against the production-shaped stack (`make stack`, then `make
stack-test`): nginx in front of two Odoo servers with two workers and a cron worker
each, PostgreSQL primary and a streaming replica.  Skipped when the stack is down."""

import glob
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from stack_client import LOGS, SERVERS, Phone, now_utc, selfie


def signed_in(admin, url=None):
    [(login, password)] = admin.employees(1)
    phone = Phone(url) if url else Phone()
    assert phone.sign_in(login, password).status_code == 200
    return phone


def at_once(*calls):
    """Run the calls in threads released together; their results in order."""
    barrier = threading.Barrier(len(calls))

    def go(call):
        barrier.wait()
        return call()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(go, calls))


def test_check_in_through_the_proxy(admin):
    phone = signed_in(admin)
    response = phone.request("POST", "/attendance/check-in", json=phone.event(selfie()))
    assert response.status_code in (200, 201), response.text
    assert response.json()["status"] == "accepted"
    assert response.headers["X-Simantap-Upstream"].startswith("127.0.0.1:")
    today = phone.request("GET", "/me/today").json()
    assert today["checked_in"] is True


def test_replayed_uuid_sent_to_both_servers_is_stored_once(admin):
    phone = signed_in(admin)
    first, second = SERVERS
    body = phone.event(selfie())
    answers = at_once(
        lambda: phone.request("POST", "/attendance/check-in", url=first, json=body),
        lambda: phone.request("POST", "/attendance/check-in", url=second, json=body),
    )
    assert [a.status_code for a in answers] == [answers[0].status_code] * 2, [
        a.text for a in answers
    ]
    results = [a.json() for a in answers]
    assert sorted(r["replayed"] for r in results) == [False, True]
    assert {r["status"] for r in results} == {"accepted"}
    attempts = admin.model(
        "simantap.attendance.attempt", "search_count", [("uuid", "=", body["uuid"])]
    )
    assert attempts == 1
    # pings: the same, several times over
    for _round in range(5):
        ping = phone.event()
        answers = at_once(
            lambda ping=ping: phone.request("POST", "/pings", url=first, json=ping),
            lambda ping=ping: phone.request("POST", "/pings", url=second, json=ping),
        )
        assert all(a.status_code in (200, 201) for a in answers), [
            a.text for a in answers
        ]
        assert sorted(a.json()["replayed"] for a in answers) == [False, True]
        stored = admin.model(
            "simantap.presence.ping", "search_count", [("uuid", "=", ping["uuid"])]
        )
        assert stored == 1


def test_read_only_pages_come_from_the_replica_and_show_my_writes(admin):
    """A phone signs in (a write on the primary) and at once reads its week, served
    read-only by the replica: its new token is already there, every time."""
    for _round in range(5):
        phone = signed_in(admin)
        started = time.time()
        week = phone.request("GET", "/me/week")
        assert week.status_code == 200, week.text
        month = phone.request("GET", "/me/month")
        assert month.status_code == 200, month.text
    # Odoo logs each request's cursor: 'ro' is the replica, 'ro->rw' a fall-back
    time.sleep(1)
    lines = [
        line
        for path in glob.glob(f"{LOGS}/odoo-*.log")
        for line in open(path, errors="replace")
        if "GET /simantap/api/v1/me/week" in line
        or "GET /simantap/api/v1/me/month" in line
    ]
    assert lines, "no request line in the servers' logs"
    assert all(line.rstrip().endswith(" ro") for line in lines[-10:]), lines[-10:]
    assert started


def test_write_limit_is_shared_by_both_servers(admin):
    """The token bucket of a phone is one, whichever server and worker answers."""
    endpoint = admin.model(
        "fastapi.endpoint",
        "search_read",
        [("app", "=", "simantap")],
        fields=["simantap_rate_per_minute", "simantap_rate_burst"],
    )[0]
    phone = signed_in(admin)
    admin.model(
        "fastapi.endpoint",
        "write",
        [endpoint["id"]],
        {"simantap_rate_per_minute": 1, "simantap_rate_burst": 4},
    )
    try:
        codes = [
            phone.request(
                "POST", "/pings", url=SERVERS[i % 2], json=phone.event()
            ).status_code
            for i in range(8)
        ]
    finally:
        admin.model(
            "fastapi.endpoint",
            "write",
            [endpoint["id"]],
            {
                key: endpoint[key]
                for key in ("simantap_rate_per_minute", "simantap_rate_burst")
            },
        )
    assert codes.count(429) >= 3, codes
    assert 429 not in codes[:4], codes


@pytest.mark.xfail(
    reason="the sign-in cooldown lives in each process's memory on this branch; "
    "the `server` branch shares it through PostgreSQL",
    strict=False,
)
def test_sign_in_cooldown_is_shared_by_both_servers(admin):
    """Failed sign-ins of one login count together on every server and worker."""
    [(login, _password)] = admin.employees(1)
    phone = Phone()
    after = int(
        admin.model("ir.config_parameter", "get_param", "base.login_cooldown_after")
        or 5
    )
    codes = [
        phone.request(
            "POST",
            "/auth/sign-in",
            url=SERVERS[i % 2],
            json={"login": login, "password": "wrong", "device_id": phone.device_id},
        ).status_code
        for i in range(after + 3)
    ]
    assert codes[-1] == 429, codes


def test_cron_runs_once_with_two_servers(admin):
    """Both servers run a cron worker; the nightly evaluation, due now, runs once."""
    cron = admin.ref("simantap_attendance.ir_cron_evaluate_days")
    progress_before = admin.model(
        "ir.cron.progress", "search_count", [("cron_id", "=", cron)]
    )
    [before] = admin.model("ir.cron", "read", [cron], ["lastcall"])
    admin.model(
        "ir.cron",
        "write",
        [cron],
        {
            "nextcall": now_utc().replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S"),
            "active": True,
        },
    )
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        [now] = admin.model("ir.cron", "read", [cron], ["lastcall"])
        if now["lastcall"] != before["lastcall"]:
            break
        time.sleep(2)
    else:
        pytest.fail("the cron did not run within 4 minutes")
    time.sleep(70)  # the other server's cron worker has polled meanwhile
    runs = admin.model("ir.cron.progress", "search_count", [("cron_id", "=", cron)])
    assert runs - progress_before == 1

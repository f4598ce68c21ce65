"""The mobile API over HTTP, as an Android phone drives it: sign-in and device
binding, a full working day, an offline batch sent three times, revoked phones,
tokens of other employees, and every error code of the error model."""

import json
import os
import uuid

import pytest
import requests

pytest.register_assert_rewrite("phone")
from phone import (  # noqa: E402
    API,
    FAR_AWAY,
    Phone,
    detail,
    make_spot_check_due,
    minutes_ago,
    minutes_ago_on_one_day,
    selfie,
    xmlid,
)

# the fixtures admin, always_open_calendar, make_employee, no_login_cooldown
pytest_plugins = ("phone",)
pytestmark = pytest.mark.usefixtures("no_login_cooldown")

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COMMITTED_OPENAPI = os.path.join(
    REPO, "addons", "simantap_mobile_api", "static", "openapi.json"
)


@pytest.fixture
def officer(odoo_server):
    """The demo BKPSDM attendance officer, signed in to the backend."""
    from conftest import JsonRpc  # noqa: PLC0415

    session = JsonRpc(odoo_server)
    assert session.login("petugas", "petugas")
    return session


@pytest.fixture
def phone(odoo_server):
    return Phone(odoo_server)


@pytest.fixture
def signed_in(odoo_server, make_employee):
    """A new employee with their first phone bound and signed in."""
    employee = make_employee()
    device = Phone(odoo_server)
    response = device.sign_in(employee["login"], employee["password"])
    assert response.status_code == 200, response.text
    device.employee = employee
    return device


def devices_of(admin, employee_id):
    return admin.model(
        "simantap.device",
        "search_read",
        [("employee_id", "=", employee_id)],
        fields=["device_uid", "state"],
    )


# --------------------------------------------------------------------- sign-in


def test_meta_is_public_and_gives_the_server_clock(phone):
    response = phone.get("/meta")
    assert response.status_code == 200
    assert response.json()["api_version"] == "1"
    assert response.json()["server_time"].endswith("+00:00")


def test_demo_employee_signs_in_and_binds_the_phone(odoo_server, admin, officer):
    """pegawai/pegawai (Andi Saputra, BKPSDM) signs in from a phone of their own."""
    employee_id = xmlid(admin, "simantap_demo.hr_employee_bkpsdm_pegawai_demo")
    andi = Phone(odoo_server)
    response = andi.sign_in("pegawai", "pegawai")
    if response.status_code == 403:
        # a phone of an earlier run on this database is bound: this one waits
        assert detail(response)["code"] == "device_pending_approval"
        officer.model(
            "simantap.device", "action_approve", [detail(response)["device_id"]]
        )
        response = andi.sign_in("pegawai", "pegawai")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["employee"]["name"] == "Andi Saputra"
    assert body["employee"]["unit"] == "BKPSDM"
    assert body["device"] == {
        **body["device"],
        "device_id": andi.device_id,
        "state": "active",
    }
    me = andi.get("/me")
    assert me.status_code == 200
    assert me.json()["employee"]["id"] == employee_id
    active = [d for d in devices_of(admin, employee_id) if d["state"] == "active"]
    assert [d["device_uid"] for d in active] == [andi.device_id]


def test_wrong_password_and_unknown_login_are_401(phone, make_employee):
    employee = make_employee()
    for login, password in (
        (employee["login"], "wrong"),
        (f"nobody-{uuid.uuid4().hex}", "x"),
    ):
        response = phone.sign_in(login, password)
        assert response.status_code == 401
        assert detail(response)["code"] == "invalid_credentials"
        assert response.headers["WWW-Authenticate"] == "Bearer"
    assert phone.token is None


def test_failed_sign_ins_lock_out_that_login_only(odoo_server, admin, make_employee):
    """Phones on mobile data share carrier addresses: one employee's typos must not
    lock their colleagues behind the same address out."""
    parameter = "base.login_cooldown_after"
    clumsy, colleague = make_employee(), make_employee()
    admin.model("ir.config_parameter", "set_param", parameter, "3")
    try:
        phone = Phone(odoo_server)
        for _attempt in range(3):
            wrong = phone.sign_in(clumsy["login"], "not-my-password")
            assert (wrong.status_code, detail(wrong)["code"]) == (
                401,
                "invalid_credentials",
            )
        # now even the right password waits: that login is on cooldown
        locked = phone.sign_in(clumsy["login"], clumsy["password"])
        assert (locked.status_code, detail(locked)["code"]) == (429, "sign_in_cooldown")
        assert locked.headers["Retry-After"] == "60"
        # a colleague from the same address signs in as usual
        other = Phone(odoo_server).sign_in(colleague["login"], colleague["password"])
        assert other.status_code == 200, other.text
    finally:
        admin.model("ir.config_parameter", "set_param", parameter, "0")


def test_login_without_employee_is_403(phone, make_employee):
    user = make_employee(with_employee=False)
    response = phone.sign_in(user["login"], user["password"])
    assert response.status_code == 403
    assert detail(response)["code"] == "no_employee"


def test_second_phone_waits_for_the_officer_who_revokes_the_first(
    odoo_server, make_employee, officer, admin
):
    employee = make_employee()
    first, second = Phone(odoo_server), Phone(odoo_server)
    assert first.sign_in(employee["login"], employee["password"]).status_code == 200

    waiting = second.sign_in(employee["login"], employee["password"])
    assert waiting.status_code == 403, waiting.text
    assert detail(waiting)["code"] == "device_pending_approval"
    request_id = detail(waiting)["device_id"]
    # asking again is the same request, still waiting
    again = second.sign_in(employee["login"], employee["password"])
    assert detail(again) == {**detail(again), "device_id": request_id}
    assert first.get("/me").status_code == 200

    officer.model("simantap.device", "action_approve", [request_id])

    revoked = first.get("/me")
    assert revoked.status_code == 401
    assert detail(revoked)["code"] == "device_revoked"
    assert second.sign_in(employee["login"], employee["password"]).status_code == 200
    assert second.get("/me").json()["device"]["device_id"] == second.device_id
    states = {
        d["device_uid"]: d["state"] for d in devices_of(admin, employee["employee_id"])
    }
    assert states == {first.device_id: "revoked", second.device_id: "active"}


def test_an_employee_cannot_approve_their_own_phone(odoo_server, make_employee, rpc):
    employee = make_employee()
    Phone(odoo_server).sign_in(employee["login"], employee["password"])
    pending = Phone(odoo_server).sign_in(employee["login"], employee["password"])
    session = rpc()
    assert session.login(employee["login"], employee["password"])
    with pytest.raises(PermissionError):
        session.model(
            "simantap.device", "action_approve", [detail(pending)["device_id"]]
        )


def test_revoked_phone_is_refused_at_once(signed_in, officer):
    assert signed_in.get("/me").status_code == 200
    device_id = signed_in.get("/me").json()["device"]["id"]
    officer.model("simantap.device", "action_revoke", [device_id])
    for response in (signed_in.get("/me"), signed_in.ping()):
        assert response.status_code == 401
        assert detail(response)["code"] == "device_revoked"


def test_archived_employee_is_refused_at_once(signed_in, admin):
    admin.model("hr.employee", "action_archive", [signed_in.employee["employee_id"]])
    response = signed_in.get("/me/today")
    assert response.status_code == 401
    assert detail(response)["code"] == "account_inactive"


def test_signing_out_ends_the_token(signed_in):
    token = signed_in.token
    assert signed_in.post("/auth/sign-out").status_code == 204
    response = signed_in.get("/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    assert detail(response)["code"] == "token_invalid"


def test_another_employees_token_reaches_only_its_own_data(
    odoo_server, make_employee, admin
):
    mine, theirs = make_employee(), make_employee()
    my_phone, their_phone = Phone(odoo_server), Phone(odoo_server)
    my_phone.sign_in(mine["login"], mine["password"])
    their_phone.sign_in(theirs["login"], theirs["password"])
    assert my_phone.check_in().status_code == 200
    make_spot_check_due(admin, mine["employee_id"])
    check = my_phone.get("/me/today").json()["spot_check"]
    assert check

    # their token: their own employee, their own day
    assert their_phone.get("/me").json()["employee"]["id"] == theirs["employee_id"]
    assert their_phone.get("/me/today").json()["checked_in"] is False
    # my spot check does not exist for them
    answer = their_phone.post(
        f"/spot-checks/{check['id']}/answer", json=Phone.event(photo=True)
    )
    assert answer.status_code == 404
    assert detail(answer)["code"] == "spot_check_unknown"
    # the body cannot name another employee: the token decides
    forged = their_phone.post(
        "/pings", json=Phone.event(employee_id=mine["employee_id"])
    )
    assert (forged.status_code, detail(forged)["code"]) == (409, "not_checked_in")
    assert my_phone.get("/me/today").json()["spot_check"]["id"] == check["id"]
    pings = admin.model(
        "simantap.presence.ping",
        "search_count",
        [("employee_id", "=", mine["employee_id"])],
    )
    assert pings == 0


# ------------------------------------------------------------------ a whole day


def test_a_full_day(signed_in, admin):
    today = signed_in.get("/me/today").json()
    assert today["checked_in"] is False
    assert today["working_now"] is True
    assert today["schedule"]

    check_in = signed_in.check_in()
    assert check_in.status_code == 200, check_in.text
    result = check_in.json()
    assert result["status"] == "accepted"
    assert result["kind"] == "check_in"
    assert result["verdict"] == "inside"
    assert result["attendance_id"]
    assert result["replayed"] is False

    today = signed_in.get("/me/today").json()
    assert today["checked_in"] is True
    assert today["collecting"] is True
    assert today["next_ping_at"]
    assert today["spot_check"] is None

    for _i in range(2):
        ping = signed_in.ping()
        assert ping.status_code == 200, ping.text
        assert ping.json()["status"] == "accepted"
        assert ping.json()["verdict"] == "inside"
    outside = signed_in.ping(where=FAR_AWAY)
    assert outside.status_code == 200, outside.text
    assert outside.json()["verdict"] == "outside"

    make_spot_check_due(admin, signed_in.employee["employee_id"])
    due = signed_in.ping().json()["spot_check"]
    assert due and due["seconds_left"] > 0
    assert signed_in.get("/me/today").json()["spot_check"]["id"] == due["id"]
    answer = signed_in.post(
        f"/spot-checks/{due['id']}/answer", json=Phone.event(photo=True)
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["state"] == "answered_inside"
    assert signed_in.get("/me/today").json()["spot_check"] is None

    check_out = signed_in.check_out()
    assert check_out.status_code == 200, check_out.text
    assert check_out.json()["attendance_id"] == result["attendance_id"]
    assert signed_in.get("/me/today").json()["checked_in"] is False

    attendance = admin.model(
        "hr.attendance", "read", [result["attendance_id"]], ["check_in", "check_out"]
    )[0]
    assert attendance["check_out"]
    pings = admin.model(
        "simantap.presence.ping",
        "search_count",
        [("employee_id", "=", signed_in.employee["employee_id"])],
    )
    assert pings == 4


def test_a_retried_check_in_returns_its_first_outcome(signed_in, admin):
    event = Phone.event(photo=True)
    first = signed_in.post("/attendance/check-in", json=event)
    again = signed_in.post("/attendance/check-in", json=event)
    assert first.status_code == again.status_code == 200
    assert again.json() == {**first.json(), "replayed": True}
    # a refused event is replayed as refused, with the same status
    outside = Phone.event(photo=True, where=FAR_AWAY)
    refused = [signed_in.post("/attendance/check-out", json=outside) for _i in range(2)]
    assert [r.status_code for r in refused] == [422, 422]
    assert [detail(r)["code"] for r in refused] == ["outside_geofence"] * 2
    assert [detail(r)["event"]["replayed"] for r in refused] == [False, True]
    attempts = admin.model(
        "simantap.attendance.attempt",
        "search_count",
        [("employee_id", "=", signed_in.employee["employee_id"])],
    )
    assert attempts == 2  # one check-in, one refused check-out: kept for officers


def test_an_offline_batch_sent_three_times_is_stored_once(signed_in, admin):
    """The phone was offline for the morning: it captured a check-in, three pings
    and a check-out, and sends them (shuffled) when the network comes back; the
    connection drops before the answer, so it sends the batch again, twice."""
    at = minutes_ago_on_one_day(50, 40, 30, 20, 10)
    events = [
        dict(Phone.event(photo=True, captured_at=at[0]), kind="check_in"),
        dict(Phone.event(captured_at=at[1]), kind="ping"),
        dict(Phone.event(captured_at=at[2]), kind="ping"),
        dict(Phone.event(captured_at=at[3], where=FAR_AWAY), kind="ping"),
        dict(Phone.event(photo=True, captured_at=at[4]), kind="check_out"),
    ]
    batch = {"events": [events[3], events[0], events[4], events[1], events[2]]}
    answers = [signed_in.post("/sync", json=batch) for _i in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 200], answers[0].text
    first = answers[0].json()["results"]
    assert [r["status"] for r in first] == ["accepted"] * 5, first
    assert [r["kind"] for r in first] == [e["kind"] for e in batch["events"]]
    assert [r["uuid"] for r in first] == [e["uuid"] for e in batch["events"]]
    assert all(not r["replayed"] for r in first)
    assert all("late_sync" in r["signals"] for r in first)
    for answer in answers[1:]:
        results = answer.json()["results"]
        assert all(r["replayed"] for r in results), results
        assert [r["status"] for r in results] == ["accepted"] * 5
        assert [r["verdict"] for r in results] == [r["verdict"] for r in first]

    employee_id = signed_in.employee["employee_id"]
    assert (
        admin.model(
            "simantap.presence.ping",
            "search_count",
            [("employee_id", "=", employee_id)],
        )
        == 3
    )
    attendances = admin.model(
        "hr.attendance",
        "search_read",
        [("employee_id", "=", employee_id)],
        fields=["check_in", "check_out"],
    )
    assert len(attendances) == 1
    assert attendances[0]["check_out"]


def test_a_partly_bad_batch_keeps_the_good_events(signed_in):
    assert signed_in.check_in().status_code == 200
    good = dict(Phone.event(), kind="ping")
    batch = [
        good,
        dict(Phone.event(), kind="ping", mock_location=True),
        dict(Phone.event(), kind="check_in"),  # no selfie
        {"kind": "teleport", "uuid": str(uuid.uuid4())},
        dict(Phone.event(captured_at=minutes_ago(60 * 24 * 5)), kind="ping"),
    ]
    response = signed_in.post("/sync", json={"events": batch})
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert results[0]["status"] == "accepted"
    assert [r["code"] for r in results[1:]] == [
        "mock_location",
        "photo_missing",
        "kind_invalid",
        "captured_too_old",
    ]
    assert all(r["message"] for r in results[1:])


# ------------------------------------------------------------------ error model


def test_every_error_code(odoo_server, signed_in, admin, make_employee):
    url = f"{odoo_server['url']}{API}"
    # 400: not JSON
    response = signed_in.post(
        "/pings", data=b"{oops", headers={"Content-Type": "application/json"}
    )
    assert (response.status_code, detail(response)["code"]) == (
        400,
        "malformed_request",
    )
    # 401: no token, an unknown token
    response = requests.get(f"{url}/me", timeout=30)
    assert (response.status_code, detail(response)["code"]) == (401, "token_missing")
    response = signed_in.get("/me", headers={"Authorization": "Bearer forged"})
    assert (response.status_code, detail(response)["code"]) == (401, "token_invalid")
    # 404: no such route, no such spot check
    response = signed_in.get("/nowhere")
    assert (response.status_code, detail(response)["code"]) == (404, "not_found")
    response = signed_in.post(
        "/spot-checks/2147483647/answer", json=Phone.event(photo=True)
    )
    assert (response.status_code, detail(response)["code"]) == (
        404,
        "spot_check_unknown",
    )
    # 409: the state of the day
    response = signed_in.ping()
    assert (response.status_code, detail(response)["code"]) == (409, "not_checked_in")
    response = signed_in.check_out()
    assert (response.status_code, detail(response)["code"]) == (409, "not_checked_in")
    checked_in = signed_in.check_in()
    assert checked_in.status_code == 200
    response = signed_in.check_in()
    assert (response.status_code, detail(response)["code"]) == (
        409,
        "already_checked_in",
    )
    # 409: a UUID already used for another event
    response = signed_in.post(
        "/attendance/check-out",
        json=Phone.event(photo=True, uuid=checked_in.json()["uuid"]),
    )
    assert (response.status_code, detail(response)["code"]) == (409, "uuid_conflict")
    # 413: a selfie over 5 MB, refused before it is decoded
    big = Phone.event(photo=True)
    big["photo"] = "A" * (7 * 1024 * 1024)
    response = signed_in.post("/attendance/check-out", json=big)
    assert (response.status_code, detail(response)["code"]) == (413, "photo_too_large")
    # 413: a body over the endpoint's limit (8 MB), refused before it is read
    response = signed_in.post(
        "/attendance/check-out",
        data=b"{" + b" " * (9 * 1024 * 1024) + b"}",
        headers={"Content-Type": "application/json"},
    )
    assert (response.status_code, detail(response)["code"]) == (413, "body_too_large")
    # 413: too many events in a batch
    batch = {"events": [{"kind": "ping"}] * 101}
    response = signed_in.post("/sync", json=batch)
    assert (response.status_code, detail(response)["code"]) == (413, "batch_too_large")
    assert detail(response)["limit"] == 100
    # 422: not the schema; refused by the rules
    response = signed_in.post("/pings", json={"uuid": "not-a-uuid"})
    assert (response.status_code, detail(response)["code"]) == (422, "invalid_request")
    assert {tuple(e["loc"]) for e in detail(response)["errors"]} >= {
        ("body", "uuid"),
        ("body", "latitude"),
    }
    for values, code in (
        ({"where": FAR_AWAY}, "outside_geofence"),
        ({"mock_location": True}, "mock_location"),
        ({"accuracy": 500.0}, "accuracy_too_poor"),
        ({"photo": selfie()[:200]}, "photo_truncated"),
    ):
        response = signed_in.check_out(**values)
        assert (response.status_code, detail(response)["code"]) == (422, code), values
        assert detail(response)["event"]["status"] == "refused"


def test_a_pending_phone_and_a_user_without_employee_are_403(
    odoo_server, make_employee
):
    employee = make_employee()
    Phone(odoo_server).sign_in(employee["login"], employee["password"])
    response = Phone(odoo_server).sign_in(employee["login"], employee["password"])
    assert (response.status_code, detail(response)["code"]) == (
        403,
        "device_pending_approval",
    )


def test_writes_beyond_the_phones_rate_are_429(signed_in, admin):
    endpoint = xmlid(admin, "simantap_mobile_api.fastapi_endpoint_simantap")
    limits = admin.model(
        "fastapi.endpoint",
        "read",
        [endpoint],
        ["simantap_rate_per_minute", "simantap_rate_burst"],
    )[0]
    admin.model(
        "fastapi.endpoint",
        "write",
        [endpoint],
        {"simantap_rate_per_minute": 2, "simantap_rate_burst": 3},
    )
    try:
        statuses = [signed_in.ping().status_code for _i in range(3)]
        assert 429 not in statuses
        limited = signed_in.ping()
        assert limited.status_code == 429
        assert detail(limited)["code"] == "rate_limited"
        retry = int(limited.headers["Retry-After"])
        assert 1 <= retry <= 30
        assert detail(limited)["retry_after"] == retry
        # reads are not limited
        assert signed_in.get("/me/today").status_code == 200
    finally:
        admin.model(
            "fastapi.endpoint",
            "write",
            [endpoint],
            {
                "simantap_rate_per_minute": limits["simantap_rate_per_minute"],
                "simantap_rate_burst": limits["simantap_rate_burst"],
            },
        )


def test_messages_follow_accept_language(odoo_server, indonesian):
    answers = {}
    for header in ("en", "id-ID", None, "fr-FR, en;q=0.5"):
        phone = Phone(odoo_server, lang=header)
        answers[header] = phone.sign_in("nobody", "nothing")
    assert answers["en"].headers["Content-Language"] == "en"
    assert detail(answers["en"])["message"] == "Wrong login or password."
    assert answers["id-ID"].headers["Content-Language"] == "id"
    assert answers[None].headers["Content-Language"] == "id"  # Indonesian by default
    assert answers["fr-FR, en;q=0.5"].headers["Content-Language"] == "en"
    codes = {detail(response)["code"] for response in answers.values()}
    assert codes == {"invalid_credentials"}


# ------------------------------------------------------------------ the document


def test_served_openapi_is_the_committed_one(odoo_server):
    served = requests.get(f"{odoo_server['url']}{API}/openapi.json", timeout=60)
    assert served.status_code == 200
    with open(COMMITTED_OPENAPI, encoding="utf-8") as file:
        committed = json.load(file)
    assert served.json() == committed, (
        "addons/simantap_mobile_api/static/openapi.json differs from the served "
        "document: run `make openapi`"
    )
    assert served.json()["servers"] == [{"url": API}]

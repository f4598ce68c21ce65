"""A phone with the Simantap app, for the mobile API journeys: it signs in, keeps
its token and sends events as the app does.  Also the fixtures that give each test
an employee of its own (a fresh login in the demo BKPSDM, at the demo BKPSDM
office, on a 7-day 00:00-24:00 schedule so that the journeys pass on any day and
at any hour of the server's real clock)."""

import base64
import io
import os
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import requests
from conftest import JsonRpc
from PIL import Image

API = "/simantap/api/v1"
# the demo BKPSDM office (simantap_demo/data/hr_work_location_demo.xml),
# geofence of 100 m
OFFICE = {"latitude": -1.4745, "longitude": 101.399}
FAR_AWAY = {"latitude": -1.5100, "longitude": 101.4400}  # about 6 km


def selfie(size=(320, 240)):
    """A fresh JPEG, base64: random pixels, so that no two are 'the same
    picture' for the reused-photo signal."""
    width, height = size
    image = Image.frombytes("RGB", size, os.urandom(width * height * 3))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return base64.b64encode(buffer.getvalue()).decode()


def now_utc():
    return datetime.now(UTC).replace(microsecond=0)


class Phone:
    """One phone: its own device id, its token once signed in."""

    def __init__(self, server, device_id=None, lang="en"):
        self.base = f"{server['url']}{API}"
        self.device_id = device_id or f"e2e-phone-{uuid.uuid4().hex[:12]}"
        self.lang = lang
        self.token = None
        self.session = requests.Session()

    def request(self, method, path, **kwargs):
        headers = dict(kwargs.pop("headers", None) or {})
        if self.lang and "Accept-Language" not in headers:
            headers["Accept-Language"] = self.lang
        if self.token and "Authorization" not in headers:
            headers["Authorization"] = f"Bearer {self.token}"
        return self.session.request(
            method, f"{self.base}{path}", headers=headers, timeout=120, **kwargs
        )

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, **kwargs):
        return self.request("POST", path, **kwargs)

    def sign_in(self, login, password, **extra):
        response = self.post(
            "/auth/sign-in",
            json={
                "login": login,
                "password": password,
                "device_id": self.device_id,
                "device_model": "Pixel 7 (e2e)",
                "platform": "Android 14",
                "app_version": "1.0.0",
                **extra,
            },
        )
        if response.status_code == 200:
            self.token = response.json()["access_token"]
        return response

    @staticmethod
    def event(where=OFFICE, photo=False, captured_at=None, **values):
        """An event as the app builds it; ``photo`` True adds a fresh selfie."""
        body = {
            "uuid": str(uuid.uuid4()),
            "captured_at": (captured_at or now_utc()).isoformat(),
            "accuracy": 8.0,
            "mock_location": False,
            **where,
        }
        if photo:
            body["photo"] = selfie() if photo is True else photo
        body.update(values)
        return body

    def check_in(self, photo=True, **values):
        return self.post("/attendance/check-in", json=self.event(photo=photo, **values))

    def check_out(self, photo=True, **values):
        return self.post(
            "/attendance/check-out", json=self.event(photo=photo, **values)
        )

    def ping(self, **values):
        return self.post("/pings", json=self.event(**values))


def detail(response):
    """The error model of a refusal: ``{code, message, ...}``."""
    return response.json()["detail"]


@pytest.fixture(scope="module")
def admin(odoo_server):
    session = JsonRpc(odoo_server)
    assert session.login("admin", "admin")
    return session


@pytest.fixture(scope="module")
def no_login_cooldown(odoo_server, admin):
    """Odoo ignores logins from an address after 5 failures in a row (all tests
    come from 127.0.0.1): off while these journeys fail on purpose; a successful
    login at the end clears the address's count for the tests that follow."""
    parameter = "base.login_cooldown_after"
    before = admin.model("ir.config_parameter", "get_param", parameter)
    admin.model("ir.config_parameter", "set_param", parameter, "0")
    yield
    assert JsonRpc(odoo_server).login("admin", "admin")
    admin.model("ir.config_parameter", "set_param", parameter, before or "5")


@pytest.fixture(scope="module")
def indonesian(admin):
    """Indonesian installed on the server (a regency's language), so that the
    server's verdicts and refusals come in Indonesian."""
    lang = admin.model(
        "res.lang",
        "search_read",
        [("code", "=", "id_ID")],
        fields=["active"],
        context={"active_test": False},
    )[0]
    if not lang["active"]:
        wizard = admin.model(
            "base.language.install", "create", {"lang_ids": [(6, 0, [lang["id"]])]}
        )
        admin.model("base.language.install", "lang_install", [wizard])


def xmlid(admin, name):
    module, ref = name.split(".")
    return admin.model("ir.model.data", "check_object_reference", module, ref)[1]


@pytest.fixture(scope="module")
def always_open_calendar(admin):
    """Working time every day from 00:00 to 24:00 (Asia/Jakarta)."""
    days = [
        (
            0,
            0,
            {
                "name": f"e2e day {day}",
                "dayofweek": str(day),
                "hour_from": 0.0,
                "hour_to": 24.0,
                "day_period": "morning",
            },
        )
        for day in range(7)
    ]
    return admin.model(
        "resource.calendar",
        "create",
        {
            "name": f"e2e always open {uuid.uuid4().hex[:6]}",
            "tz": "Asia/Jakarta",
            "hours_per_day": 24.0,
            "attendance_ids": days,
        },
    )


@pytest.fixture
def make_employee(admin, always_open_calendar):
    """``make_employee()`` -> {login, password, user_id, employee_id}: a new BKPSDM
    civil servant with a login, working at the demo BKPSDM office."""
    department = xmlid(admin, "simantap_demo.hr_department_bkpsdm_demo")
    location = xmlid(admin, "simantap_demo.hr_work_location_bkpsdm_demo")

    def make(with_employee=True):
        login = f"e2e_{uuid.uuid4().hex[:10]}"
        password = f"{login}-secret"
        user_id = admin.model(
            "res.users",
            "create",
            {
                "name": f"E2E {login}",
                "login": login,
                "password": password,
                "tz": "Asia/Jakarta",
            },
        )
        employee_id = None
        if with_employee:
            employee_id = admin.model(
                "hr.employee",
                "create",
                {
                    "name": f"E2E {login}",
                    "user_id": user_id,
                    "department_id": department,
                    "work_location_id": location,
                    "resource_calendar_id": always_open_calendar,
                    "tz": "Asia/Jakarta",
                },
            )
        return {
            "login": login,
            "password": password,
            "user_id": user_id,
            "employee_id": employee_id,
        }

    return make


def make_spot_check_due(admin, employee_id, due_at=None):
    """A spot check due now for the employee: nobody may create one through the
    ORM (the presence service draws them), so the admin runs a one-off server
    action, as a test fixture."""
    due_at = due_at or now_utc()
    action = admin.model(
        "ir.actions.server",
        "create",
        {
            "name": "e2e: a spot check due now",
            "model_id": admin.model(
                "ir.model", "search", [("model", "=", "hr.employee")]
            )[0],
            "state": "code",
            "code": (
                "due = datetime.datetime.strptime(\n"
                "    env.context['e2e_due'], '%Y-%m-%d %H:%M:%S')\n"
                "env['simantap.spot.check'].sudo().create({\n"
                "    'employee_id': record.id,\n"
                "    'work_date': env['simantap.calendar']._local_date(\n"
                "        env['simantap.calendar']._employee_zone(record), due),\n"
                "    'due_at': due,\n"
                "    'day_end': due + datetime.timedelta(hours=8),\n"
                "})\n"
            ),
        },
    )
    admin.model(
        "ir.actions.server",
        "run",
        [action],
        context={
            "active_id": employee_id,
            "active_model": "hr.employee",
            "e2e_due": due_at.strftime("%Y-%m-%d %H:%M:%S"),
        },
    )
    admin.model("ir.actions.server", "unlink", [action])


def minutes_ago(minutes):
    return now_utc() - timedelta(minutes=minutes)


JAKARTA = timedelta(hours=7)  # the journeys' zone (Asia/Jakarta, no daylight saving)


def minutes_ago_on_one_day(*minutes):
    """Moments ``minutes`` ago, moved back before the last local midnight when
    they would straddle it: run just after midnight in Jakarta, a journey would
    otherwise check in yesterday and out today (a day's check-out without its
    check-in, refused as it should be)."""
    now = now_utc()
    moments = [now - timedelta(minutes=m) for m in minutes]
    if len({(moment + JAKARTA).date() for moment in moments}) > 1:
        local = now + JAKARTA
        since_midnight = local - local.replace(hour=0, minute=0, second=0)
        moments = [m - since_midnight - timedelta(minutes=1) for m in moments]
    return moments


def one_closed_attendance(admin, employee_id):
    """Whether the employee has exactly one attendance, checked out."""
    attendances = admin.model(
        "hr.attendance",
        "search_read",
        [("employee_id", "=", employee_id)],
        fields=["check_out"],
    )
    return len(attendances) == 1 and bool(attendances[0]["check_out"])

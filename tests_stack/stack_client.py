"""Talking to the stack `make stack` runs (scripts/stack.py): its addresses, an admin
session over JSON-RPC, employees made for a journey or a bench, and phones."""

import base64
import io
import os
import uuid
from datetime import UTC, datetime

import requests

PROXY_PORT = int(os.environ.get("SIMANTAP_STACK_PORT", "8280"))
PROXY = f"http://127.0.0.1:{PROXY_PORT}"
# server i of the stack listens on PROXY_PORT + 2i + 1 (scripts/stack.py)
SERVERS = [f"http://127.0.0.1:{PROXY_PORT + 2 * i + 1}" for i in range(2)]
DB = os.environ.get("SIMANTAP_STACK_DB", "simantap_stack")
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOGS = os.path.join(
    os.environ.get("SIMANTAP_STACK_DIR", os.path.join(REPO, ".stack")), "log"
)
API = "/simantap/api/v1"
# the demo BKPSDM office, geofence of 100 m
OFFICE = {"latitude": -1.4745, "longitude": 101.399}


def stack_is_up():
    try:
        return requests.get(f"{PROXY}/web/health", timeout=5).status_code == 200
    except requests.RequestException:
        return False


def selfie(seed=None, size=(640, 480)):
    """A JPEG, base64; random pixels unless ``seed`` is given (the reused-photo
    signal compares pictures)."""
    from PIL import Image  # noqa: PLC0415

    width, height = size
    data = (
        os.urandom(width * height * 3)
        if seed is None
        else bytes((seed * 7 + i) % 251 for i in range(width * height * 3))
    )
    image = Image.frombytes("RGB", size, data)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return base64.b64encode(buffer.getvalue()).decode()


def now_utc():
    return datetime.now(UTC).replace(microsecond=0)


class Admin:
    """A backend session of the demo administrator."""

    def __init__(self, url=PROXY):
        self.url = url
        self.session = requests.Session()
        body = self.call(
            "/web/session/authenticate",
            {"db": DB, "login": "admin", "password": "admin"},
        )
        assert "error" not in body, body

    def call(self, path, params):
        response = self.session.post(
            f"{self.url}{path}",
            json={"jsonrpc": "2.0", "method": "call", "params": params},
            timeout=300,
        )
        response.raise_for_status()
        return response.json()

    def model(self, model, method, *args, **kwargs):
        body = self.call(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )
        if "error" in body:
            raise RuntimeError(body["error"]["data"]["message"])
        return body["result"]

    def ref(self, name):
        module, xmlid = name.split(".")
        return self.model("ir.model.data", "check_object_reference", module, xmlid)[1]

    def employees(self, count, tag="stack"):
        """``count`` new BKPSDM civil servants with logins, on a schedule open every
        day 00:00-24:00 (so that journeys and benches pass at any hour):
        ``[(login, password)]``."""
        calendar = self.model(
            "resource.calendar",
            "create",
            {
                "name": f"{tag} always open {uuid.uuid4().hex[:6]}",
                "tz": "Asia/Jakarta",
                "hours_per_day": 24.0,
                "attendance_ids": [
                    (
                        0,
                        0,
                        {
                            "name": f"day {d}",
                            "dayofweek": str(d),
                            "hour_from": 0.0,
                            "hour_to": 24.0,
                            "day_period": "morning",
                        },
                    )
                    for d in range(7)
                ],
            },
        )
        department = self.ref("simantap_attendance.hr_department_bkpsdm_demo")
        location = self.ref("simantap_attendance.hr_work_location_bkpsdm_demo")
        logins = [f"{tag}_{uuid.uuid4().hex[:10]}" for _ in range(count)]
        users = self.model(
            "res.users",
            "create",
            [
                {
                    "name": login,
                    "login": login,
                    "password": f"{login}-pw",
                    "tz": "Asia/Jakarta",
                }
                for login in logins
            ],
        )
        self.model(
            "hr.employee",
            "create",
            [
                {
                    "name": login,
                    "user_id": user,
                    "department_id": department,
                    "work_location_id": location,
                    "resource_calendar_id": calendar,
                    "tz": "Asia/Jakarta",
                }
                for login, user in zip(logins, users, strict=True)
            ],
        )
        return [(login, f"{login}-pw") for login in logins]


class Phone:
    """One phone of the app: a device id, its token once signed in."""

    def __init__(self, url=PROXY):
        self.url = url
        self.device_id = f"stack-{uuid.uuid4().hex[:12]}"
        self.token = None
        self.session = requests.Session()

    def request(self, method, path, url=None, **kwargs):
        headers = {"Accept-Language": "en"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return self.session.request(
            method,
            f"{url or self.url}{API}{path}",
            headers=headers,
            timeout=300,
            **kwargs,
        )

    def sign_in(self, login, password):
        response = self.request(
            "POST",
            "/auth/sign-in",
            json={
                "login": login,
                "password": password,
                "device_id": self.device_id,
                "device_model": "stack",
                "platform": "Android 14",
                "app_version": "1.0.0",
            },
        )
        if response.status_code == 200:
            self.token = response.json()["access_token"]
        return response

    @staticmethod
    def event(photo=None, **values):
        body = {
            "uuid": str(uuid.uuid4()),
            "captured_at": now_utc().isoformat(),
            "sent_at": now_utc().isoformat(),
            "accuracy": 8.0,
            "mock_location": False,
            **OFFICE,
        }
        if photo:
            body["photo"] = photo
        body.update(values)
        return body

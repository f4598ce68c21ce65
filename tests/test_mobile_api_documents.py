"""Field duty and my days over HTTP, as the phone drives them: a duty filed with its
assignment letter and a destination photo, sent twice, approved by the unit head in
the backend, then felt on the phone (on duty, the destination among the fences);
a draft cancelled; my week and my month."""

import base64
import io
import uuid
from datetime import date, timedelta

import pytest
from conftest import JsonRpc
from pypdf import PdfWriter

pytest.register_assert_rewrite("phone")
from phone import Phone, detail, selfie  # noqa: E402

pytest_plugins = ("phone",)
pytestmark = pytest.mark.usefixtures("no_login_cooldown")


def _pdf():
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PDF = _pdf()  # a real one: the server parses what claims to be a PDF
DESTINATION = {"destination_latitude": -1.5, "destination_longitude": 101.1}


def duty_request(**values):
    today = date.today()
    return {
        "uuid": str(uuid.uuid4()),
        "destination_name": "Kantor Camat Sangir",
        "purpose": "Verifikasi data kepegawaian",
        "date_from": (today - timedelta(days=1)).isoformat(),
        "date_to": (today + timedelta(days=1)).isoformat(),
        "letter_number": "800/12/BKPSDM/2026",
        "letter_date": (today - timedelta(days=2)).isoformat(),
        "letter": {
            "filename": "surat-tugas.pdf",
            "content": base64.b64encode(PDF).decode(),
        },
        "photos": [{"filename": "kantor-camat.jpg", "content": selfie()}],
        **values,
    }


@pytest.fixture
def employee_phone(odoo_server, make_employee):
    employee = make_employee()
    phone = Phone(odoo_server)
    assert phone.sign_in(employee["login"], employee["password"]).status_code == 200
    phone.employee = employee
    return phone


def test_a_field_duty_from_the_phone(odoo_server, employee_phone, admin):
    body = duty_request(**DESTINATION, destination_radius=250)
    filed = employee_phone.post("/field-duties", json=body)
    assert filed.status_code == 201, filed.text
    duty = filed.json()
    assert (duty["state"], duty["has_letter"], duty["photo_count"]) == (
        "submitted",
        True,
        1,
    )
    assert duty["approver"]  # the head of BKPSDM
    # the connection dropped, the phone sends it again: the same duty
    again = employee_phone.post("/field-duties", json=body)
    assert (again.status_code, again.json()["id"]) == (200, duty["id"])
    listed = employee_phone.get("/field-duties").json()["items"]
    assert [item["id"] for item in listed] == [duty["id"]]

    # the unit head approves it in the backend
    head = JsonRpc(odoo_server)
    assert head.login("kepala.bkpsdm", "kepala.bkpsdm")
    head.model("simantap.field.duty", "action_approve", [duty["id"]])

    today = employee_phone.get("/me/today").json()
    assert today["on_duty"] is True
    assert today["locations"][0] == {
        "name": "Kantor Camat Sangir",
        "latitude": -1.5,
        "longitude": 101.1,
        "radius": 250,
    }
    # on duty, the phone adds photos of the destination, but cannot cancel it
    photos = employee_phone.post(
        f"/field-duties/{duty['id']}/photos",
        json={"photos": [{"filename": "rapat.jpg", "content": selfie()}]},
    )
    assert photos.json()["photo_count"] == 2, photos.text
    cancel = employee_phone.post(f"/field-duties/{duty['id']}/cancel")
    assert (cancel.status_code, detail(cancel)["code"]) == (409, "wrong_state")
    stored = admin.model(
        "simantap.field.duty",
        "search_read",
        [("api_uuid", "=", body["uuid"])],
        fields=["state", "letter_number", "employee_id"],
    )
    assert len(stored) == 1
    assert stored[0]["state"] == "approved"
    assert stored[0]["employee_id"][0] == employee_phone.employee["employee_id"]


def test_a_draft_is_cancelled_and_a_duty_without_letter_is_not_stored(
    employee_phone, admin
):
    refused = employee_phone.post("/field-duties", json=duty_request(letter=None))
    assert (refused.status_code, detail(refused)["code"]) == (422, "letter_missing")
    assert detail(refused)["message"]
    draft = employee_phone.post(
        "/field-duties", json=duty_request(letter=None, photos=[], submit=False)
    ).json()
    assert draft["state"] == "draft"
    cancelled = employee_phone.post(f"/field-duties/{draft['id']}/cancel").json()
    assert cancelled["state"] == "cancelled"
    count = admin.model(
        "simantap.field.duty",
        "search_count",
        [("employee_id", "=", employee_phone.employee["employee_id"])],
    )
    assert count == 1  # the draft, now cancelled


def test_another_employee_cannot_see_or_cancel_my_duty(
    odoo_server, employee_phone, make_employee
):
    duty = employee_phone.post("/field-duties", json=duty_request()).json()
    other = make_employee()
    their_phone = Phone(odoo_server)
    their_phone.sign_in(other["login"], other["password"])
    for response in (
        their_phone.get(f"/field-duties/{duty['id']}"),
        their_phone.post(f"/field-duties/{duty['id']}/cancel"),
    ):
        assert (response.status_code, detail(response)["code"]) == (404, "not_found")
    assert their_phone.get("/field-duties").json()["items"] == []
    assert employee_phone.get(f"/field-duties/{duty['id']}").json()["state"] == (
        "submitted"
    )


def test_my_week_and_my_month(employee_phone):
    week = employee_phone.get("/me/week")
    assert week.status_code == 200, week.text
    days = week.json()["days"]
    assert len(days) == 7
    assert date.fromisoformat(days[0]["date"]).weekday() == 0
    # nothing evaluated yet for a new employee: the days are there, without codes
    assert all(not day["evaluated"] and day["codes"] == [] for day in days)
    month = employee_phone.get("/me/month").json()
    first = date.fromisoformat(month["start"])
    assert first.day == 1
    assert len(month["days"]) >= 28
    assert month["tpp"] is None
    wrong = employee_phone.get("/me/month", params={"month": "2026-13"})
    assert (wrong.status_code, detail(wrong)["code"]) == (422, "invalid_request")
    none = employee_phone.get("/me/objections").json()
    assert none == {"items": []}

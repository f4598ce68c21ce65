"""Hostile input on every endpoint of the mobile API that takes a file or a UUID
(issue #13): image bombs, files whose first bytes lie, oversized bodies and the
same request sent five times at once.  Every answer is a coded 4xx (or, for a
concurrent duplicate, the answer of a sequential replay), nothing is half-stored,
and the server's memory stays bounded (its peak RSS, read from /proc)."""

import base64
import io
import struct
import uuid
import zlib
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest
from pypdf import PdfWriter

pytest.register_assert_rewrite("phone")
from phone import Phone, detail, selfie, xmlid  # noqa: E402

pytest_plugins = ("phone",)
pytestmark = pytest.mark.usefixtures("no_login_cooldown", "no_rate_limit")

HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"
# how much the server's peak memory may grow over the whole suite
MEMORY_BOUND_MB = 250
CONCURRENCY = 5


def _chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def png(width, height, real=True):
    """A black RGB PNG of ``width`` x ``height``: with ``real``, its whole image
    data, deflated row by row (13 000 x 13 000 is half a megabyte); else an empty
    data stream (a 65-byte header that only declares the size)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    if real:
        deflate = zlib.compressobj(9)
        row = b"\x00" * (1 + 3 * width)
        data = b"".join(deflate.compress(row) for _row in range(height))
        data += deflate.flush()
    else:
        data = zlib.compress(b"")
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


def pdf():
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def file(name, data):
    return {"filename": name, "content": base64.b64encode(data).decode()}


BOMB = png(50_000, 50_000, real=False)
BIG = png(13_000, 13_000)
FAKE_PDF = b"%PDF-1.7\n" + HTML
FAKE_JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + HTML
HOSTILE_FILES = {
    "png bomb": (BOMB, "too_large"),
    "13000 x 13000 png": (BIG, "too_large"),
    "pdf magic + html": (FAKE_PDF, "type"),
    "jpeg magic + html": (FAKE_JPEG, "type"),
}


def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM in /proc")


def duty_request(**values):
    today = date.today()
    return {
        "uuid": str(uuid.uuid4()),
        "destination_name": "Kantor Camat Sangir",
        "purpose": "Verifikasi data kepegawaian",
        "date_from": today.isoformat(),
        "date_to": (today + timedelta(days=1)).isoformat(),
        "letter_number": "800/13/BKPSDM/2026",
        "letter_date": (today - timedelta(days=1)).isoformat(),
        "letter": file("surat-tugas.pdf", pdf()),
        "submit": False,
        **values,
    }


@pytest.fixture(scope="module")
def no_rate_limit(admin):
    """Every hostile request reaches its handler (the rate limit is tested apart)."""
    endpoint = xmlid(admin, "simantap_mobile_api.fastapi_endpoint_simantap")
    field = "simantap_rate_per_minute"
    before = admin.model("fastapi.endpoint", "read", [endpoint], [field])[0][field]
    admin.model("fastapi.endpoint", "write", [endpoint], {field: 0})
    yield
    admin.model("fastapi.endpoint", "write", [endpoint], {field: before})


@pytest.fixture
def employee_phone(odoo_server, make_employee):
    employee = make_employee()
    phone = Phone(odoo_server)
    assert phone.sign_in(employee["login"], employee["password"]).status_code == 200
    phone.employee = employee
    return phone


def stored(admin, model, employee_id):
    return admin.model(model, "search_count", [("employee_id", "=", employee_id)])


def attachments_of(admin, model):
    return admin.model("ir.attachment", "search_count", [("res_model", "=", model)])


def test_hostile_files_get_coded_refusals_in_bounded_memory(
    odoo_server, employee_phone, admin
):
    pid = odoo_server["pid"]
    employee_id = employee_phone.employee["employee_id"]
    draft = employee_phone.post("/field-duties", json=duty_request())
    assert draft.status_code == 201, draft.text
    duty_id = draft.json()["id"]
    duty_photos = attachments_of(admin, "simantap.field.duty")
    before = peak_rss_mb(pid)
    for name, (data, kind) in HOSTILE_FILES.items():
        sends = {
            "letter": (
                "/field-duties",
                duty_request(letter=file("surat.pdf", data)),
                f"letter_{kind}",
            ),
            "photo of a new duty": (
                "/field-duties",
                duty_request(photos=[file("foto.png", data)] * 3),
                f"photo_{kind}",
            ),
            "photo of a draft": (
                f"/field-duties/{duty_id}/photos",
                {"photos": [file("foto.png", data)] * 3},
                f"photo_{kind}",
            ),
        }
        for what, (path, body, code) in sends.items():
            response = employee_phone.post(path, json=body)
            assert (response.status_code, detail(response)["code"]) == (
                413 if kind == "too_large" else 422,
                code,
            ), f"{name} as {what}: {response.text}"
            assert detail(response)["message"]
        # the selfie of a check-in: refused (the attempt is kept for the officers)
        check_in = employee_phone.check_in(
            photo=base64.b64encode(data).decode(), uuid=str(uuid.uuid4())
        )
        assert 400 <= check_in.status_code < 500, check_in.text
        assert detail(check_in)["code"].startswith("photo_"), check_in.text
    grown = peak_rss_mb(pid) - before
    assert grown < MEMORY_BOUND_MB, f"the server's peak RSS grew by {grown:.0f} MB"
    # nothing half-stored: the draft only, no photo, no attendance
    assert stored(admin, "simantap.field.duty", employee_id) == 1
    assert attachments_of(admin, "simantap.field.duty") == duty_photos
    assert stored(admin, "hr.attendance", employee_id) == 0


def test_an_oversized_body_is_refused_before_it_is_read(employee_phone):
    body = duty_request(photos=[file("besar.jpg", b"\xff" * (9 * 1024 * 1024))])
    response = employee_phone.post("/field-duties", json=body)
    assert (response.status_code, detail(response)["code"]) == (413, "body_too_large")


def test_android_base64_with_line_breaks_is_accepted(employee_phone):
    letter = base64.encodebytes(pdf()).decode()  # a line break every 76 characters
    photo = base64.encodebytes(base64.b64decode(selfie())).decode()
    assert "\n" in letter
    response = employee_phone.post(
        "/field-duties",
        json=duty_request(
            letter={"filename": "st.pdf", "content": letter},
            photos=[{"filename": "lokasi.jpg", "content": photo}],
        ),
    )
    assert response.status_code == 201, response.text
    assert response.json()["photo_count"] == 1


def _at_once(function, count=CONCURRENCY):
    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(lambda _n: function(), range(count)))


def test_a_duty_sent_five_times_at_once_is_stored_once(employee_phone, admin):
    body = duty_request(photos=[file("lokasi.jpg", base64.b64decode(selfie()))])
    answers = _at_once(lambda: employee_phone.post("/field-duties", json=body))
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses == [200] * (CONCURRENCY - 1) + [201], [a.text for a in answers]
    assert len({answer.json()["id"] for answer in answers}) == 1
    stored_duties = admin.model(
        "simantap.field.duty",
        "search_read",
        [("api_uuid", "=", body["uuid"])],
        fields=["photo_ids"],
    )
    assert len(stored_duties) == 1
    assert len(stored_duties[0]["photo_ids"]) == 1


def test_a_phones_first_sign_in_five_times_at_once(odoo_server, make_employee, admin):
    employee = make_employee()
    device_id = f"e2e-one-phone-{uuid.uuid4().hex[:8]}"
    phones = [Phone(odoo_server, device_id=device_id) for _n in range(5)]
    queue = iter(phones)
    answers = _at_once(
        lambda: next(queue).sign_in(employee["login"], employee["password"])
    )
    assert [answer.status_code for answer in answers] == [200] * 5, [
        answer.text for answer in answers
    ]
    devices = admin.model(
        "simantap.device",
        "search_read",
        [("employee_id", "=", employee["employee_id"])],
        fields=["state"],
    )
    assert [device["state"] for device in devices] == ["active"]


@pytest.fixture
def month_open_for_objections(admin, employee_phone):
    """Two evaluated days of the phone's employee in a month six months back,
    that month computed and opened for objections (removed afterwards)."""
    employee_id = employee_phone.employee["employee_id"]
    company = admin.model("hr.employee", "read", [employee_id], ["company_id"])[0][
        "company_id"
    ][0]
    first = date.today().replace(day=1)
    for _month in range(6):
        first = (first - timedelta(days=1)).replace(day=1)
    Period = "simantap.sanction.period"
    domain = [("company_id", "=", company), ("date_from", "=", first.isoformat())]

    def remove():
        stale = admin.model(Period, "search", domain)
        if stale:
            admin.model(Period, "unlink", stale)

    remove()
    days = [
        first + timedelta(days=n)
        for n in range(10)
        if (first + timedelta(days=n)).weekday() < 5
    ][:2]
    admin.model(
        "simantap.daily.status",
        "create",
        [
            {
                "employee_id": employee_id,
                "date": day.isoformat(),
                "attendance_code": "TK",
                "codes": "TK",
                "effective_codes": "TK",
                "expected_minutes": 450,
            }
            for day in days
        ],
    )
    period = admin.model(
        Period, "create", {"company_id": company, "date_from": first.isoformat()}
    )
    admin.model(Period, "action_compute", [period])
    admin.model(Period, "action_start_review", [period])
    yield [day.isoformat() for day in days]
    remove()


def objection_request(dates, **values):
    return {
        "uuid": str(uuid.uuid4()),
        "dates": dates,
        "requested_codes": ["DL"],
        "reason": "Dinas luar dengan surat tugas",
        **values,
    }


def test_hostile_objection_documents_are_refused(
    employee_phone, admin, month_open_for_objections
):
    employee_id = employee_phone.employee["employee_id"]
    for name, (data, kind) in HOSTILE_FILES.items():
        response = employee_phone.post(
            "/me/objections",
            json=objection_request(
                month_open_for_objections, attachment=file("bukti.pdf", data)
            ),
        )
        assert (response.status_code, detail(response)["code"]) == (
            413 if kind == "too_large" else 422,
            f"document_{kind}",
        ), f"{name}: {response.text}"
    assert stored(admin, "simantap.sanction.objection", employee_id) == 0


def test_objections_sent_at_once(employee_phone, admin, month_open_for_objections):
    employee_id = employee_phone.employee["employee_id"]
    day = month_open_for_objections[:1]
    same = objection_request(day, attachment=file("st.pdf", pdf()))
    answers = _at_once(lambda: employee_phone.post("/me/objections", json=same))
    assert sorted(a.status_code for a in answers) == [200] * (CONCURRENCY - 1) + [
        201
    ], [a.text for a in answers]
    assert len({a.json()["id"] for a in answers}) == 1
    # five different objections to one other day at once: one is filed
    other = month_open_for_objections[1:]
    answers = _at_once(
        lambda: employee_phone.post("/me/objections", json=objection_request(other))
    )
    codes = sorted(
        "201" if a.status_code == 201 else detail(a)["code"] for a in answers
    )
    assert codes == ["201"] + ["objection_open"] * (CONCURRENCY - 1), [
        a.text for a in answers
    ]
    assert stored(admin, "simantap.sanction.objection", employee_id) == 2

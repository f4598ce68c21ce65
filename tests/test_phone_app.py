"""The phone web app (/simantap/app) in a real headless Chromium (Debian's
/usr/bin/chromium driven by Playwright's library; no browser is downloaded) against
a live Odoo server: a fake front camera, the GPS set inside and outside the fence,
the network cut and restored.  Each journey checks what the server stored over
JSON-RPC, and writes screenshots of the main screens (360x740): to
.test-logs/screenshots/, or to docs/screenshots/ for the README with `make
screenshots`."""

import base64
import io
import re
import time
from datetime import UTC, date, datetime, timedelta

import pytest
import requests
from PIL import Image
from pypdf import PdfWriter

pytest.register_assert_rewrite("phone", "browser")
from browser import RAW, shoot  # noqa: E402
from conftest import JsonRpc  # noqa: E402
from phone import (  # noqa: E402
    FAR_AWAY,
    OFFICE,
    make_spot_check_due,
    one_closed_attendance,
)

pytest_plugins = ("phone", "browser")
pytestmark = pytest.mark.usefixtures("no_login_cooldown", "indonesian")

VIEWPORT = {"width": 360, "height": 740}
TIMEOUT_MS = 60_000  # generous: a loaded 2-core machine is slow, and every wait is on the app's state
PHONE_CLOCK_AHEAD = timedelta(minutes=5)  # a phone whose clock runs fast


@pytest.fixture
def new_phone(browser, odoo_server):
    """``new_phone(where, accuracy)`` -> a page of the app on a fresh phone (own
    storage), its GPS at ``where``, camera and location allowed."""
    contexts = []

    def make(where=OFFICE, accuracy=8.0, lang="id-ID"):
        context = browser.new_context(
            viewport=VIEWPORT,
            device_scale_factor=1,
            is_mobile=True,
            has_touch=True,
            locale=lang,
            geolocation={**where, "accuracy": accuracy},
            permissions=["geolocation", "camera"],
            service_workers="allow",
            bypass_csp=True,  # Playwright evaluates its waits as strings
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.app_url = f"{odoo_server['url']}/simantap/app/"
        return page

    yield make
    for context in contexts:
        context.close()


def sign_in(page, employee):
    page.goto(page.app_url)
    page.fill("#login", employee["login"])
    page.fill("#password", employee["password"])
    page.click("#signin-button")
    page.wait_for_selector("#status")


def capture_and_send(page, action="#go-check-in", screenshot=None):
    """From home: open the check-in (or -out) screen, take the selfie, send."""
    page.click(action)
    page.wait_for_selector("#gps[data-ok='true']")
    page.wait_for_function("document.querySelector('#camera').videoWidth > 0")
    page.click("#take-photo")
    if screenshot:
        shoot(page, screenshot)
    page.click("#send-event")
    return page.wait_for_selector("#outcome")


def outcome(page):
    return page.get_attribute("#outcome", "data-outcome"), page.get_attribute(
        "#outcome", "data-code"
    )


def assert_plain(page, selector):
    """The screen part ``selector`` shows words only: no raw code, no UUID."""
    text = page.inner_text(selector)
    assert not RAW.search(text), (selector, RAW.search(text).group(), text)
    return text


def wait_until(predicate, timeout=TIMEOUT_MS / 1000, what="the condition"):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}")


def count(admin, model, employee_id, *domain):
    return admin.model(
        model, "search_count", [("employee_id", "=", employee_id), *domain]
    )


# ------------------------------------------------------------------ install basics


def test_manifest_service_worker_and_offline_start(odoo_server, new_phone):
    """Lighthouse's installability basics: a valid manifest with 192 and 512 px
    icons, a service worker controlling /simantap/app/, and the app still opening
    with the network cut after a first visit."""
    url = odoo_server["url"]
    manifest = requests.get(f"{url}/simantap/app/manifest.webmanifest", timeout=30)
    assert manifest.status_code == 200
    assert manifest.headers["Content-Type"].startswith("application/manifest+json")
    body = manifest.json()
    assert body["start_url"] == "/simantap/app/"
    assert body["scope"] == "/simantap/app/"
    assert body["display"] == "standalone"
    assert body["name"] and body["short_name"] and body["lang"] == "id"
    assert re.fullmatch(r"#[0-9a-f]{6}", body["theme_color"])
    sizes = set()
    for icon in body["icons"]:
        response = requests.get(f"{url}{icon['src']}", timeout=30)
        assert response.status_code == 200, icon
        image = Image.open(io.BytesIO(response.content))
        assert image.format == "PNG"
        assert f"{image.width}x{image.height}" == icon["sizes"]
        sizes.add(icon["sizes"])
    assert {"192x192", "512x512"} <= sizes
    assert any(icon.get("purpose") == "maskable" for icon in body["icons"])
    # the assets are the app's own, not the backend bundle; no path escapes
    assert (
        requests.get(f"{url}/simantap/app", timeout=30, allow_redirects=False)
        .headers["Location"]
        .endswith("/simantap/app/")
    )
    page_response = requests.get(f"{url}/simantap/app/", timeout=30)
    assert "/web/assets/" not in page_response.text
    assert "default-src 'self'" in page_response.headers["Content-Security-Policy"]
    for bad in ("../__manifest__.py", "js/../../openapi.json", "secret.py"):
        assert requests.get(f"{url}/simantap/app/{bad}", timeout=30).status_code == 404

    page = new_phone()
    page.goto(page.app_url)
    page.wait_for_selector("#login")
    assert page.get_attribute("link[rel=manifest]", "href") == (
        "/simantap/app/manifest.webmanifest"
    )
    scope = page.evaluate(
        "navigator.serviceWorker.ready.then((r) => r.scope)",
    )
    assert scope.endswith("/simantap/app/")
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    page.context.set_offline(True)
    try:
        page.reload()
        page.wait_for_selector("#login")
        assert page.evaluate("navigator.onLine") is False
        shoot(page, "sign-in")
    finally:
        page.context.set_offline(False)
    assert not page.errors, page.errors


# ------------------------------------------------------------------ check in


def test_check_in_inside_the_fence_is_accepted(new_phone, make_employee, admin):
    employee = make_employee()
    page = new_phone(OFFICE)
    sign_in(page, employee)
    page.wait_for_selector("#nearest.inside")
    assert "Kantor BKPSDM" in page.inner_text("#nearest")
    shoot(page, "home")
    capture_and_send(page, screenshot="check-in")
    assert outcome(page) == ("accepted", "")
    assert page.inner_text("#outcome-verdict") == "Di dalam area Kantor BKPSDM"
    assert_plain(page, "#outcome")
    # the schedule runs from midnight: this check-in is late, and says so
    minutes = int(page.get_attribute("#outcome-late", "data-minutes"))
    if minutes:
        assert f"terlambat {minutes} menit" in page.inner_text("#outcome-late")
    shoot(page, "check-in-accepted")
    attendances = admin.model(
        "hr.attendance",
        "search_read",
        [("employee_id", "=", employee["employee_id"])],
        fields=["check_out"],
    )
    assert len(attendances) == 1 and not attendances[0]["check_out"]
    page.click("#to-home")
    page.wait_for_selector("#status[data-checked-in='true']")
    assert page.is_visible("#go-check-out")
    # today's codes so far, judged by the server (present, late on this
    # round-the-clock schedule)
    codes = page.locator("#codes-today .code").all_inner_texts()
    assert codes[0] == "H", codes
    # the app reopened keeps the server's last verdict
    page.reload()
    page.wait_for_selector("#status[data-checked-in='true']")
    assert "Di dalam area Kantor BKPSDM" in page.inner_text("#last-verdict")
    # the location card follows every new fix, without reopening
    page.wait_for_selector("#nearest.inside")
    page.context.set_geolocation({**FAR_AWAY, "accuracy": 8.0})
    page.wait_for_selector("#nearest.outside")
    assert re.search(r"\d{1,3}(\.\d{3})+ m dari batas", page.inner_text("#nearest"))
    assert_plain(page, "#view")
    assert not page.errors, page.errors


def test_face_enrolment_refuses_the_fake_camera_then_a_check_in_sends_two_frames(
    new_phone, make_employee, admin
):
    """Home offers the face enrolment (not enrolled, nothing waiting); the screen
    asks for three selfies with their head poses and sends them.  Chromium's fake
    camera shows no face (a test pattern), so the server refuses the first selfie
    with no_face and the app says so in Indonesian words, storing nothing.  Then
    a check-in asks to turn the head and sends the second frame (second_photo)."""
    employee = make_employee()
    page = new_phone(OFFICE)
    sign_in(page, employee)
    page.click("#go-face")
    page.wait_for_selector("#face-enrol")
    page.wait_for_selector("#face-state[data-state='face_state_none']")
    page.wait_for_function("document.querySelector('#camera').videoWidth > 0")
    poses = []
    for _ in range(3):
        poses.append(page.get_attribute("#face-pose", "data-pose"))
        page.click("#face-take")
    assert poses == ["face_pose_straight", "face_pose_left", "face_pose_right"]
    page.wait_for_selector("#face-message[data-code='no_face']")
    text = assert_plain(page, "#face-enrol")
    assert "Wajah tidak terlihat pada swafoto 1" in text, text
    shoot(page, "face-enrol-no-face")
    assert count(admin, "simantap.face.reference", employee["employee_id"]) == 0
    # the check-in: the selfie, then "turn your head a little", then the second frame
    page.click("#face-home")
    page.wait_for_selector("#status")
    page.click("#go-check-in")
    page.wait_for_selector("#gps[data-ok='true']")
    page.wait_for_function("document.querySelector('#camera').videoWidth > 0")
    page.click("#take-photo")
    page.wait_for_selector("#camera-message[data-step='turn']")
    assert page.inner_text("#camera-message") == "Tolehkan kepala sedikit"
    page.wait_for_selector("#camera-message[data-step='done']")
    page.click("#send-event")
    page.wait_for_selector("#outcome")
    assert outcome(page) == ("accepted", "")
    attempts = admin.model(
        "simantap.attendance.attempt",
        "search_read",
        [("employee_id", "=", employee["employee_id"])],
        fields=["raw_payload"],
    )
    assert len(attempts) == 1
    assert attempts[0]["raw_payload"]["second_photo_size"] > 1000
    assert not page.errors, page.errors


def test_check_in_outside_the_fence_is_refused_with_the_reason(
    new_phone, make_employee, admin
):
    employee = make_employee()
    page = new_phone(FAR_AWAY)
    sign_in(page, employee)
    page.wait_for_selector("#nearest.outside")
    capture_and_send(page)
    assert outcome(page) == ("refused", "outside_geofence")
    # the server's own reason, in the app's language
    assert re.search(
        r"Anda berada [\d.,]+ m di luar", page.inner_text("#outcome-message")
    )
    assert_plain(page, "#outcome")
    shoot(page, "check-in-refused")
    # a refusal offers to try again
    page.click("#retry")
    page.wait_for_selector("#capture[data-kind='check_in']")
    page.click("#capture a[href='#/home']")  # cancel
    page.wait_for_selector("#status")
    assert count(admin, "hr.attendance", employee["employee_id"]) == 0
    # a fix too coarse is not even sent: the app says what to do
    page.context.set_geolocation({**OFFICE, "accuracy": 450.0})
    page.goto(page.app_url + "#/capture/check_in")
    page.wait_for_selector("#gps-help[data-code='gps_too_coarse']")
    assert "450" in page.inner_text("#gps-help")
    page.wait_for_function("document.querySelector('#camera').videoWidth > 0")
    page.click("#take-photo")
    assert page.is_disabled("#send-event")
    assert "100 m" in page.inner_text("#gps-help")  # the company's limit
    shoot(page, "gps-too-coarse")
    attempts = count(admin, "simantap.attendance.attempt", employee["employee_id"])
    assert attempts == 1  # the refused check-in only
    # a company that accepts coarser fixes: the app follows /me/today's limit
    company = admin.model(
        "hr.employee", "read", [employee["employee_id"]], fields=["company_id"]
    )[0]["company_id"][0]
    before = admin.model(
        "res.company", "read", [company], fields=["simantap_max_accuracy"]
    )[0]["simantap_max_accuracy"]
    admin.model("res.company", "write", [company], {"simantap_max_accuracy": 500})
    try:
        page.goto(page.app_url + "#/home")
        page.reload()  # the app opens again and reads /me/today
        page.wait_for_selector("#status")
        page.goto(page.app_url + "#/capture/check_in")
        page.wait_for_selector("#gps[data-ok='true']")  # the same 450 m fix
        assert "500 m" in page.inner_text("#gps")
        assert not page.inner_text("#gps-help")
    finally:
        admin.model(
            "res.company", "write", [company], {"simantap_max_accuracy": before}
        )
    assert not page.errors, page.errors


# ------------------------------------------------------------------ a day


def test_a_day_with_pings_and_a_spot_check(new_phone, make_employee, admin):
    """Checked in, the app sends a ping when the cadence comes round (a unit with
    a one-minute cadence; the page's clock is moved a minute forward instead of
    waiting), another on demand, answers a spot check with a selfie, checks out.
    The phone's clock runs five minutes fast all day: every event carries its
    sent_at, and the server reads the capture times on its own clock."""
    employee = make_employee()
    employee_id = employee["employee_id"]
    fast_unit = admin.model(
        "hr.department",
        "create",
        {"name": f"E2E fast pings {employee['login']}", "simantap_ping_interval": 1},
    )
    admin.model("hr.employee", "write", [employee_id], {"department_id": fast_unit})
    page = new_phone(OFFICE)
    page.clock.install(time=datetime.now(UTC) + PHONE_CLOCK_AHEAD)
    sign_in(page, employee)
    capture_and_send(page)
    assert outcome(page)[0] == "accepted"
    page.click("#to-home")
    page.wait_for_selector("#next-ping")
    assert count(admin, "simantap.presence.ping", employee_id) == 0

    page.clock.fast_forward(61_000)  # the next tick finds the ping due
    wait_until(
        lambda: count(admin, "simantap.presence.ping", employee_id) == 1,
        what="the ping on the cadence",
    )
    # the phone's clock is now six minutes ahead: a ping on demand is still
    # taken at the server's time
    # (a cadence ping may still be on its way: the button waits for it, then
    # sends its own, and always answers on the screen)
    page.wait_for_selector("#send-position:not([disabled])")
    page.click("#send-position")
    page.wait_for_selector("#ping-answer[data-outcome]", timeout=3 * TIMEOUT_MS)
    assert page.get_attribute("#ping-answer", "data-outcome") == "accepted"
    assert page.inner_text("#ping-answer") == "Posisi terkirim dan diterima server."
    assert count(admin, "simantap.presence.ping", employee_id) == 2
    pings = admin.model(
        "simantap.presence.ping",
        "search_read",
        [("employee_id", "=", employee_id)],
        fields=["captured_at", "clock_offset"],
    )
    for ping in pings:
        # the server's clock minus the phone's when it sent the ping: -5 to -6 min
        assert -7 * 60 < ping["clock_offset"] < -4 * 60, ping
        captured = datetime.fromisoformat(ping["captured_at"]).replace(tzinfo=UTC)
        assert abs(captured - datetime.now(UTC)) < timedelta(minutes=2), ping

    make_spot_check_due(admin, employee_id)
    page.click("#refresh")
    page.wait_for_selector("#spot-check")
    assert re.search(r"\d\d:\d\d", page.inner_text("#spot-countdown"))
    page.evaluate("window.scrollTo(0, 0)")
    shoot(page, "spot-check")
    capture_and_send(page, action="#answer-spot-check")
    assert outcome(page)[0] == "accepted"
    page.click("#to-home")
    page.wait_for_selector("#status[data-checked-in='true']")
    shoot(page, "home-checked-in")
    capture_and_send(page, action="#go-check-out")
    assert outcome(page)[0] == "accepted"

    assert count(admin, "simantap.presence.ping", employee_id) == 2
    checks = admin.model(
        "simantap.spot.check",
        "search_read",
        [("employee_id", "=", employee_id)],
        fields=["state"],
    )
    assert [c["state"] for c in checks] == ["answered_inside"]
    assert one_closed_attendance(admin, employee_id)
    assert not page.errors, page.errors


# ------------------------------------------------------------------ offline


def test_offline_events_are_queued_then_stored_exactly_once(
    new_phone, make_employee, admin
):
    employee = make_employee()
    employee_id = employee["employee_id"]
    page = new_phone(OFFICE)
    sign_in(page, employee)
    page.context.set_offline(True)
    capture_and_send(page)
    assert outcome(page)[0] == "queued"
    page.click("#to-home")
    page.wait_for_selector("#status[data-checked-in='true']")
    page.click("#send-position")
    page.wait_for_selector("#net[data-waiting='2']")
    capture_and_send(page, action="#go-check-out")
    assert outcome(page)[0] == "queued"
    page.goto(page.app_url + "#/queue")
    page.wait_for_selector("#queue")
    assert page.locator("li.entry[data-state='waiting']").count() == 3
    shoot(page, "queue-offline")
    assert count(admin, "hr.attendance", employee_id) == 0

    page.context.set_offline(False)
    page.wait_for_function(
        "document.querySelectorAll('li.entry[data-state=accepted]').length === 3",
        timeout=2 * TIMEOUT_MS,
    )
    shoot(page, "queue-sent")
    assert_plain(page, "#queue")
    kinds = page.eval_on_selector_all(
        "li.entry", "(rows) => rows.map((r) => r.dataset.kind).sort()"
    )
    assert kinds == ["check_in", "check_out", "ping"]
    # the Background Sync of the service worker and the page may both have sent
    # the batch: the server still holds each event once
    page.wait_for_timeout(1000)
    assert one_closed_attendance(admin, employee_id)
    assert count(admin, "simantap.presence.ping", employee_id) == 1
    assert count(admin, "simantap.attendance.attempt", employee_id) == 2
    # reopening the app sends nothing again
    page.goto(page.app_url + "#/queue")
    page.wait_for_selector("#queue")
    assert page.locator("li.entry[data-state='accepted']").count() == 3
    assert count(admin, "simantap.attendance.attempt", employee_id) == 2
    assert not page.errors, page.errors


# ------------------------------------------------------------------ field duty


def letter_jpeg():
    image = Image.new("RGB", (800, 1100), "white")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=70)
    return buffer.getvalue()


def fill_duty_form(page):
    """Open a new field-duty request and fill it, with a photographed letter."""
    page.click("#tab-duty")
    page.wait_for_selector("#duty-new")
    page.click("#duty-new")
    page.wait_for_selector("#duty-form")
    page.fill("#duty-destination_name", "Kantor Gubernur Jambi")
    page.fill("#duty-purpose", "Rapat koordinasi presensi ASN")
    page.fill("#duty-letter_number", "800/123/BKPSDM/2026")
    page.fill("#duty-letter_date", page.input_value("#duty-date_from"))
    page.set_input_files(
        "#duty-letter",
        {"name": "surat-tugas.jpg", "mimeType": "image/jpeg", "buffer": letter_jpeg()},
    )


def test_field_duty_request_with_its_letter(new_phone, make_employee, admin):
    employee = make_employee()
    page = new_phone(OFFICE)
    sign_in(page, employee)
    fill_duty_form(page)
    shoot(page, "field-duty-form")
    page.click("#duty-send")
    page.wait_for_selector("#duty-detail")
    state = page.get_attribute("li.duty", "data-state")
    assert state == "submitted"
    shoot(page, "field-duty")
    duties = admin.model(
        "simantap.field.duty",
        "search_read",
        [("employee_ids", "in", [employee["employee_id"]])],
        fields=["state", "destination_name", "letter_file"],
    )
    assert len(duties) == 1
    assert duties[0]["state"] == "submitted"
    assert duties[0]["destination_name"] == "Kantor Gubernur Jambi"
    letter = base64.b64decode(duties[0]["letter_file"])
    assert letter[:3] == b"\xff\xd8\xff"  # the JPEG the phone made of the photo

    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#duty-cancel")
    page.wait_for_selector("li.duty[data-state='cancelled']")
    # my week, with the day's codes (or none yet)
    page.click("#tab-days")
    page.wait_for_selector("#days-week li.day")
    assert page.locator("#days-week li.day").count() == 7
    shoot(page, "my-week")
    assert not page.errors, page.errors


def test_a_draft_submitted_approved_then_photos_from_the_destination(
    odoo_server, new_phone, make_employee, admin
):
    employee = make_employee()
    page = new_phone(OFFICE)
    sign_in(page, employee)
    fill_duty_form(page)
    page.click("#duty-draft")
    page.wait_for_selector("li.duty[data-state='draft']")
    page.click("#duty-submit-draft")
    page.wait_for_selector("li.duty[data-state='submitted']")
    duty_id = int(page.get_attribute("li.duty", "data-duty-id"))
    # the unit head approves it in the backend
    head = JsonRpc(odoo_server)
    assert head.login("kepala.bkpsdm", "kepala.bkpsdm")
    head.model("simantap.field.duty", "action_approve", [duty_id])
    page.reload()
    page.wait_for_selector("li.duty[data-state='approved']")
    photos = [
        {"name": f"lokasi-{n}.jpg", "mimeType": "image/jpeg", "buffer": letter_jpeg()}
        for n in (1, 2)
    ]
    page.set_input_files(f"#duty-photos-{duty_id}", photos)
    page.click("#duty-photos-send")
    wait_until(
        lambda: (
            len(
                admin.model(
                    "simantap.field.duty", "read", [duty_id], fields=["photo_ids"]
                )[0]["photo_ids"]
            )
            == 2
        ),
        what="the two destination photos",
    )
    assert not page.is_visible("#duty-cancel")  # approved: no longer mine to cancel
    assert not page.errors, page.errors


# ------------------------------------------------------------------ my month


def pdf_bytes():
    """A real one-page PDF: the server parses what claims to be one."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def review_month():
    """A month a few months back that no other journey uses (its first day)."""
    first = datetime.now(UTC).date().replace(day=1)
    for _ in range(4):
        first = (first - timedelta(days=1)).replace(day=1)
    return first


def working_days(first):
    day, days = first, []
    while day.month == first.month:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


@pytest.fixture
def month_under_review(admin, make_employee):
    """A new employee with evaluated days in a past month (one absence, TK, and
    one late arrival, TL1), a TPP of Rp 5,000,000, and the company's TPP month
    computed and opened for objections by a payroll officer (the admin).  The
    month is removed afterwards (with its lines and objections), so that the
    journey runs again on the same database."""
    employee = make_employee()
    employee_id = employee["employee_id"]
    company = admin.model("hr.employee", "read", [employee_id], fields=["company_id"])[
        0
    ]["company_id"][0]
    first = review_month()
    Period = "simantap.sanction.period"

    def remove_month():
        # a month left behind by an interrupted run
        stale = admin.model(
            Period,
            "search",
            [("company_id", "=", company), ("date_from", "=", first.isoformat())],
        )
        if stale:
            admin.model(Period, "unlink", stale)

    remove_month()
    # an office week (Monday to Friday): the weekends are days off
    office_week = admin.model(
        "resource.calendar",
        "create",
        {
            "name": f"E2E office week {employee['login']}",
            "tz": "Asia/Jakarta",
            "attendance_ids": [
                (
                    0,
                    0,
                    {
                        "name": f"day {day}",
                        "dayofweek": str(day),
                        "hour_from": 7.5,
                        "hour_to": 16.0,
                        "day_period": "morning",
                    },
                )
                for day in range(5)
            ],
        },
    )
    admin.model(
        "hr.employee", "write", [employee_id], {"resource_calendar_id": office_week}
    )
    days = working_days(first)
    absent, late = days[2], days[5]
    admin.model(
        "simantap.daily.status",
        "create",
        [
            {
                "employee_id": employee_id,
                "date": day.isoformat(),
                "attendance_code": codes.split()[0],
                "codes": codes,
                "effective_codes": codes,
                "expected_minutes": 450,
            }
            for day in days
            for codes in ["TK" if day == absent else "H TL1" if day == late else "H"]
        ],
    )
    # a class of the company (one per grade), and this employee's own amount
    classes = admin.model(
        "simantap.position.class",
        "search",
        [("company_id", "=", company), ("grade", "=", 9)],
        limit=1,
    )
    position = (
        classes[0]
        if classes
        else admin.model(
            "simantap.position.class",
            "create",
            {
                "name": "Kelas 9",
                "grade": 9,
                "tpp_amount": 5_000_000,
                "company_id": company,
            },
        )
    )
    admin.model(
        "simantap.tpp.assignment",
        "create",
        {
            "employee_id": employee_id,
            "position_class_id": position,
            "date_from": first.isoformat(),
            "use_override": True,
            "override_amount": 5_000_000,
            "override_reason": "E2E",
        },
    )
    period = admin.model(
        Period, "create", {"company_id": company, "date_from": first.isoformat()}
    )
    admin.model(Period, "action_compute", [period])
    admin.model(Period, "action_start_review", [period])
    yield {
        **employee,
        "month": first.strftime("%Y-%m"),
        "absent": absent.isoformat(),
        "late": late.isoformat(),
        "present": days[0].isoformat(),
        "next_week": (datetime.now(UTC).date() + timedelta(days=7)).isoformat(),
        "period": period,
    }
    remove_month()


def test_my_month_with_tpp_and_an_objection(
    new_phone, month_under_review, admin, odoo_server
):
    """My month under review: the codes of each day, the totals per code and the
    TPP statement; an objection to the absent day asking for DL (field duty), with
    a PDF picked as evidence; the first send's answer is lost on the way (the
    server stored it), the second send with the same UUID stores nothing more; the
    unit head's note then shows in my objections."""
    employee = month_under_review
    employee_id = employee["employee_id"]
    page = new_phone(OFFICE)
    sign_in(page, employee)
    page.goto(f"{page.app_url}#/days/month/{employee['month']}")
    page.wait_for_selector("#tpp")

    line = admin.model(
        "simantap.sanction.line",
        "search_read",
        [("period_id", "=", employee["period"]), ("employee_id", "=", employee_id)],
        fields=["tpp_base", "deduction", "net", "capped_percent"],
    )[0]
    assert line["tpp_base"] == 5_000_000 and line["deduction"] > 0
    digits = lambda text: re.sub(r"\D", "", text)  # noqa: E731
    assert digits(page.inner_text("#tpp-base")) == "5000000"
    assert digits(page.inner_text("#tpp-net")) == str(round(line["net"]))
    assert digits(page.inner_text("#tpp-deduction")) == str(round(line["deduction"]))
    assert page.get_attribute("#tpp", "data-state") == "review"
    assert page.locator("#tpp-breakdown li").count() >= 1
    totals = page.eval_on_selector_all(
        "#totals li",
        "(rows) => Object.fromEntries(rows.map((r) => [r.dataset.code,"
        " r.querySelector('strong').textContent]))",
    )
    days = len(working_days(date.fromisoformat(f"{employee['month']}-01")))
    assert totals == {"H": str(days - 1), "TK": "1", "TL1": "1"}
    absent_row = f"li.day[data-date='{employee['absent']}']"
    assert page.inner_text(f"{absent_row} .code") == "TK"
    assert page.is_visible(f"#object-{employee['absent']}")
    # only a day that costs something offers an objection: not a present day
    assert page.is_visible(f"#object-{employee['late']}")
    present = employee["present"]
    assert page.locator(f"#object-{present}").count() == 0
    # the weekends are days off, not days waiting for an evaluation
    weekend = page.locator("li.day[data-kind='weekend']")
    assert weekend.count() >= 8
    assert "akhir pekan" in weekend.first.inner_text()
    assert page.locator("li.day[data-kind='pending']").count() == 0
    assert_plain(page, "#view")
    shoot(page, "my-month")

    # the late day: only what fits it (present, duty, leave), never TK nor TL1
    page.click(f"#object-{employee['late']}")
    page.wait_for_selector("#objection-form")
    offered = page.eval_on_selector_all(
        "#objection-codes input", "(boxes) => boxes.map((b) => b.value)"
    )
    assert {"H", "DL"} <= set(offered), offered
    assert not {"TK", "TL1", "TL2", "LAM"} & set(offered), offered
    assert_plain(page, "#objection-form")
    # next week: days still to come
    page.goto(f"{page.app_url}#/days/week/{employee['next_week']}")
    page.wait_for_selector("#days-week")
    kinds = page.eval_on_selector_all(
        "li.day", "(rows) => rows.map((r) => r.dataset.kind)"
    )
    assert kinds == ["future"] * 7, kinds
    assert "belum tiba" in page.inner_text("#days-week")
    page.goto(f"{page.app_url}#/days/month/{employee['month']}")
    page.wait_for_selector("#tpp")

    page.click(f"#object-{employee['absent']}")
    page.wait_for_selector("#objection-form")
    assert "TK" in page.inner_text("#objection-current")
    assert page.locator("#objection-codes input[type=checkbox]").count() >= 5
    assert page.locator("#objection-code-TK").count() == 0
    uuid = page.get_attribute("#objection-form", "data-uuid")
    # nothing picked: the app says so before sending anything
    page.fill("#objection-reason", "Saya dinas luar ke Kantor Gubernur Jambi.")
    page.click("#objection-send")
    page.wait_for_selector("#objection-message[data-code='objection_pick_code']")
    page.check("#objection-code-DL")
    page.set_input_files(
        "#objection-attachment",
        {
            "name": "surat-tugas.pdf",
            "mimeType": "application/pdf",
            "buffer": pdf_bytes(),
        },
    )
    assert not page.inner_text("#objection-message")
    page.evaluate("window.scrollTo(0, 0)")
    shoot(page, "objection")

    # the first answer is lost on the way back: the server has the objection, the
    # phone does not know it
    lost = []

    def lose_the_answer(route):
        if route.request.method == "POST" and not lost:
            lost.append(route.fetch().status)
            route.abort("connectionreset")
        else:
            route.continue_()

    page.route("**/simantap/api/v1/me/objections", lose_the_answer)
    page.click("#objection-send")
    page.wait_for_selector("#objection-send:not([disabled])")
    assert lost == [201]
    assert "tidak akan tercatat dua kali" in page.inner_text("#objection-message")
    assert page.get_attribute("#objection-form", "data-uuid") == uuid
    page.click("#objection-send")  # the same objection again
    page.wait_for_selector("#days-month")
    page.unroute("**/simantap/api/v1/me/objections")
    page.wait_for_selector("#objections li.objection[data-state='submitted']")
    assert "DL" in page.inner_text("#objections li.objection")
    assert not page.is_visible(f"#object-{employee['absent']}")
    assert "Keberatan" in page.inner_text(absent_row)

    objections = admin.model(
        "simantap.sanction.objection",
        "search_read",
        [("employee_id", "=", employee_id)],
        fields=[
            "state",
            "requested_code_ids",
            "status_ids",
            "reason",
            "attachment",
            "attachment_name",
            "api_uuid",
        ],
    )
    assert len(objections) == 1
    objection = objections[0]
    assert objection["api_uuid"] == uuid
    assert objection["state"] == "submitted"
    codes = admin.model(
        "simantap.status.code",
        "read",
        objection["requested_code_ids"],
        fields=["code"],
    )
    assert [c["code"] for c in codes] == ["DL"]
    days = admin.model(
        "simantap.daily.status", "read", objection["status_ids"], fields=["date"]
    )
    assert [d["date"] for d in days] == [employee["absent"]]
    assert objection["attachment_name"] == "surat-tugas.pdf"
    assert base64.b64decode(objection["attachment"]) == pdf_bytes()

    # the unit head supports it with a note: the app shows the decision
    head = JsonRpc(odoo_server)
    assert head.login("kepala.bkpsdm", "kepala.bkpsdm")
    head.model(
        "simantap.sanction.objection",
        "action_head_endorse",
        [objection["id"]],
        note="Surat tugas sesuai.",
    )
    page.reload()
    page.wait_for_selector("#objections li.objection[data-state='endorsed']")
    assert "Surat tugas sesuai." in page.inner_text("#objections .head-note")
    page.click("#all-objections")
    page.wait_for_selector("#objections-all li.objection[data-state='endorsed']")
    assert page.locator("#objections-all li.objection").count() == 1
    assert not page.errors, page.errors


# ------------------------------------------------------------------ API docs


def test_api_docs_render_without_internet(browser, odoo_server):
    """/simantap/api/v1/docs on a network with no way out: every request to
    another origin fails, and Swagger UI still draws the API."""
    url = odoo_server["url"]
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    elsewhere = []

    def only_this_server(route):
        if route.request.url.startswith(url):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort("internetdisconnected")

    try:
        context.route("**/*", only_this_server)
        page = context.new_page()
        page.goto(f"{url}/simantap/api/v1/docs")
        page.wait_for_selector(".swagger-ui .info .title")
        assert "Simantap Mobile API" in page.inner_text(".swagger-ui .info .title")
        page.wait_for_selector(".opblock-tag")
        assert page.locator(".opblock").count() > 10
        assert not elsewhere, elsewhere
    finally:
        context.close()

"""The backend's maps in a real browser (/usr/bin/chromium driven by Playwright's
library): the live monitor's map as the attendance officer (coloured markers, the
work-location fences, a legend in Indonesian), the work-location form's map as the
officer (shown) and as the Simantap administrator (a click places the office, three
clicks draw the polygon, and the save stores them).  Screenshots of both go where
the phone journeys put theirs."""

from datetime import UTC, datetime, timedelta

import pytest

pytest.register_assert_rewrite("browser")
from browser import shoot  # noqa: E402

pytest_plugins = ("phone", "browser")
pytestmark = pytest.mark.usefixtures("no_login_cooldown", "indonesian")


def demo_office(admin):
    """The demo BKPSDM office: a work location with its point and fence."""
    return admin.model(
        "hr.work.location",
        "search_read",
        [("latitude", "!=", 0)],
        fields=["id", "name", "latitude", "longitude", "geofence_radius"],
        limit=1,
        order="id",
    )[0]


@pytest.fixture
def someone_in(admin):
    """A demo employee checked in now at the office, so the map has a marker."""
    office = demo_office(admin)
    busy = {
        row["employee_id"][0]
        for row in admin.model(
            "hr.attendance",
            "search_read",
            [("check_out", "=", False)],
            fields=["employee_id"],
        )
    }
    employee = next(
        row
        for row in admin.model(
            "hr.employee", "search_read", [("user_id", "!=", False)], fields=["id"]
        )
        if row["id"] not in busy
    )
    now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    attendance = admin.model(
        "hr.attendance",
        "create",
        {
            "employee_id": employee["id"],
            "check_in": str(now - timedelta(minutes=5)),
            "in_latitude": office["latitude"],
            "in_longitude": office["longitude"],
        },
    )
    yield employee
    admin.model("hr.attendance", "unlink", [attendance])


def test_monitor_map_shows_states_fences_and_a_legend(desk, someone_in):
    page = desk("petugas")
    page.goto(
        f"{page.base}/odoo/action-simantap_attendance.simantap_presence_monitor_action"
    )
    page.wait_for_selector(".o_list_renderer")
    header = page.inner_text(".o_list_renderer thead")
    assert "Status" in header and "Terakhir" in header, header
    shoot(page, "backend-monitor-list")
    switch = page.locator(".o_switch_view.o_leaflet_map")
    assert switch.get_attribute("data-tooltip") == "Peta", switch.get_attribute(
        "data-tooltip"
    )
    switch.click()
    page.wait_for_selector(".o_simantap_map_legend .o_simantap_legend_line")
    legend = page.inner_text(".o_simantap_map_legend")
    for label in ("Keterangan", "Belum Masuk", "Di Dalam Area", "Di Luar Area"):
        assert label in legend, legend
    # the fences are drawn as paths (those outside the view are left empty, "M0 0"),
    # the employee in as a coloured dot (or a cluster)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.leaflet-overlay-pane path')]"
        ".some((path) => path.getAttribute('d') !== 'M0 0')"
    )
    page.wait_for_selector(".o_simantap_marker, .marker-cluster")
    # nobody creates a monitor row: no "Baru" on the map
    assert not page.locator(".o_control_panel .o_list_button_add").count()
    shoot(page, "backend-monitor-map")
    assert not page.errors, page.errors


def test_officer_sees_the_work_location_on_a_map(desk, admin):
    office = demo_office(admin)
    page = desk("petugas")
    page.goto(
        f"{page.base}/odoo/action-simantap_attendance.hr_work_location_action/{office['id']}"
    )
    page.wait_for_selector(".o_simantap_geofence_map.leaflet-container")
    page.wait_for_selector(".o_simantap_geofence_map .leaflet-overlay-pane path")
    page.wait_for_selector(".o_simantap_geofence_map .leaflet-marker-icon")
    shoot(page, "backend-work-location-map")
    assert not page.errors, page.errors


def test_administrator_places_the_office_and_draws_the_fence(desk, admin):
    office = demo_office(admin)
    page = desk("admin.simantap")
    try:
        page.goto(
            f"{page.base}/odoo/action-simantap_attendance.hr_work_location_action/{office['id']}"
        )
        map_box = page.wait_for_selector(".o_simantap_geofence_map.leaflet-container")
        page.wait_for_selector(".o_simantap_geofence_map .leaflet-marker-icon")
        map_box.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        box = map_box.bounding_box()
        centre_x, centre_y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        # a click 60 px north-east of the office moves its point there
        page.mouse.click(centre_x + 60, centre_y - 60)
        page.click(".o_form_button_save")
        page.wait_for_selector(".o_form_saved")
        moved = admin.model(
            "hr.work.location", "read", [office["id"]], ["latitude", "longitude"]
        )[0]
        assert moved["latitude"] > office["latitude"]
        assert moved["longitude"] > office["longitude"]
        # three corners, then Selesai: the polygon replaces the circle
        page.click(".o_simantap_draw_polygon")
        for dx, dy in ((-80, -50), (80, -50), (0, 70)):
            page.mouse.click(centre_x + dx, centre_y + dy)
        page.click(".o_simantap_finish_polygon")
        page.click(".o_form_button_save")
        page.wait_for_selector(".o_form_saved")
        polygon = admin.model(
            "hr.work.location", "read", [office["id"]], ["geofence_polygon"]
        )[0]["geofence_polygon"]
        assert '"Polygon"' in polygon
        assert polygon.count("[") == 6  # rings, 3 corners and the closing point
        shoot(page, "backend-work-location-polygon")
        assert not page.errors, page.errors
    finally:
        admin.model(
            "hr.work.location",
            "write",
            [office["id"]],
            {
                "latitude": office["latitude"],
                "longitude": office["longitude"],
                "geofence_polygon": False,
            },
        )


def test_send_a_message_opens_a_chat_with_the_employee(desk, admin, someone_in):
    name = admin.model("hr.employee", "read", [someone_in["id"]], ["name"])[0]["name"]
    page = desk("petugas")
    page.goto(
        f"{page.base}/odoo/action-simantap_attendance.simantap_presence_monitor_action"
    )
    row = page.locator(".o_data_row", has_text=name)
    row.locator("button[name=action_message_employee]").click()
    try:
        page.wait_for_selector(".o-mail-Discuss .o-mail-Composer-input", timeout=30_000)
    finally:
        shoot(page, "backend-monitor-chat")
    page.wait_for_function(
        "(name) => document.querySelector('.o-mail-Discuss').innerText.includes(name)",
        arg=name,
    )
    assert not page.errors, page.errors


def test_who_is_not_in_yet_today_has_its_own_list(desk):
    page = desk("petugas")
    page.goto(
        f"{page.base}/odoo/action-simantap_attendance.simantap_presence_monitor_action_not_in"
    )
    page.wait_for_selector(".o_list_renderer, .o_view_nocontent")
    facets = page.inner_text(".o_searchview")
    assert "Belum Masuk Hari Ini" in facets, facets
    for status in page.locator(".o_data_row [name=monitor_state]").all_inner_texts():
        assert status.strip() == "Belum Masuk", status
    shoot(page, "backend-monitor-not-in")
    assert not page.errors, page.errors

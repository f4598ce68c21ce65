"""The attendance officer enrols an employee's face in the backend, in a real
Chromium: a photograph taken in person is uploaded on a new reference face, saved
(the server finds exactly one face and computes its encoding), then approved; the
employee is enrolled.  The phone's own enrolment, whose fake camera shows no face,
is the no-face path of tests/test_phone_app.py.  The photograph is one of the test
faces the attendance addon ships (its tests/faces/README.md gives source and
licence)."""

import os

import pytest

pytest.register_assert_rewrite("browser")
from browser import REPO, shoot  # noqa: E402

pytest_plugins = ("phone", "browser")
pytestmark = pytest.mark.usefixtures("no_login_cooldown", "indonesian")

FACE = os.path.join(
    REPO, "addons", "simantap_attendance", "tests", "faces", "obama_1.jpg"
)


@pytest.fixture
def newcomer(admin, make_employee):
    """An employee of the demo BKPSDM with no face enrolled yet."""
    employee = make_employee()
    employee["name"] = f"E2E {employee['login']}"
    yield employee
    references = admin.model(
        "simantap.face.reference",
        "search",
        [("employee_id", "=", employee["employee_id"])],
    )
    if references:
        admin.model("simantap.face.reference", "unlink", references)


def test_the_officer_enrols_a_face_in_person(desk, admin, newcomer):
    page = desk("petugas")
    page.goto(
        f"{page.base}/odoo/action-simantap_attendance.simantap_face_reference_action/new"
    )
    page.wait_for_selector(".o_form_view .o_field_widget[name=employee_id] input")
    page.fill(".o_field_widget[name=employee_id] input", newcomer["name"])
    page.click(f".o-autocomplete--dropdown-item a:has-text('{newcomer['name']}')")
    page.set_input_files(".o_field_widget[name=photo] input[type=file]", FACE)
    page.wait_for_selector(
        ".o_field_widget[name=photo] img[src*='data:image'], "
        ".o_field_widget[name=photo] img[src*='/web/image']"
    )
    page.click(".o_form_button_save")
    approve = page.locator("button[name=action_approve]")
    approve.wait_for()
    shoot(page, "backend-face-enrolment")
    approve.click()
    approve.wait_for(state="detached")  # approved: the button is gone
    reference = admin.model(
        "simantap.face.reference",
        "search_read",
        [("employee_id", "=", newcomer["employee_id"])],
        fields=["state", "source", "approved_by"],
    )
    assert len(reference) == 1, reference
    assert reference[0]["state"] == "approved"
    assert reference[0]["source"] == "officer"
    enrolled = admin.model(
        "hr.employee",
        "read",
        [newcomer["employee_id"]],
        fields=["simantap_face_enrolled"],
    )[0]
    assert enrolled["simantap_face_enrolled"]
    assert not page.errors, page.errors

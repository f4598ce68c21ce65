"""Each role of the demo regency in the backend, in a real headless Chromium, as a
regency's staff would use it (Indonesian): the login page, the role's Simantap home,
then every Simantap menu the role can open.  No page may show a JavaScript error, a
raw code, the stock "YourCompany", or an English label of the list below.  Each
role's home is written as a screenshot (.test-logs/screenshots/backend/, or
docs/screenshots/backend/ with `make screenshots`)."""

import re

import pytest

pytest.register_assert_rewrite("phone", "browser")
from browser import raw_code, shoot  # noqa: E402
from phone import xmlid  # noqa: E402

pytest_plugins = ("phone", "browser")
pytestmark = pytest.mark.usefixtures("no_login_cooldown", "indonesian")

VIEWPORT = {"width": 1366, "height": 850}
TIMEOUT_MS = 90_000

# role login -> the action of its Simantap home
HOMES = {
    "petugas": "simantap_attendance.simantap_presence_monitor_action",
    "kepala.bkpsdm": "simantap_attendance.simantap_field_duty_action_to_approve",
    "bendahara": "simantap_sanction.simantap_sanction_period_action",
    "pegawai": "simantap_attendance.simantap_daily_status_action_my_month",
}
# English words a screen in Indonesian must not show (as whole labels)
ENGLISH = (
    "Employee",
    "Employees",
    "Attendances",
    "Check In",
    "Check Out",
    "Department",
    "Work Location",
    "Field Duty",
    "Late",
    "Approve",
    "Reject",
    "Discard",
    "Filters",
    "Group By",
    "Favorites",
    "Search...",
    "Day",
    "Month",
)
ENGLISH_RE = re.compile(
    r"(?:^|\n)\s*(" + "|".join(re.escape(w) for w in ENGLISH) + r")\s*(?:\n|$)"
)


@pytest.fixture(scope="module")
def indonesian_roles(admin, indonesian):
    """The roles read Simantap in Indonesian, as the demo regency's staff do."""
    users = admin.model(
        "res.users", "search", [("login", "in", [*HOMES, "admin.simantap"])]
    )
    admin.model("res.users", "write", users, {"lang": "id_ID"})


@pytest.fixture
def desktop(browser, odoo_server):
    context = browser.new_context(viewport=VIEWPORT, locale="id-ID")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.base = odoo_server["url"]
    yield page
    context.close()


def visible_text(page):
    return page.inner_text("body")


def assert_clean(page, where):
    """What the user reads at ``where`` is plain Indonesian, without errors."""
    assert not page.errors, (where, page.errors)
    assert not page.query_selector(".o_error_dialog"), (where, visible_text(page))
    text = page.inner_text(".o_action_manager")
    if page.query_selector(".o_dialog"):  # a wizard's dialog
        text += "\n" + page.inner_text(".o_dialog")
    assert raw_code(text) is None, (where, raw_code(text), text[:2000])
    assert "YourCompany" not in visible_text(page), where
    english = ENGLISH_RE.search(text)
    assert english is None, (where, english and english.group(1), text[:2000])


def wait_for_view(page):
    page.wait_for_selector(
        ".o_action_manager .o_control_panel, .o_dialog .modal-content"
    )
    # the web client keeps a long poll open: wait for its own loading indicator
    page.wait_for_timeout(300)
    page.wait_for_function("!document.querySelector('.o_loading_indicator')")
    page.wait_for_timeout(300)


def sign_in(page, login):
    page.goto(f"{page.base}/web/login")
    label = page.inner_text("label[for=login]")
    assert label.strip() in ("Login", "Nama Pengguna", "Log masuk"), label
    assert "Email" not in label
    assert "YourCompany" not in visible_text(page)
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", login)
    page.click("button[type=submit]")
    wait_for_view(page)


def role_menus(page):
    """The Simantap menus (with an action) the signed-in user's web client loads."""
    menus = page.evaluate(
        "fetch('/web/webclient/load_menus/' + Date.now()).then((r) => r.json())"
    )
    found = {}
    for menu in menus.values():
        xml_id = menu.get("xmlid") or ""
        if menu.get("actionID") and xml_id.split(".")[0].startswith("simantap_"):
            found.setdefault(menu["actionID"], (xml_id, menu["actionID"], menu["name"]))
    return sorted(found.values())


@pytest.mark.parametrize("login", sorted(HOMES))
def test_each_role_lands_home_and_opens_its_menus(
    desktop, admin, indonesian_roles, login
):
    page = desktop
    sign_in(page, login)
    home = HOMES[login]
    home_id = xmlid(admin, home)
    assert f"action-{home_id}" in page.url or home.split(".")[1] in page.url, (
        login,
        page.url,
    )
    assert_clean(page, f"{login} home")
    shoot(page, f"{login}-home", folder="backend")
    menus = role_menus(page)
    assert menus, f"{login} sees no Simantap menu"
    for xml_id, action_id, name in menus:
        page.goto(f"{page.base}/odoo/action-{action_id}")
        try:
            wait_for_view(page)
        except Exception as error:
            raise AssertionError(f"{login}: {name} ({xml_id}) did not open") from error
        assert_clean(page, f"{login}: {name} ({xml_id})")
    assert not page.errors, page.errors


def test_an_employee_does_not_see_the_apps_store(desktop, indonesian_roles):
    page = desktop
    sign_in(page, "pegawai")
    apps = page.evaluate(
        "fetch('/web/webclient/load_menus/' + Date.now()).then((r) => r.json())"
    )
    names = {menu.get("xmlid") for menu in apps.values()}
    assert "base.menu_management" not in names
    assert "hr.menu_hr_root" not in names

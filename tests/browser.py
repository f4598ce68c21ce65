"""What the browser journeys share: Debian's Chromium driven by Playwright's library
(no browser is downloaded), the screenshot folder, and the test of "words only"."""

import os
import re
import shutil

import pytest

CHROMIUM = "/usr/bin/chromium"
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# where the screens go: .test-logs/ by default (a test run leaves the checkout
# clean); `make screenshots` writes the README's, in docs/screenshots/
SCREENSHOTS = os.environ.get("SIMANTAP_SCREENSHOTS") or os.path.join(
    REPO, ".test-logs", "screenshots"
)

DESK_TIMEOUT_MS = 90_000  # a loaded 2-core machine is slow to build the assets

# what a civil servant must never read: a UUID, or a code (snake_case)
RAW = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    r"|\b[a-z]+(?:_[a-z0-9]+)+\b",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium chromium-driver")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="pip install -r requirements-dev.txt"
    )
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream",
            ],
        )
        yield browser
        browser.close()


def shoot(page, name, folder=""):
    path = os.path.join(SCREENSHOTS, folder)
    os.makedirs(path, exist_ok=True)
    page.wait_for_timeout(300)  # let the last paint (and a tiles-less map) land
    page.screenshot(path=os.path.join(path, f"{name}.png"))


def raw_code(text):
    """The first raw code or UUID in ``text``, or None."""
    found = RAW.search(text)
    return found.group() if found else None


@pytest.fixture
def desk(browser, odoo_server, admin):
    """``desk(login)`` -> a desktop page signed in to the backend as the demo user
    ``login`` (password: the login), in Indonesian."""
    contexts, users = [], []

    def make(login):
        user = admin.model(
            "res.users", "search_read", [("login", "=", login)], fields=["lang"]
        )[0]
        users.append(user)
        admin.model("res.users", "write", [user["id"]], {"lang": "id_ID"})
        context = browser.new_context(
            viewport={"width": 1280, "height": 800},
            locale="id-ID",
            bypass_csp=True,  # Playwright evaluates its waits as strings
        )
        context.set_default_timeout(DESK_TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.goto(f"{odoo_server['url']}/web/login")
        page.fill("input[name=login]", login)
        page.fill("input[name=password]", login)
        page.click("button[type=submit]")
        page.wait_for_selector(".o_action_manager .o_action")
        page.base = odoo_server["url"]
        return page

    yield make
    for context in contexts:
        context.close()
    for user in users:
        admin.model("res.users", "write", [user["id"]], {"lang": user["lang"]})

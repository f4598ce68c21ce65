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
    page.wait_for_timeout(150)  # let the last paint land
    page.screenshot(path=os.path.join(path, f"{name}.png"))


def raw_code(text):
    """The first raw code or UUID in ``text``, or None."""
    found = RAW.search(text)
    return found.group() if found else None

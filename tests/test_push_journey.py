"""Web Push in the phone app, in a real headless Chromium against a live server:
after sign-in the app asks for notification permission, subscribes with the
company's VAPID key and posts the subscription, which the server binds to the
phone.

The browser's own push service (Google's FCM for Chromium) is out of reach here,
so ``PushManager.subscribe`` and ``getSubscription`` and the permission prompt are
stubbed in the page (an init script); the stub records the applicationServerKey
the app passed and answers with a subscription whose keys are a real P-256 key
and a 16-byte secret.  What the server does with a subscription (VAPID, the
encrypted payload) is tested against a push service of our own in
simantap_mobile_api's tests."""

import base64
import json
import os

import pytest
from cryptography.hazmat.backends import default_backend
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

pytest.register_assert_rewrite("phone", "browser")
from test_phone_app import new_phone, sign_in  # noqa: E402, F401

pytest_plugins = ("phone", "browser")
pytestmark = pytest.mark.usefixtures("no_login_cooldown", "indonesian")

ENDPOINT = "https://fcm.googleapis.com/fcm/send/journey-e2e"


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def browser_keys():
    key = ec.generate_private_key(ec.SECP256R1(), default_backend())
    public = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return {"p256dh": b64url(public), "auth": b64url(os.urandom(16))}


STUB = """
(() => {
  const subscription = %(subscription)s;
  const push = (window.__push = { asked: 0, permission: "default", key: null, sub: null });
  if (typeof Notification !== "undefined") {
    Object.defineProperty(Notification, "permission", { get: () => push.permission });
    Notification.requestPermission = async () => {
      push.asked += 1;
      push.permission = "granted";
      return "granted";
    };
  }
  if (typeof PushManager !== "undefined") {
    PushManager.prototype.getSubscription = async () => push.sub;
    PushManager.prototype.subscribe = async (options) => {
      push.key = Array.from(new Uint8Array(options.applicationServerKey));
      push.sub = {
        endpoint: subscription.endpoint,
        toJSON: () => subscription,
        unsubscribe: async () => {
          push.sub = null;
          return true;
        },
      };
      return push.sub;
    };
  }
})();
"""


def test_the_app_asks_for_notifications_and_posts_its_subscription(
    new_phone,  # noqa: F811 (the fixture imported above)
    make_employee,
    admin,
):
    employee = make_employee()
    page = new_phone()
    subscription = {
        "endpoint": ENDPOINT,
        "expirationTime": None,
        "keys": browser_keys(),
    }
    page.add_init_script(STUB % {"subscription": json.dumps(subscription)})
    sign_in(page, employee)
    page.wait_for_function("document.documentElement.dataset.push === 'subscribed'")
    assert page.evaluate("window.__push.asked") == 1
    stored = admin.model(
        "simantap.push.subscription",
        "search_read",
        [("employee_id", "=", employee["employee_id"])],
        fields=["endpoint", "p256dh", "auth", "device_id", "vapid_public_key"],
    )
    assert len(stored) == 1, stored
    assert stored[0]["endpoint"] == ENDPOINT
    assert stored[0]["p256dh"] == subscription["keys"]["p256dh"]
    assert stored[0]["auth"] == subscription["keys"]["auth"]
    assert stored[0]["device_id"], "bound to the phone"
    # the app subscribed with the company's current VAPID key
    key = bytes(page.evaluate("window.__push.key"))
    assert b64url(key) == stored[0]["vapid_public_key"]
    # reopened, the app posts the subscription again: replaced, not doubled
    page.reload()
    page.wait_for_function("document.documentElement.dataset.push === 'subscribed'")

    def subscriptions():
        return admin.model(
            "simantap.push.subscription",
            "search_count",
            [("employee_id", "=", employee["employee_id"])],
        )

    assert subscriptions() == 1
    # signing out removes it
    page.on("dialog", lambda dialog: dialog.accept())
    page.click("#sign-out")
    page.wait_for_selector("#login")
    assert subscriptions() == 0
    assert not page.errors, page.errors

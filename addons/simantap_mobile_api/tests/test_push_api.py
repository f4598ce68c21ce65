import base64
import os

from odoo.tests import tagged

from .common import MobileApiCase
from .push_service import Phone, b64url

ENDPOINT = "https://fcm.googleapis.com/fcm/send/abc123"


@tagged("post_install", "-at_install")
class TestPushApi(MobileApiCase):
    """The phone posts and removes its push subscription, learns the VAPID key and
    reports a tapped notification; hostile subscriptions are refused whole."""

    def subscription(self, endpoint=ENDPOINT, **keys):
        phone = Phone()
        return {
            "endpoint": endpoint,
            "keys": {"p256dh": phone.p256dh, "auth": b64url(phone.auth), **keys},
            "expirationTime": None,
        }

    def mine(self):
        return self.env["simantap.push.subscription"].search(
            [("employee_id", "=", self.emp_employee.id)]
        )

    def test_subscribe_is_bound_to_the_phone_and_follows_the_key(self):
        with self.client() as client:
            auth = self.token(client, "sm_pegawai")
            key = client.get("/push/key", headers=auth)
            self.assertEqual(key.status_code, 200, key.text)
            self.assertEqual(
                key.json(),
                {
                    "public_key": self.company.simantap_vapid_public_key,
                    "subscribed": False,
                },
            )
            self.assertEqual(
                len(base64.urlsafe_b64decode(key.json()["public_key"] + "=")), 65
            )
            body = self.subscription()
            response = client.post("/push/subscription", json=body, headers=auth)
            self.assertEqual(response.status_code, 201, response.text)
            subscription = self.mine()
            self.assertEqual(subscription.endpoint, ENDPOINT)
            self.assertEqual(subscription.device_id.device_uid, "phone-a")
            self.assertEqual(subscription.company_id, self.company)
            self.assertTrue(client.get("/push/key", headers=auth).json()["subscribed"])
            # posting again replaces it
            again = client.post(
                "/push/subscription",
                json=self.subscription(ENDPOINT + "x"),
                headers=auth,
            )
            self.assertEqual(again.status_code, 201, again.text)
            self.assertEqual(self.mine().endpoint, ENDPOINT + "x")
            # an administrator rotates the keys: the phone must subscribe again
            old_key = self.company.simantap_vapid_public_key
            self.company.action_simantap_rotate_vapid()
            self.assertNotEqual(self.company.simantap_vapid_public_key, old_key)
            self.assertFalse(self.mine())
            key = client.get("/push/key", headers=auth).json()
            self.assertEqual(key["public_key"], self.company.simantap_vapid_public_key)
            self.assertFalse(key["subscribed"])
            # removed by the phone
            client.post("/push/subscription", json=body, headers=auth)
            self.assertEqual(
                client.delete("/push/subscription", headers=auth).status_code, 204
            )
            self.assertFalse(self.mine())

    def test_sign_out_revocation_and_archiving_remove_the_subscription(self):
        with self.client() as client:
            auth = self.token(client, "sm_pegawai")
            client.post("/push/subscription", json=self.subscription(), headers=auth)
            self.assertTrue(self.mine())
            client.post("/auth/sign-out", headers=auth)
            self.assertFalse(self.mine())
            auth = self.token(client, "sm_pegawai")
            client.post("/push/subscription", json=self.subscription(), headers=auth)
            self.mine().device_id.with_user(self.user_officer).action_revoke()
            self.assertFalse(self.mine())
        device = self.env["simantap.device"].create(
            {
                "employee_id": self.emp_employee.id,
                "device_uid": "phone-z",
                "state": "active",
            }
        )
        phone = Phone()
        self.env["simantap.push.subscription"]._api_subscribe(
            device, ENDPOINT, phone.p256dh, b64url(phone.auth)
        )
        self.assertTrue(self.mine())
        self.emp_employee.action_archive()
        self.assertFalse(self.mine())

    def test_hostile_subscriptions_are_refused_with_a_code(self):
        bad_endpoints = [
            "http://fcm.googleapis.com/fcm/send/abc",  # not https
            "https://127.0.0.1/push",  # an address
            "https://[::1]/push",
            "https://10.0.0.5/push",
            "https://localhost/push",
            "https://odoo.internal/push",
            "https://user:pw@fcm.googleapis.com/x",
            "https://fcm.googleapis.com:8069/x",
            "https://intranet/push",
            "javascript:alert(1)//x.y",
        ]
        with self.client() as client:
            auth = self.token(client, "sm_pegawai")
            for endpoint in bad_endpoints:
                response = client.post(
                    "/push/subscription", json=self.subscription(endpoint), headers=auth
                )
                self.assertError(response, 422, "push_endpoint_invalid")
            for keys in (
                {"p256dh": "A" * 87},  # 65 bytes but not an uncompressed point
                {"p256dh": b64url(os.urandom(64)) + "AAAA"},
                {"auth": b64url(os.urandom(12)) + "AA"},
                {"auth": "!!!!" * 5},
            ):
                response = client.post(
                    "/push/subscription", json=self.subscription(**keys), headers=auth
                )
                self.assertError(response, 422, "push_keys_invalid")
            too_long = client.post(
                "/push/subscription",
                json=self.subscription(ENDPOINT + "a" * 3000),
                headers=auth,
            )
            self.assertError(too_long, 422, "invalid_request")
            missing = client.post(
                "/push/subscription", json={"endpoint": ENDPOINT}, headers=auth
            )
            self.assertError(missing, 422, "invalid_request")
            anonymous = client.post("/push/subscription", json=self.subscription())
            self.assertError(anonymous, 401, "token_missing")
            indonesian = client.post(
                "/push/subscription",
                json=self.subscription("http://x.example/"),
                headers={**auth, "Accept-Language": "en"},
            )
            self.assertIn("https", indonesian.json()["detail"]["message"])
        self.assertFalse(self.mine())

    def test_opened_is_noted_once_for_this_phone_only(self):
        with self.client() as client:
            auth = self.token(client, "sm_pegawai")
            client.post("/push/subscription", json=self.subscription(), headers=auth)
            subscription = self.mine()
            message = self.env["simantap.push.message"].create(
                {
                    "employee_id": self.emp_employee.id,
                    "kind": "duty_approved",
                    "subscription_id": subscription.id,
                    "device_id": subscription.device_id.id,
                    "state": "accepted",
                }
            )
            other = self.env["simantap.push.message"].create(
                {"employee_id": self.emp_colleague.id, "kind": "duty_approved"}
            )
            response = client.post(f"/push/{message.id}/opened", headers=auth)
            self.assertEqual(response.status_code, 204, response.text)
            first = message.opened_at
            self.assertTrue(first)
            client.post(f"/push/{message.id}/opened", headers=auth)
            self.assertEqual(message.opened_at, first)
            self.assertError(
                client.post(f"/push/{other.id}/opened", headers=auth), 404, "not_found"
            )
            self.assertError(
                client.post("/push/0/opened", headers=auth), 422, "invalid_request"
            )
        self.assertFalse(other.opened_at)

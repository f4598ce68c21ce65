from odoo.addons.simantap_attendance.tests.presence_common import PresenceCase

from .push_service import PushService, b64url, verify_vapid


class PushCase(PresenceCase):
    """PresenceCase with phones bound and subscribed to a push service of our own
    on loopback (``self.service``), Indonesian installed and the employees'
    users speaking it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("id_ID")
        cls.env["ir.module.module"].search(
            [("name", "=", "simantap_mobile_api")]
        )._update_translations(["id_ID"])
        cls.staff.user_id.write({"lang": "id_ID"})
        cls.company.simantap_push_contact = "mailto:bkpsdm@kab-uji.go.id"
        cls.Message = cls.env["simantap.push.message"]
        cls.SpotCheck = cls.env["simantap.spot.check"]
        cls.service = PushService().__enter__()
        cls.addClassCleanup(cls.service.__exit__, None, None, None)

    def setUp(self):
        super().setUp()
        self.service.received.clear()
        self.service.answers.clear()

    def device(self, employee, uid=None):
        return (
            self.env["simantap.device"]
            .sudo()
            .create(
                {
                    "employee_id": employee.id,
                    "device_uid": uid or f"phone-{employee.id}",
                    "state": "active",
                }
            )
        )

    def subscribe(self, employee, name=None):
        """Bind a phone of ``employee`` and subscribe it at the loopback service:
        (subscription, Phone)."""
        name = name or f"emp-{employee.id}"
        endpoint, phone = self.service.phone(name)
        subscription = self.env["simantap.push.subscription"]._api_subscribe(
            self.device(employee, uid=name), endpoint, phone.p256dh, b64url(phone.auth)
        )
        return subscription, phone

    def requests_to(self, subscription):
        path = subscription.endpoint.removeprefix(self.service.base)
        return [r for r in self.service.received if r["path"] == path]

    def assertVapid(self, request):
        claims, key = verify_vapid(request["headers"]["authorization"])
        self.assertEqual(claims["aud"], self.service.base)
        self.assertEqual(claims["sub"], "mailto:bkpsdm@kab-uji.go.id")
        self.assertGreater(claims["exp"], request["at"])
        self.assertLessEqual(claims["exp"], request["at"] + 24 * 3600)
        self.assertEqual(key, self.company.simantap_vapid_public_key)
        return claims

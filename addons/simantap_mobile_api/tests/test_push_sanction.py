import base64

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.simantap_attendance.tests.documents import PDF
from odoo.addons.simantap_sanction.tests.common import OCT, D
from odoo.addons.simantap_sanction.tests.test_month import MonthCase

from .push_service import PushService, b64url


@tagged("post_install", "-at_install")
class TestPushSanction(MonthCase):
    """The month open for review and an objection decided reach the employee's
    phone (through a push service of our own on loopback)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("id_ID")
        cls.env["ir.module.module"].search(
            [("name", "=", "simantap_mobile_api")]
        )._update_translations(["id_ID"])
        cls.user_employee.lang = "id_ID"
        cls.service = PushService().__enter__()
        cls.addClassCleanup(cls.service.__exit__, None, None, None)
        endpoint, cls.phone = cls.service.phone("pegawai")
        device = cls.env["simantap.device"].create(
            {
                "employee_id": cls.emp_employee.id,
                "device_uid": "phone-pegawai",
                "state": "active",
            }
        )
        cls.env["simantap.push.subscription"]._api_subscribe(
            device, endpoint, cls.phone.p256dh, b64url(cls.phone.auth)
        )

    def received(self):
        # 10:00 UTC is 17:00 in Jakarta: outside the quiet hours
        with freeze_time("2026-11-03 10:00:00"):
            self.env["simantap.push.message"]._send_due()
        return [self.service.decrypt(request) for request in self.service.received]

    def test_month_review_and_objection_decision_are_pushed(self):
        with freeze_time("2026-11-03 10:00:00"):
            october = self.period(OCT)
            october.action_compute()
            october.action_start_review()
        [review] = self.received()
        self.assertEqual(review["kind"], "month_review")
        self.assertEqual(review["title"], "Bulan Anda dibuka untuk ditinjau")
        self.assertIn("10/2026", review["body"])
        self.assertEqual(review["url"], "/simantap/app/#/days/month/2026-10")
        with freeze_time("2026-11-03 10:00:00"):
            objection = (
                self.env["simantap.sanction.objection"]
                .with_user(self.user_employee)
                .create(
                    {
                        "period_id": october.id,
                        "employee_id": self.emp_employee.id,
                        "status_ids": [(6, 0, self.days[D(2026, 10, 13)].ids)],
                        "requested_code_ids": [
                            (
                                6,
                                0,
                                self.env["simantap.status.code"]
                                .search([("code", "=", "DL")])
                                .ids,
                            )
                        ],
                        "reason": "Saya dinas luar",
                        "attachment": base64.b64encode(PDF),
                        "attachment_name": "surat-tugas.pdf",
                    }
                )
            )
            objection.with_user(self.user_head).action_head_reject("Tanpa surat tugas")
        decided = self.received()[-1]
        self.assertEqual(decided["kind"], "objection_decided")
        self.assertEqual(decided["title"], "Keberatan diputuskan")
        self.assertEqual(decided["url"], "/simantap/app/#/objections")

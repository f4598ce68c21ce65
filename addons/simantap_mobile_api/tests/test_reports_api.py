from odoo.tests import freeze_time, tagged

from odoo.addons.simantap_attendance.tests.report_common import ReportCaseMixin

from .test_documents import MobileMonthCase


@tagged("post_install", "-at_install")
@freeze_time("2026-11-03 10:00:00")
class TestMonthCardApi(ReportCaseMixin, MobileMonthCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.use_indonesian(["simantap_attendance"])

    def test_my_month_card_is_a_pdf_of_my_days(self):
        self.emp_employee.nip = "199001012015031001"
        with self.client() as client:
            auth = self.token(client, "sm_pegawai")
            card = client.get(
                "/me/month/card",
                params={"month": "2026-10"},
                headers={**auth, "Accept-Language": "id"},
            )
            wrong = client.get(
                "/me/month/card", params={"month": "2026-13"}, headers=auth
            )
            anonymous = client.get("/me/month/card", params={"month": "2026-10"})
        self.assertEqual(card.status_code, 200, card.text[:500])
        self.assertEqual(card.headers["content-type"], "application/pdf")
        self.assertIn(
            "kartu-kehadiran-2026-10.pdf", card.headers["content-disposition"]
        )
        text, _size, _pages = self.read_pdf(card.content)
        self.assertIn("Pegawai Bidang", text)
        self.assertIn("NIP. 199001012015031001", text)
        self.assertIn("Oktober 2026", text)  # the phone's language: Indonesian
        rows = {
            line.split()[0]: line.split()[1:]
            for line in text.splitlines()
            if line.split() and line.split()[0].isdigit()
        }
        self.assertEqual(rows["13"][-1], "TK")
        self.assertEqual(rows["14"][-1], "DL")
        self.assertNotIn("Rekan Dinas Lain", text)  # only my own card
        self.assertError(wrong, 422, "invalid_request")
        self.assertEqual(anonymous.status_code, 401)

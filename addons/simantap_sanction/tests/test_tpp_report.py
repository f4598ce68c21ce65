import datetime

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from odoo.addons.simantap_attendance.tests.report_common import ReportCaseMixin

from ..lib import terbilang
from .test_month import MonthCase

OCT = datetime.date(2026, 10, 1)
REPORT = "simantap_sanction.action_report_tpp_cuts"


def flat(text):
    return " ".join(text.split())


@tagged("post_install", "-at_install")
@freeze_time("2026-11-03 10:00:00")
class TestTppCutsReport(ReportCaseMixin, MonthCase):
    """The list of TPP cuts of October 2026, per paying unit, signed by the unit
    head and the treasurer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.use_indonesian(["simantap_attendance", "simantap_sanction"])
        cls.company.write(
            {
                "simantap_government_name": "Pemerintah Kabupaten Uji",
                "simantap_signing_place": "Padang Aro",
            }
        )
        cls.emp_employee.nip = "199001012015031001"
        cls.emp_head.write({"nip": "198001012005011001", "job_title": "Kepala Dinas"})
        cls.treasurer = cls.env["hr.employee"].create(
            {
                "name": "Bendahara Dinas Uji",
                "nip": "198505052010011002",
                "job_title": "Bendahara Pengeluaran",
                "department_id": cls.opd.id,
                "company_id": cls.company.id,
            }
        )
        cls.opd.simantap_treasurer_id = cls.treasurer
        cls.period_oct = cls.period(cls, OCT)
        cls.period_oct.action_compute()

    def period(self, month, user=None):
        return self.Period.with_user(user or self.user_payroll).create(
            {"company_id": self.company.id, "date_from": month}
        )

    def lock(self):
        self.period_oct.action_start_review()
        self.period_oct.action_lock()

    def test_locked_month_prints_the_signed_list(self):
        self.lock()
        text, size, pages = self.render(REPORT, self.period_oct, user=self.user_payroll)
        self.assertPaper(size, (215, 330))  # the company's default paper: F4
        self.assertEqual(pages, 2)  # one per paying unit: Dinas Uji, Dinas Lain
        self.assertNotIn("DRAFT", text)
        words = flat(text)
        for expected in (
            "DAFTAR POTONGAN TPP",  # in Indonesian
            "Mengetahui,",
            "PEMERINTAH KABUPATEN UJI",
            "DINAS UJI",
            "DINAS LAIN",
            "Oktober 2026",
            "Padang Aro, 3 November 2026",
            "Bendahara Pengeluaran",
            "Bendahara Dinas Uji",
            "NIP. 198505052010011002",
            "Kepala Dinas Uji",
            "NIP. 198001012005011001",
        ):
            self.assertIn(expected, words)
        lines = self.period_oct.line_ids
        employee = lines.filtered(lambda line: line.employee_id == self.emp_employee)
        head = lines.filtered(lambda line: line.employee_id == self.emp_head)
        # base, percentage, cut and net of a row, in rupiah with Indonesian dots
        self.assertEqual(
            self.row(text, "Pegawai Bidang"),
            [
                "Kelas",
                "9",
                "5.000.000",
                terbilang.percent(employee.capped_percent),
                terbilang.rupiah(employee.deduction),
                terbilang.rupiah(employee.net),
            ],
        )
        # the head's TPP is forfeited (ten TK days in a row): 100 % of 6 000 000
        self.assertEqual(
            self.row(text, "Kepala Dinas Uji")[-3:], ["100,00", "6.000.000", "0"]
        )
        total_cut = employee.deduction + head.deduction
        self.assertIn(
            f"Jumlah 11.000.000 {terbilang.rupiah(total_cut)} "
            f"{terbilang.rupiah(11_000_000 - total_cut)}",
            words,
        )
        self.assertIn(
            f"Jumlah potongan (terbilang): {terbilang.terbilang(total_cut)}.", words
        )
        self.assertTrue(terbilang.terbilang(total_cut).startswith("Enam juta"))
        # the README's picture: the unit with its signatures
        self.render(
            REPORT,
            self.period_oct,
            {"department_id": self.opd.id},
            png="daftar-potongan-tpp",
        )

    def test_draft_month_prints_with_a_watermark(self):
        text, _size, _pages = self.render(
            REPORT,
            self.period_oct,
            user=self.user_payroll,
            png="daftar-potongan-tpp-draft",
        )
        self.assertIn("DRAFT:", text)
        self.lock()
        locked, _size, _pages = self.render(REPORT, self.period_oct)
        self.assertNotIn("DRAFT", locked)

    def test_one_unit_on_a4(self):
        self.company.simantap_paper_format = "a4"
        text, size, pages = self.render(
            REPORT,
            self.period_oct,
            {"department_id": self.sub_unit.id},
            user=self.user_payroll,
        )
        self.assertPaper(size, (210, 297))
        self.assertEqual(pages, 1)
        self.assertIn("Pegawai Bidang", text)  # the sub-unit's office: Dinas Uji
        self.assertNotIn("Rekan Dinas Lain", text)

    def test_a_unit_head_prints_only_their_unit(self):
        with self.assertRaises(AccessError):
            self.render(REPORT, self.period_oct, user=self.user_head)
        with self.assertRaises(AccessError):
            self.render(
                REPORT,
                self.period_oct,
                {"department_id": self.other_opd.id},
                user=self.user_head,
            )
        with self.assertRaises(AccessError):
            self.render(
                REPORT,
                self.period_oct,
                {"department_id": self.opd.id},
                user=self.user_employee,
            )
        text, _size, _pages = self.render(
            REPORT, self.period_oct, {"department_id": self.opd.id}, user=self.user_head
        )
        self.assertIn("Pegawai Bidang", text)

    def test_wizard_prints_the_unit_of_the_month(self):
        wizard = (
            self.env["simantap.month.report"]
            .with_user(self.user_payroll)
            .with_company(self.company)
            .create({"report": "tpp", "department_id": self.opd.id, "month": OCT})
        )
        action = wizard.action_print()
        self.assertEqual(action["report_name"], "simantap_sanction.report_tpp_cuts")
        self.assertEqual(action["data"]["department_id"], self.opd.id)
        self.assertEqual(action["context"]["active_ids"], self.period_oct.ids)

import datetime

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from .report_common import ReportCaseMixin
from .test_daily_status import FRI, MON, DailyCase, utc
from .test_field_duty import PDF, b64

D = datetime.date
TUE, WED, THU = D(2026, 11, 3), D(2026, 11, 4), D(2026, 11, 5)
NOVEMBER = {"month": "2026-11-01"}
RECAP = "simantap_attendance.action_report_attendance_recap"
CARD = "simantap_attendance.action_report_attendance_card"
DUTY = "simantap_attendance.action_report_duty_register"


@tagged("post_install", "-at_install")
@freeze_time("2026-11-20 12:00:00")
class TestAttendanceReports(ReportCaseMixin, DailyCase):
    """November 2026 of the Dinas Uji: a present day, a late day, a TK day, a day
    of annual leave (CT) and the regency's anniversary on Friday."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.use_indonesian(["simantap_attendance"])
        cls.company.write(
            {
                "simantap_government_name": "Pemerintah Kabupaten Uji",
                "simantap_signing_place": "Padang Aro",
                "simantap_paper_format": "f4",
            }
        )
        cls.opd.simantap_address = "Jl. Lintas Sumatera Km 3, Padang Aro"
        cls.emp_head.write({"nip": "198001012005011001", "job_title": "Kepala Dinas"})
        cls.emp_employee.nip = "199001012015031001"
        cls.company.resource_calendar_id.tz = "Asia/Jakarta"
        cls.env["resource.calendar.leaves"].with_company(cls.company).create(
            {
                "name": "Hari Jadi Kabupaten",
                "date_from": utc(FRI, 0),
                "date_to": utc(FRI, 23, 59),
            }
        )

    def setUp(self):
        super().setUp()
        self.attend(self.emp_employee, utc(MON, 7, 25), utc(MON, 16, 5))
        self.attend(self.emp_employee, utc(TUE, 7, 50), utc(TUE, 16, 0))
        leave = (
            self.env["hr.leave"]
            .with_context(leave_skip_state_check=True)
            .create(
                {
                    "employee_id": self.emp_employee.id,
                    "holiday_status_id": self.leave_type.id,
                    "request_date_from": THU,
                    "request_date_to": THU,
                }
            )
        )
        leave.with_context(leave_skip_state_check=True).write({"state": "validate"})
        employees = self.emp_employee | self.emp_head | self.teacher
        self.Status._evaluate(MON, FRI, employees)

    def test_recap_counts_each_code_per_employee(self):
        text, size, _pages = self.render(
            RECAP, self.opd, NOVEMBER, user=self.user_head, png="rekap-kehadiran"
        )
        self.assertPaper(size, (215, 330))  # F4, the company's paper
        for expected in (
            "REKAPITULASI KEHADIRAN",  # in Indonesian
            "PEMERINTAH KABUPATEN UJI",
            "DINAS UJI",
            "Jl. Lintas Sumatera Km 3, Padang Aro",
            "November 2026",
            "Padang Aro, 20 November 2026",
            "Kepala Dinas",
            "NIP. 198001012005011001",
            "NIP. 199001012015031001",
            "Guru Uji",  # the sub-unit's employees too
        ):
            self.assertIn(expected, text)
        self.assertNotIn("Rekan Dinas Lain", text)  # another unit
        # working days (the anniversary is free), H, TL1, TK, CT, late, early, rate
        self.assertEqual(
            self.row(text, "Pegawai Bidang"),
            ["4", "2", "1", "1", "1", "20", "0", "50,00%"],
        )
        self.assertEqual(
            self.row(text, "Kepala Dinas Uji"),
            ["4", "0", "4", "0", "0", "0,00%"],
        )

    def test_a4_when_the_company_prints_on_a4(self):
        self.company.simantap_paper_format = "a4"
        _text, size, _pages = self.render(
            RECAP, self.opd, NOVEMBER, user=self.user_head
        )
        self.assertPaper(size, (210, 297))

    def test_card_lists_every_day_with_times_and_codes(self):
        text, size, _pages = self.render(
            CARD,
            self.emp_employee,
            NOVEMBER,
            user=self.user_employee,
            png="kartu-kehadiran",
        )
        self.assertPaper(size, (215, 330))
        self.assertIn("Pegawai Bidang", text)
        lines = {
            line.split()[0]: line.split()[1:]
            for line in text.splitlines()
            if line.split() and line.split()[0].isdigit() and len(line.split()) > 1
        }
        self.assertEqual(lines["2"][1:], ["07:30–16:00", "07:25", "16:05", "H"])
        self.assertEqual(
            lines["3"][1:], ["07:30–16:00", "07:50", "16:00", "20", "H", "TL1"]
        )
        self.assertEqual(lines["4"][-1], "TK")
        self.assertEqual(lines["5"][-1], "CT")
        self.assertEqual(lines["6"][1:], ["Hari", "Jadi", "Kabupaten"])
        self.assertIn("Kepala Dinas Uji", text)  # signed by the unit head

    def test_only_the_unit_and_the_employee_print(self):
        with self.assertRaises(AccessError):
            self.render(RECAP, self.opd, NOVEMBER, user=self.user_colleague)
        with self.assertRaises(AccessError):
            self.render(CARD, self.emp_employee, NOVEMBER, user=self.user_colleague)
        # an officer reads every unit
        text, _size, _pages = self.render(
            RECAP, self.opd, NOVEMBER, user=self.user_officer
        )
        self.assertIn("Pegawai Bidang", text)

    def test_duty_register_lists_the_unit_duties(self):
        with freeze_time("2026-11-10 01:00:00"):
            duty = (
                self.env["simantap.field.duty"]
                .with_user(self.user_employee)
                .create(
                    {
                        "employee_id": self.emp_employee.id,
                        "date_from": "2026-11-12",
                        "date_to": "2026-11-13",
                        "purpose": "Monitoring dana BOS",
                        "destination_name": "Kantor Camat Sangir",
                        "letter_number": "800/123/DU/2026",
                        "letter_date": "2026-11-09",
                        "letter_file": b64(PDF),
                        "letter_filename": "surat_tugas.pdf",
                    }
                )
            )
            duty.action_submit()
            duty.with_user(duty.approver_user_id or self.user_officer).action_approve()
        text, _size, _pages = self.render(
            DUTY, self.opd, NOVEMBER, user=self.user_head, png="register-dinas-luar"
        )
        for expected in (
            duty.name,
            "Pegawai Bidang",
            "Kantor Camat Sangir",
            "Monitoring dana BOS",
            "800/123/DU/2026",
        ):
            self.assertIn(expected, text)
        october, _size, _pages = self.render(DUTY, self.opd, {"month": "2026-10-01"})
        self.assertNotIn("Kantor Camat Sangir", october)

    def test_wizard_prints_the_chosen_report(self):
        wizard = (
            self.env["simantap.month.report"]
            .with_user(self.user_head)
            .create({"report": "recap", "department_id": self.opd.id, "month": THU})
        )
        action = wizard.action_print()
        self.assertEqual(
            (action["report_name"], action["data"]["month"]),
            ("simantap_attendance.report_attendance_recap", "2026-11-01"),
        )

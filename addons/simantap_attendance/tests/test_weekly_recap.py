import datetime
import io

from lxml import etree
from openpyxl import load_workbook

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from .test_daily_status import MON, DailyCase, utc

TUE, WED, THU, FRI = (MON + datetime.timedelta(days=n) for n in range(1, 5))


@tagged("post_install", "-at_install")
@freeze_time("2026-11-20 12:00:00")
class TestWeeklyRecap(DailyCase):
    """A small unit's week, computed by hand below."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.emp_employee.nip = "198503122010011003"
        attend = cls.env["hr.attendance"].create
        e, h = cls.emp_employee, cls.emp_head
        # pegawai: Mon on time, Tue 45 min late (TL2), Wed left 20 min early (PSW1),
        # Thu absent (TK), Fri on time.
        attend(
            {
                "employee_id": e.id,
                "check_in": utc(MON, 7, 25),
                "check_out": utc(MON, 16, 0),
            }
        )
        attend(
            {
                "employee_id": e.id,
                "check_in": utc(TUE, 8, 15),
                "check_out": utc(TUE, 16, 0),
            }
        )
        attend(
            {
                "employee_id": e.id,
                "check_in": utc(WED, 7, 30),
                "check_out": utc(WED, 15, 40),
            }
        )
        attend(
            {
                "employee_id": e.id,
                "check_in": utc(FRI, 7, 29),
                "check_out": utc(FRI, 16, 30),
            }
        )
        # head: on time every day
        for day, end in ((MON, 16), (TUE, 16), (WED, 16), (THU, 16), (FRI, 16.5)):
            attend(
                {
                    "employee_id": h.id,
                    "check_in": utc(day, 7, 0),
                    "check_out": utc(day, int(end), int(end % 1 * 60)),
                }
            )
        cls.env["simantap.daily.status"]._evaluate(MON, FRI, e | h | cls.emp_colleague)
        cls.units = cls.env["simantap.weekly.recap"]._generate(MON)

    def test_employee_week_by_hand(self):
        week = self.env["simantap.weekly.recap"].search(
            [("employee_id", "=", self.emp_employee.id), ("week_start", "=", MON)]
        )
        self.assertEqual((week.days_expected, week.days_present), (5, 4))
        self.assertEqual(
            (week.count_late, week.count_early, week.count_absent), (1, 1, 1)
        )
        self.assertEqual((week.minutes_late, week.minutes_early), (45, 20))
        # 5 x 450 expected; Thu verifies nothing; Tue -45, Wed -20
        self.assertEqual(week.expected_minutes, 2250)
        self.assertEqual(week.verified_minutes, 2250 - 450 - 45 - 20)
        self.assertAlmostEqual(week.discipline_score, round(100 * 1735 / 2250, 1))

    def test_units_are_ranked_and_linked(self):
        sub_unit = self.units.filtered(lambda u: u.department_id == self.sub_unit)
        opd = self.units.filtered(lambda u: u.department_id == self.opd)
        self.assertEqual(opd.discipline_score, 100)
        self.assertEqual(opd.rank, 1)
        self.assertGreater(sub_unit.rank, 1)
        self.assertEqual(sub_unit.line_ids.employee_id, self.emp_employee)

    def test_head_receives_the_xlsx_and_answers(self):
        opd = self.units.filtered(lambda u: u.department_id == self.opd)
        opd._send_to_heads()
        message = opd.message_ids.filtered(lambda m: m.attachment_ids)[:1]
        self.assertIn(self.user_head.partner_id, message.partner_ids)
        # a message in the head's inbox (or mailbox), not only an activity
        notified = message.notification_ids.filtered(
            lambda n: n.res_partner_id == self.user_head.partner_id
        )
        self.assertEqual(len(notified), 1)
        # the XLSX named by unit and ISO week (2 November 2026 is in week 45)
        self.assertEqual(
            message.attachment_ids.mapped("name"),
            ["rekap-mingguan-Dinas-Uji-2026-W45.xlsx"],
        )
        self.assertTrue(message.attachment_ids.mimetype.endswith("spreadsheetml.sheet"))
        self.assertEqual(opd.activity_ids.user_id, self.user_head)
        opd.with_user(self.user_head).write(
            {"head_response": "Sudah kami bahas di apel pagi."}
        )
        opd.with_user(self.user_head).action_answer()
        self.assertEqual(opd.state, "answered")

    def test_no_check_due_shows_no_answer_rate(self):
        """No spot check was due this week: the recaps say nothing about answers
        rather than "checks answered 100 %"."""
        opd = self.units.filtered(lambda u: u.department_id == self.opd)
        self.assertEqual(opd.checks_expected, 0)
        self.assertFalse(opd.answer_rate)
        self.env.cr.execute(
            "SELECT answer_rate FROM simantap_weekly_unit_recap WHERE id = %s",
            [opd.id],
        )
        self.assertIsNone(self.env.cr.fetchone()[0])
        week = opd.line_ids[:1]
        self.assertEqual(week.checks_expected, 0)
        self.assertFalse(week.answer_rate)
        # the screens hide the rate when no check was due
        for view_type in ("form", "list"):
            arch = etree.fromstring(
                self.env["simantap.weekly.unit.recap"].get_views([(False, view_type)])[
                    "views"
                ][view_type]["arch"]
            )
            nodes = arch.xpath("//field[@name='answer_rate']")
            self.assertTrue(nodes)
            for node in nodes:
                self.assertEqual(node.get("invisible"), "not checks_expected")
        content, _ext = self.env["ir.actions.report"]._render(
            "simantap_attendance.weekly_recap_xlsx", opd.ids
        )
        sheet = load_workbook(io.BytesIO(content)).active
        self.assertEqual(
            sheet.cell(row=4, column=15).value, "Jawaban Cek Kehadiran (%)"
        )
        self.assertIsNone(sheet.cell(row=5, column=15).value)
        self.assertIsNotNone(sheet.cell(row=5, column=16).value)

    def test_xlsx_has_a_sheet_per_unit_and_nip_as_text(self):
        content, ext = self.env["ir.actions.report"]._render(
            "simantap_attendance.weekly_recap_xlsx", self.units.ids
        )
        self.assertEqual(ext, "xlsx")
        book = load_workbook(io.BytesIO(content))
        self.assertEqual(len(book.sheetnames), len(self.units))
        sheet = book[self.sub_unit.name]
        self.assertEqual(sheet.cell(row=4, column=1).value, "NIP")
        self.assertEqual(sheet.cell(row=5, column=1).value, "198503122010011003")
        self.assertIsInstance(sheet.cell(row=5, column=1).value, str)

    def test_unit_head_sees_only_their_units(self):
        visible = (
            self.env["simantap.weekly.unit.recap"]
            .with_user(self.user_head)
            .search([("id", "in", self.units.ids)])
        )
        self.assertEqual(visible.department_id, self.opd | self.sub_unit)
        other = self.units.filtered(lambda u: u.department_id == self.other_opd)
        with self.assertRaises(AccessError):
            other.with_user(self.user_head).read(["discipline_score"])
        everyone = (
            self.env["simantap.weekly.unit.recap"]
            .with_user(self.user_officer)
            .search([("id", "in", self.units.ids)])
        )
        self.assertEqual(everyone, self.units)
        with self.assertRaises(AccessError):
            self.units[0].with_user(self.user_employee).read(["rank"])

    def test_indonesian_head_reads_indonesian_dates_and_figures(self):
        """No 2026-11-02 and 77.1% in an Indonesian chatter line or workbook."""
        self.env["res.lang"]._activate_lang("id_ID")
        self.user_head.lang = "id_ID"
        opd = self.units.filtered(lambda u: u.department_id == self.opd)
        opd._send_to_heads()
        body = opd.message_ids.filtered(lambda m: m.attachment_ids)[:1].body
        self.assertIn("2 November 2026", body)
        self.assertIn("100,0%", body)
        self.assertNotIn("2026-11-02", body)
        content, _ext = self.env["ir.actions.report"]._render(
            "simantap_attendance.weekly_recap_xlsx", self.units.ids
        )
        sheet = load_workbook(io.BytesIO(content))[self.sub_unit.name]
        self.assertEqual(
            sheet.cell(row=2, column=1).value,
            "Minggu mulai 2 November 2026; skor disiplin 77,1%; peringkat "
            f"{self.units.filtered(lambda u: u.department_id == self.sub_unit).rank}",
        )

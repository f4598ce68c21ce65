import datetime

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from .common import OCT, D, SanctionCase


@tagged("post_install", "-at_install")
@freeze_time("2026-11-03 10:00:00")
class TestEscalation(SanctionCase):
    """PP 94/2021: days absent without a valid reason (TK) in the calendar year."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Alert = cls.env["simantap.discipline.alert"]
        # scattered TK days of the employee over the year, never two in a row
        cls.tk_days = [  # 9 working days, Jan-Sep
            D(2026, 1, 6),
            D(2026, 2, 6),
            D(2026, 3, 6),
            D(2026, 4, 6),
            D(2026, 5, 6),
            D(2026, 6, 5),
            D(2026, 7, 6),
            D(2026, 8, 6),
            D(2026, 9, 7),
        ]
        cls.tk_days += [D(2026, 10, 7), D(2026, 10, 9), D(2026, 10, 13)]
        year, day = {}, D(2026, 1, 1)
        while day.year == 2026:
            if day.weekday() < 5:
                year[day] = "TK" if day in cls.tk_days else "H"
            day += datetime.timedelta(days=1)
        cls.statuses = cls.mark(cls.emp_employee, year)

    def set_tk(self, days):
        for day in days:
            self.statuses[day].effective_codes = "TK"

    def escalate(self, until):
        return self.Alert._simantap_escalate(self.company, 2026, until)

    def alert_ranks(self, employee):
        return self.Alert.search(
            [("employee_id", "=", employee.id), ("year", "=", 2026)], order="rank"
        ).mapped("rank")

    def test_thresholds_as_the_days_add_up(self):
        # 2 days by 28 February: nothing
        self.assertFalse(self.escalate(D(2026, 2, 28)))
        # the 3rd day (6 March): oral reprimand, for the unit head and BKPSDM
        alert = self.escalate(D(2026, 3, 31))
        self.assertEqual(alert.tk_days, 3)
        self.assertEqual(
            alert.threshold_id, self.env.ref("simantap_sanction.discipline_threshold_3")
        )
        self.assertEqual(alert.level, "ringan")
        self.assertEqual(
            set(alert.activity_ids.mapped("user_id")),
            {self.user_head, self.user_officer},
        )
        self.assertEqual(
            alert.activity_ids.activity_type_id,
            self.env.ref("simantap_sanction.mail_activity_type_discipline_alert"),
        )
        # the same band is raised once
        self.assertFalse(self.escalate(D(2026, 3, 31)))
        # 4-6 days: written reprimand; 7-10: written statement of dissatisfaction
        self.assertEqual(self.escalate(D(2026, 4, 30)).threshold_id.days_from, 4)
        self.assertFalse(self.escalate(D(2026, 6, 30)))
        self.assertEqual(self.escalate(D(2026, 7, 31)).threshold_id.days_from, 7)
        # 11 days: medium level, TPP cut 25% for 6 months (to examine, not applied)
        self.assertFalse(self.escalate(D(2026, 10, 8)))  # 10 days
        alert = self.escalate(D(2026, 10, 31))
        self.assertEqual((alert.tk_days, alert.level), (12, "sedang"))
        self.assertEqual(alert.threshold_id.days_from, 11)
        self.assertEqual(self.alert_ranks(self.emp_employee), [1, 2, 3, 4])
        # an alert, never a punishment: no line, no cut is created by it
        self.assertFalse(self.env["simantap.sanction.line"].search([]))

    def test_higher_bands_and_a_jump(self):
        days = [D(2026, 11, d) for d in range(2, 31) if D(2026, 11, d).weekday() < 5]
        self.set_tk(
            [d for d in days if d.day % 2 == 0]
        )  # 11 November days, never in a row
        self.set_tk([D(2026, 12, d) for d in (1, 3, 7, 9, 11, 15)])
        # 12 days, then 23 days at once: only the gravest new band is raised
        self.escalate(D(2026, 10, 31))
        alert = self.escalate(D(2026, 11, 30))
        self.assertEqual(
            (alert.tk_days, alert.threshold_id.days_from, alert.level),
            (23, 21, "berat"),
        )
        alert = self.escalate(D(2026, 12, 31))
        self.assertEqual((alert.tk_days, alert.threshold_id.days_from), (29, 28))
        self.assertEqual(self.alert_ranks(self.emp_employee), [4, 7, 9])

    def test_ten_days_in_a_row(self):
        days = self.working_days(OCT)[:10]
        self.mark(self.emp_colleague, dict.fromkeys(days, "TK"))
        alert = self.escalate(D(2026, 10, 31)).filtered(
            lambda a: a.employee_id == self.emp_colleague
        )
        self.assertEqual(
            alert.threshold_id,
            self.env.ref("simantap_sanction.discipline_threshold_consecutive"),
        )
        self.assertEqual((alert.tk_days, alert.max_run, alert.level), (10, 10, "berat"))
        # the colleague's unit (Dinas Lain) has no head: BKPSDM only
        self.assertEqual(alert.activity_ids.user_id, self.user_officer)

    def test_lock_raises_alerts_and_corrections_count(self):
        period = self.period(OCT)
        period.action_compute()
        period.action_start_review()
        period.action_lock()
        alerts = self.Alert.search([("employee_id", "=", self.emp_employee.id)])
        self.assertEqual(alerts.rank, 4)  # 12 days by the end of October
        # a locked TK day corrected to field duty no longer counts
        self.statuses[D(2026, 10, 13)].with_user(
            self.user_officer
        ).action_correct_locked("DL", "Surat tugas")
        counts = self.Alert._simantap_year_counts(self.company, 2026, D(2026, 10, 31))
        self.assertEqual(counts[self.emp_employee.id], (11, 1))

    def test_access(self):
        alert = self.escalate(D(2026, 3, 31))
        self.assertTrue(alert.with_user(self.user_head).read(["tk_days"]))
        self.assertTrue(alert.with_user(self.user_officer).read(["tk_days"]))
        with self.assertRaises(AccessError):
            self.Alert.with_user(self.user_colleague).search([])
        alert.with_user(self.user_head).write({"note": "Dipanggil 10 April"})
        alert.with_user(self.user_head).action_handled()
        self.assertEqual(alert.state, "handled")

    def test_cron(self):
        self.Alert._cron_escalate()
        self.assertEqual(self.alert_ranks(self.emp_employee), [4])

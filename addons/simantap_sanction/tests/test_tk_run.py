import datetime

from odoo.tests import freeze_time, tagged

from .common import OCT, D, SanctionCase


@tagged("post_install", "-at_install")
@freeze_time("2026-11-03 10:00:00")
class TestTkRun(SanctionCase):
    """A run of days absent without a valid reason (TK) is read by one query: the
    TPP month (10 in a row forfeit the month's TPP) and the PP 94/2021 alerts
    (10 in a row: the grave band) agree on it, across weekends."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        days = cls.working_days(OCT)
        # the employee: the first 10 working days of October, over two weekends
        cls.mark(
            cls.emp_employee,
            {day: "TK" if n < 10 else "H" for n, day in enumerate(days)},
        )
        # the colleague: 9 in a row, a day at work, then one more: 10 TK, run of 9
        cls.mark(
            cls.emp_colleague,
            {day: "TK" if n < 9 or n == 10 else "H" for n, day in enumerate(days)},
        )
        cls.Alert = cls.env["simantap.discipline.alert"]

    def test_month_and_alerts_agree(self):
        self.assertEqual(self.working_days(OCT)[9], D(2026, 10, 14))
        period = self.period(OCT)
        period.action_compute()
        alerts = self.Alert._simantap_escalate(self.company, 2026, D(2026, 10, 31))
        ten = self.env.ref("simantap_sanction.discipline_threshold_consecutive")
        for employee, run, forfeited in (
            (self.emp_employee, 10, True),
            (self.emp_colleague, 9, False),
        ):
            line = self.line(period, employee)
            alert = alerts.filtered(lambda a, e=employee: a.employee_id == e)
            self.assertEqual(line.tk_days, 10)
            self.assertEqual(alert.tk_days, 10)
            self.assertEqual(line.forfeited, forfeited, employee.name)
            self.assertEqual(alert.max_run, run, employee.name)
            self.assertEqual(alert.threshold_id == ten, forfeited, employee.name)

    def test_same_figures_from_both_reads(self):
        Facts = self.env["simantap.sanction.month.facts"]
        month = Facts._simantap_month_facts(
            self.company.id, OCT, D(2026, 10, 31), run_from=1
        )
        year = self.Alert._simantap_year_counts(self.company, 2026, D(2026, 10, 31))
        self.assertEqual(set(year), {self.emp_employee.id, self.emp_colleague.id})
        for employee_id, (tk_days, run) in year.items():
            self.assertEqual(len(month[employee_id]["code_days"]["TK"]), tk_days)
            self.assertEqual(month[employee_id]["max_tk_run"], run)
        self.assertEqual(year[self.emp_colleague.id], (10, 9))
        # a day at work breaks a run; a weekend without a row does not
        self.assertEqual(
            month[self.emp_employee.id]["code_days"]["TK"][-1]
            - month[self.emp_employee.id]["code_days"]["TK"][0],
            datetime.timedelta(days=13),
        )

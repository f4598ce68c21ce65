import datetime

from odoo import api, fields, models
from odoo.tools import SQL

# minutes of a day verifiably present: expected minus late, early, outside and silent
# time; a day without a check-in (TK, LAM) verifies nothing; excused days expect nothing
VERIFIED_MINUTES = """CASE WHEN d.attendance_code IN ('TK', 'LAM') THEN 0
    ELSE GREATEST(0, d.expected_minutes - d.minutes_late - d.minutes_early
                   - d.minutes_outside - d.minutes_silent) END"""


class SimantapWeeklyRecap(models.Model):
    """One employee's week, Monday to Sunday, from the daily statuses: the figures
    the unit head answers for."""

    _name = "simantap.weekly.recap"
    _inherit = ["simantap.employee.record.mixin"]
    _description = "Weekly Attendance Recap"
    _order = "week_start desc, department_id, employee_id"

    week_start = fields.Date(string="Week of", required=True, index=True, readonly=True)
    unit_recap_id = fields.Many2one(
        "simantap.weekly.unit.recap", readonly=True, index=True
    )
    days_expected = fields.Integer(
        string="Working Days", readonly=True, aggregator="sum"
    )
    days_present = fields.Integer(readonly=True, aggregator="sum")
    count_late = fields.Integer(string="Late (TL)", readonly=True, aggregator="sum")
    count_early = fields.Integer(
        string="Left Early (PSW)", readonly=True, aggregator="sum"
    )
    count_absent = fields.Integer(string="Absent (TK)", readonly=True, aggregator="sum")
    count_missing = fields.Integer(
        string="Forgot Check-in/out", readonly=True, aggregator="sum"
    )
    count_duty = fields.Integer(
        string="Field Duty (DL)", readonly=True, aggregator="sum"
    )
    count_leave = fields.Integer(string="Leave", readonly=True, aggregator="sum")
    count_outside = fields.Integer(
        string="Keluar Area", readonly=True, aggregator="sum"
    )
    minutes_late = fields.Integer(readonly=True, aggregator="sum")
    minutes_early = fields.Integer(readonly=True, aggregator="sum")
    minutes_outside = fields.Integer(readonly=True, aggregator="sum")
    checks_expected = fields.Integer(readonly=True, aggregator="sum")
    checks_answered = fields.Integer(readonly=True, aggregator="sum")
    answer_rate = fields.Float(
        string="Check Answer Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Empty when no spot check was due this week.",
    )
    expected_minutes = fields.Integer(readonly=True, aggregator="sum")
    verified_minutes = fields.Integer(readonly=True, aggregator="sum")
    discipline_score = fields.Float(
        string="Discipline Score (%)",
        readonly=True,
        aggregator="avg",
        help="The share of the expected working time verifiably present.",
    )

    _sql_constraints = [
        (
            "employee_week_uniq",
            "unique(employee_id, week_start)",
            "One recap per employee and week.",
        ),
    ]

    @api.model
    def _week_start(self, day):
        return day - datetime.timedelta(days=day.weekday())

    @api.model
    def _generate(self, week_start, employees=None):
        """Recap the week starting on Monday ``week_start`` in two statements: one for
        the employees, one for the units (which also ranks the units)."""
        week_start = self._week_start(week_start)
        week_end = week_start + datetime.timedelta(days=6)
        self.env["simantap.daily.status"].flush_model()
        self.flush_model()
        employee_filter = (
            SQL("AND d.employee_id = ANY(%s)", employees.ids) if employees else SQL()
        )
        self.env.cr.execute(
            SQL(
                """INSERT INTO simantap_weekly_recap AS r (
                       employee_id, department_id, company_id, week_start, days_expected,
                       days_present, count_late, count_early, count_absent, count_missing,
                       count_duty, count_leave, count_outside, minutes_late, minutes_early,
                       minutes_outside, checks_expected, checks_answered, answer_rate,
                       expected_minutes, verified_minutes, discipline_score,
                       create_uid, write_uid, create_date, write_date)
                   SELECT d.employee_id, e.department_id, e.company_id, %(week)s, COUNT(*),
                          COUNT(*) FILTER (WHERE c.counts_as_present),
                          COUNT(*) FILTER (WHERE COALESCE(d.late_code, '') != ''),
                          COUNT(*) FILTER (WHERE COALESCE(d.early_code, '') != ''),
                          COUNT(*) FILTER (WHERE d.attendance_code = 'TK'),
                          COUNT(*) FILTER (WHERE d.attendance_code = 'LAM' OR d.missing_check_out),
                          COUNT(*) FILTER (WHERE d.attendance_code = 'DL'),
                          COUNT(*) FILTER (WHERE c.category = 'leave'),
                          COUNT(*) FILTER (WHERE COALESCE(d.outside_code, '') != ''),
                          SUM(d.minutes_late), SUM(d.minutes_early), SUM(d.minutes_outside),
                          SUM(d.checks_expected), SUM(d.checks_answered),
                          CASE WHEN SUM(d.checks_expected) > 0
                               THEN ROUND(100.0 * SUM(d.checks_answered) / SUM(d.checks_expected), 1)
                               END,
                          SUM(d.expected_minutes), SUM({verified}),
                          CASE WHEN SUM(d.expected_minutes) > 0
                               THEN ROUND(100.0 * SUM({verified}) / SUM(d.expected_minutes), 1)
                               ELSE 100 END,
                          %(uid)s, %(uid)s, NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC'
                     FROM simantap_daily_status d
                     JOIN hr_employee e ON e.id = d.employee_id
                LEFT JOIN simantap_status_code c ON c.code = d.attendance_code
                    WHERE d.date BETWEEN %(week)s AND %(end)s {employee_filter}
                 GROUP BY d.employee_id, e.department_id, e.company_id
                   ON CONFLICT (employee_id, week_start) DO UPDATE SET
                       department_id = EXCLUDED.department_id,
                       days_expected = EXCLUDED.days_expected,
                       days_present = EXCLUDED.days_present,
                       count_late = EXCLUDED.count_late,
                       count_early = EXCLUDED.count_early,
                       count_absent = EXCLUDED.count_absent,
                       count_missing = EXCLUDED.count_missing,
                       count_duty = EXCLUDED.count_duty,
                       count_leave = EXCLUDED.count_leave,
                       count_outside = EXCLUDED.count_outside,
                       minutes_late = EXCLUDED.minutes_late,
                       minutes_early = EXCLUDED.minutes_early,
                       minutes_outside = EXCLUDED.minutes_outside,
                       checks_expected = EXCLUDED.checks_expected,
                       checks_answered = EXCLUDED.checks_answered,
                       answer_rate = EXCLUDED.answer_rate,
                       expected_minutes = EXCLUDED.expected_minutes,
                       verified_minutes = EXCLUDED.verified_minutes,
                       discipline_score = EXCLUDED.discipline_score,
                       write_date = EXCLUDED.write_date""".replace(
                    "{verified}", VERIFIED_MINUTES
                ).replace("{employee_filter}", "%(employee_filter)s"),
                week=week_start,
                end=week_end,
                uid=self.env.uid,
                employee_filter=employee_filter,
            )
        )
        self.invalidate_model()
        return self.env["simantap.weekly.unit.recap"]._generate(week_start)

    def action_open_days(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "simantap_attendance.simantap_daily_status_action"
        )
        action["domain"] = [
            ("employee_id", "=", self.employee_id.id),
            ("date", ">=", self.week_start),
            ("date", "<=", self.week_start + datetime.timedelta(days=6)),
        ]
        action["context"] = {}
        return action

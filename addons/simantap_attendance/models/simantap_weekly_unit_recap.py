import datetime
import re

from odoo import api, fields, models
from odoo.tools import SQL

from ..report.formats import date_text, percent_text


class SimantapWeeklyUnitRecap(models.Model):
    """A unit's week: the figures of its employees (the unit's own, not its
    sub-units'), its discipline score and its rank among the company's units.  The
    unit head receives it every Monday and answers for it."""

    _name = "simantap.weekly.unit.recap"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Weekly Unit Recap"
    _order = "week_start desc, rank, department_id"
    _rec_name = "department_id"

    week_start = fields.Date(string="Week of", required=True, index=True, readonly=True)
    department_id = fields.Many2one(
        "hr.department", string="Unit", required=True, index=True, readonly=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True
    )
    line_ids = fields.One2many(
        "simantap.weekly.recap", "unit_recap_id", string="Employees", readonly=True
    )
    employee_count = fields.Integer(string="Headcount", readonly=True)
    days_expected = fields.Integer(
        string="Working Days", readonly=True, aggregator="sum"
    )
    days_present = fields.Integer(readonly=True, aggregator="sum")
    count_late = fields.Integer(string="Late (TL)", readonly=True, aggregator="sum")
    count_early = fields.Integer(
        string="Left Early (PSW)", readonly=True, aggregator="sum"
    )
    count_absent = fields.Integer(string="Absent (TK)", readonly=True, aggregator="sum")
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
        string="Discipline Score (%)", readonly=True, aggregator="avg"
    )
    rank = fields.Integer(
        readonly=True, help="1 = the most disciplined unit of the company this week."
    )
    head_user_ids = fields.Many2many(
        related="department_id.head_user_ids", string="Unit Heads"
    )
    head_response = fields.Text(string="Unit Head's Response", tracking=True)
    state = fields.Selection(
        [("to_answer", "To answer"), ("answered", "Answered")],
        default="to_answer",
        required=True,
        tracking=True,
    )

    _sql_constraints = [
        (
            "department_week_uniq",
            "unique(department_id, week_start)",
            "One recap per unit and week.",
        ),
    ]

    @api.model
    def _generate(self, week_start):
        """(Re)build the unit recaps of the week from the employee recaps, rank them
        per company and link the employee lines."""
        self.env["simantap.weekly.recap"].flush_model()
        self.flush_model()
        self.env.cr.execute(
            SQL(
                """INSERT INTO simantap_weekly_unit_recap AS u (
                       department_id, company_id, week_start, employee_count, days_expected,
                       days_present, count_late, count_early, count_absent, count_outside,
                       minutes_late, minutes_early, minutes_outside, checks_expected,
                       checks_answered, answer_rate,
                       expected_minutes, verified_minutes, discipline_score, state,
                       create_uid, write_uid, create_date, write_date)
                   SELECT r.department_id, r.company_id, %(week)s, COUNT(*), SUM(r.days_expected),
                          SUM(r.days_present), SUM(r.count_late), SUM(r.count_early),
                          SUM(r.count_absent), SUM(r.count_outside), SUM(r.minutes_late),
                          SUM(r.minutes_early), SUM(r.minutes_outside),
                          SUM(r.checks_expected), SUM(r.checks_answered),
                          -- no check due: no rate, not a full score
                          CASE WHEN SUM(r.checks_expected) > 0
                               THEN ROUND(100.0 * SUM(r.checks_answered) / SUM(r.checks_expected), 1)
                               END,
                          SUM(r.expected_minutes), SUM(r.verified_minutes),
                          CASE WHEN SUM(r.expected_minutes) > 0
                               THEN ROUND(100.0 * SUM(r.verified_minutes) / SUM(r.expected_minutes), 1)
                               ELSE 100 END,
                          'to_answer', %(uid)s, %(uid)s, NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC'
                     FROM simantap_weekly_recap r
                    WHERE r.week_start = %(week)s AND r.department_id IS NOT NULL
                 GROUP BY r.department_id, r.company_id
                   ON CONFLICT (department_id, week_start) DO UPDATE SET
                       employee_count = EXCLUDED.employee_count,
                       days_expected = EXCLUDED.days_expected,
                       days_present = EXCLUDED.days_present,
                       count_late = EXCLUDED.count_late,
                       count_early = EXCLUDED.count_early,
                       count_absent = EXCLUDED.count_absent,
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
                       write_date = EXCLUDED.write_date""",
                week=week_start,
                uid=self.env.uid,
            )
        )
        self.env.cr.execute(
            SQL(
                """UPDATE simantap_weekly_unit_recap u SET rank = ranked.rank
                     FROM (SELECT id, RANK() OVER (PARTITION BY company_id
                                                   ORDER BY discipline_score DESC) AS rank
                             FROM simantap_weekly_unit_recap WHERE week_start = %(week)s) ranked
                    WHERE ranked.id = u.id;
                   UPDATE simantap_weekly_recap r SET unit_recap_id = u.id
                     FROM simantap_weekly_unit_recap u
                    WHERE r.week_start = %(week)s AND u.week_start = %(week)s
                      AND u.department_id = r.department_id""",
                week=week_start,
            )
        )
        self.invalidate_model()
        self.env["simantap.weekly.recap"].invalidate_model()
        return self.search([("week_start", "=", week_start)])

    @api.model
    def _cron_weekly_recap(self):
        """Monday morning: recap the week just ended and send each unit head their
        unit's recap (with the XLSX), asking them to answer for it."""
        today = self.env["simantap.calendar"]._today()
        week_start = today - datetime.timedelta(days=today.weekday() + 7)
        units = self.env["simantap.weekly.recap"]._generate(week_start)
        units._send_to_heads()

    def _send_to_heads(self):
        report = self.env.ref("simantap_attendance.weekly_recap_xlsx")
        activity_type = self.env.ref(
            "simantap_attendance.mail_activity_type_weekly_recap"
        )
        for unit in self:
            heads = unit.department_id.manager_id.user_id
            if not heads:
                continue
            content, _ext = self.env["ir.actions.report"]._render(
                report.report_name, unit.ids
            )
            attachment = self.env["ir.attachment"].create(
                {
                    "name": unit._simantap_xlsx_name(),
                    "raw": content,
                    "res_model": unit._name,
                    "res_id": unit.id,
                }
            )
            # in the head's language, dates and figures included
            env = self.with_context(lang=heads[0].lang or self.env.lang).env
            unit.message_post(
                body=env._(
                    "Weekly recap of %(unit)s for the week of %(week)s: discipline score "
                    "%(score)s, rank %(rank)s.",
                    unit=unit.department_id.name,
                    week=date_text(env, unit.week_start),
                    score=percent_text(env, unit.discipline_score),
                    rank=unit.rank,
                ),
                partner_ids=heads.partner_id.ids,
                attachment_ids=attachment.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            if not unit.activity_ids:
                unit.activity_schedule(
                    activity_type_id=activity_type.id,
                    user_id=heads[0].id,
                    note=self.env._("Read your unit's week and answer for it."),
                )

    def _simantap_xlsx_name(self):
        """rekap-mingguan-<unit>-<ISO week>.xlsx, e.g.
        rekap-mingguan-BKPSDM-2026-W48.xlsx: the unit and the week the head finds
        in their inbox and downloads folder."""
        self.ensure_one()
        unit = re.sub(r"[^0-9A-Za-z]+", "-", self.department_id.name or "").strip("-")
        year, week, _day = self.week_start.isocalendar()
        return f"rekap-mingguan-{unit or 'unit'}-{year}-W{week:02d}.xlsx"

    def action_answer(self):
        for unit in self:
            unit.state = "answered"
            unit.activity_feedback(
                ["simantap_attendance.mail_activity_type_weekly_recap"]
            )
        return True

    def action_open_days(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "simantap_attendance.simantap_daily_status_action"
        )
        action["domain"] = [
            ("department_id", "=", self.department_id.id),
            ("date", ">=", self.week_start),
            ("date", "<=", self.week_start + datetime.timedelta(days=6)),
        ]
        action["context"] = {"search_default_group_employee": 1}
        return action

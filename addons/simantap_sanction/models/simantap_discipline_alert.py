import datetime

from odoo import api, fields, models

from ..lib import escalation


class SimantapDisciplineAlert(models.Model):
    """An employee reached a PP 94/2021 band of days absent without a valid reason
    (TK) this calendar year: the unit head and BKPSDM get an activity.  An alert, not
    a punishment: the superior examines the employee and decides."""

    _name = "simantap.discipline.alert"
    _inherit = [
        "simantap.employee.record.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _description = "Discipline Alert (PP 94/2021)"
    _order = "raised_on desc, id desc"

    year = fields.Integer(required=True, readonly=True, index=True)
    threshold_id = fields.Many2one(
        "simantap.discipline.threshold",
        required=True,
        readonly=True,
        ondelete="restrict",
    )
    rank = fields.Integer(related="threshold_id.rank", store=True)
    level = fields.Selection(related="threshold_id.level", store=True)
    sanction = fields.Char(related="threshold_id.name", string="Sanction to Examine")
    tk_days = fields.Integer(string="TK Days This Year", readonly=True)
    max_run = fields.Integer(string="Longest TK Run", readonly=True)
    raised_on = fields.Date(readonly=True)
    state = fields.Selection(
        [("open", "Open"), ("handled", "Handled")],
        default="open",
        required=True,
        readonly=True,
        tracking=True,
    )
    note = fields.Text(help="What was done: examination, decision, reference.")

    _sql_constraints = [
        (
            "employee_year_threshold_uniq",
            "unique(employee_id, year, threshold_id)",
            "One alert per employee, year and threshold.",
        ),
    ]

    def _compute_display_name(self):
        for alert in self:
            alert.display_name = (
                f"{alert.employee_id.name} · {alert.year} · {alert.sanction}"
            )

    def action_handled(self):
        self.write({"state": "handled"})
        self.activity_ids.filtered(lambda a: a.user_id == self.env.user).action_done()
        return True

    # ------------------------------------------------------------------ counting
    @api.model
    def _simantap_year_counts(self, company, year, until):
        """``{employee_id: (tk_days, longest_run)}`` from January 1st to ``until``:
        effective codes, corrections of locked days (adjustments) included."""
        return self.env["simantap.sanction.month.facts"]._simantap_corrected_tk_runs(
            company.id, datetime.date(year, 1, 1), until
        )

    @api.model
    def _simantap_escalate(self, company, year, until=None):
        """Raise the alerts reached in ``year`` up to ``until`` (default: its end);
        each band once per employee and year, only the gravest new one."""
        until = until or datetime.date(year, 12, 31)
        thresholds = self.env["simantap.discipline.threshold"].search(
            [("active", "=", True)]
        )
        if not thresholds:
            return self.browse()
        lib_thresholds = [
            escalation.Threshold(
                key=t.id,
                rank=t.rank,
                days_from=t.days_from,
                days_to=t.days_to or None,
                consecutive=t.consecutive_days,
            )
            for t in thresholds
        ]
        counts = self._simantap_year_counts(company, year, until)
        least = min(
            (t.days_from for t in lib_thresholds if not t.consecutive), default=1
        )
        least_run = min(
            (t.consecutive for t in lib_thresholds if t.consecutive), default=0
        )
        candidates = {
            employee_id: figures
            for employee_id, figures in counts.items()
            if figures[0] >= least or (least_run and figures[1] >= least_run)
        }
        if not candidates:
            return self.browse()
        existing = {}
        for alert in self.search(
            [("employee_id", "in", list(candidates)), ("year", "=", year)]
        ):
            existing.setdefault(alert.employee_id.id, []).append(alert.rank)
        vals_list = []
        for employee_id, (tk_days, max_run) in candidates.items():
            threshold = escalation.to_raise(
                lib_thresholds, tk_days, max_run, existing.get(employee_id)
            )
            if threshold:
                vals_list.append(
                    {
                        "employee_id": employee_id,
                        "year": year,
                        "threshold_id": threshold.key,
                        "tk_days": tk_days,
                        "max_run": max_run,
                        "raised_on": until,
                    }
                )
        alerts = self.create(vals_list)
        for alert in alerts:
            alert._simantap_schedule()
        return alerts

    def _simantap_recipients(self):
        """The employee's unit head (nearest manager up the tree) and the BKPSDM
        attendance officers of the company."""
        self.ensure_one()
        users = self.env["res.users"]
        unit = self.department_id
        while unit:
            if unit.manager_id.user_id and unit.manager_id != self.employee_id:
                users |= unit.manager_id.user_id
                break
            unit = unit.parent_id
        officers = self.env.ref("simantap_attendance.group_simantap_officer").users
        users |= officers.filtered(
            lambda u: self.company_id in u.company_ids and not u.share and u.active
        )
        return users - self.employee_id.user_id

    def _simantap_schedule(self):
        summary = self.env._(
            "PP 94/2021: %(employee)s absent without a valid reason %(days)s days in "
            "%(year)s: examine (%(sanction)s)",
            employee=self.employee_id.name,
            days=self.tk_days,
            year=self.year,
            sanction=self.sanction,
        )
        for user in self._simantap_recipients():
            self.activity_schedule(
                "simantap_sanction.mail_activity_type_discipline_alert",
                user_id=user.id,
                summary=summary[:250],
            )

    @api.model
    def _cron_escalate(self):
        """Daily: the running year up to yesterday, for every company."""
        yesterday = fields.Date.context_today(self) - datetime.timedelta(days=1)
        for company in self.env["res.company"].search([("active", "=", True)]):
            self._simantap_escalate(company, yesterday.year, yesterday)

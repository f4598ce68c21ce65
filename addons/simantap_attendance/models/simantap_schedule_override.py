from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# what, when changed, moves the evaluated days of an override
SCOPE_FIELDS = {"date_from", "date_to", "calendar_id", "company_id", "department_id"}


class SimantapScheduleOverride(models.Model):
    """A dated working schedule: from ``date_from`` to ``date_to`` (both included),
    the employees of a unit (and its sub-units), or of the whole company when no
    unit is given, work on ``calendar_id`` instead of their own schedule, for
    example Ramadan's shorter hours.  ``simantap.calendar`` applies it wherever
    working time is read (daily status, presence windows and pings, spot checks,
    reminders, and so TPP); a unit's override comes before the company's."""

    _name = "simantap.schedule.override"
    _inherit = ["mail.thread"]
    _description = "Dated Working Schedule"
    _order = "date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    date_from = fields.Date(string="From", required=True, tracking=True)
    date_to = fields.Date(string="To", required=True, tracking=True)
    calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Schedule",
        required=True,
        tracking=True,
        check_company=True,
        help="The schedule worked on these dates instead of the employees' own.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        tracking=True,
        check_company=True,
        help="Only this unit and its sub-units; empty: the whole company.",
    )
    note = fields.Text()

    _sql_constraints = [
        (
            "dates_ordered",
            "CHECK (date_from <= date_to)",
            "A dated schedule ends on or after the day it starts.",
        ),
    ]

    @api.constrains("date_from", "date_to", "company_id", "department_id")
    def _check_no_overlap(self):
        for override in self:
            # every override of the scope, whoever may read it
            clash = self.sudo().search(
                [
                    ("id", "!=", override.id),
                    ("company_id", "=", override.company_id.id),
                    ("department_id", "=", override.department_id.id),
                    ("date_from", "<=", override.date_to),
                    ("date_to", ">=", override.date_from),
                ],
                limit=1,
            )
            if clash:
                raise ValidationError(
                    self.env._(
                        "%(scope)s already works on %(other)s from %(first)s to "
                        "%(last)s: dated schedules of the same scope may not "
                        "overlap.",
                        scope=override.department_id.name or override.company_id.name,
                        other=clash.name,
                        first=fields.Date.to_string(clash.date_from),
                        last=fields.Date.to_string(clash.date_to),
                    )
                )

    # ------------------------------------------------------------------ re-evaluation

    @api.model_create_multi
    def create(self, vals_list):
        overrides = super().create(vals_list)
        overrides._simantap_reevaluate(overrides._simantap_scope(), overrides._label())
        return overrides

    def write(self, vals):
        touched = SCOPE_FIELDS & set(vals)
        before = self._simantap_scope() if touched else []
        result = super().write(vals)
        if touched:
            self._simantap_reevaluate(before + self._simantap_scope(), self._label())
        return result

    def unlink(self):
        scope, label = self._simantap_scope(), self._label()
        result = super().unlink()
        self._simantap_reevaluate(scope, label)
        return result

    def _label(self):
        return ", ".join(self.sudo().mapped("name"))

    def _simantap_scope(self):
        """``[(employees, dates)]`` each override touches."""
        scope = []
        Employee = self.env["hr.employee"].sudo()
        for override in self.sudo():
            domain = [
                ("resource_calendar_id", "!=", False),
                ("company_id", "=", override.company_id.id),
            ]
            if override.department_id:
                domain.append(("department_id", "child_of", override.department_id.id))
            days = [
                override.date_from + timedelta(days=offset)
                for offset in range((override.date_to - override.date_from).days + 1)
            ]
            scope.append((Employee.search(domain), days))
        return scope

    @api.model
    def _simantap_reevaluate(self, scope, label):
        """Evaluate again the days already evaluated in ``scope``: their working
        time changed.  A day of a locked month keeps what was paid: the change
        goes the way of a correction after the lock
        (``simantap.daily.status._simantap_schedule_locked``)."""
        Status = self.env["simantap.daily.status"].sudo()
        Days = self.env["simantap.presence"].sudo()
        with Days._simantap_door():
            for employees, days in scope:
                if not employees or not days:
                    continue
                Days._simantap_touch_days(
                    (status.employee_id.id, status.date)
                    for status in Status.search_fetch(
                        [
                            ("employee_id", "in", employees.ids),
                            ("date", "in", days),
                            ("locked", "=", False),
                        ],
                        ["employee_id", "date"],
                    )
                )
                locked = Status.search(
                    [
                        ("employee_id", "in", employees.ids),
                        ("date", "in", days),
                        ("locked", "=", True),
                    ]
                )
                if locked:
                    locked._simantap_schedule_locked(label)

from odoo import api, fields, models

from ..errors import SanctionError


class SimantapTppAssignment(models.Model):
    """Which monthly TPP an employee earns from when to when: their position class
    (its amount on the day) or an individual amount that overrides it (a secondment,
    a study assignment, a court decision...).  A month uses the assignment in force
    on its first day, else the first one starting during the month."""

    _name = "simantap.tpp.assignment"
    _inherit = ["simantap.employee.record.mixin", "mail.thread"]
    _description = "TPP Assignment"
    _order = "employee_id, date_from desc"

    position_class_id = fields.Many2one(
        "simantap.position.class", required=True, tracking=True, ondelete="restrict"
    )
    date_from = fields.Date(string="From", required=True, tracking=True)
    date_to = fields.Date(string="Until", tracking=True)
    use_override = fields.Boolean(
        string="Individual Amount",
        tracking=True,
        help="Pay this employee an amount of their own instead of the class amount.",
    )
    override_amount = fields.Monetary(
        string="Individual Monthly TPP", currency_field="currency_id", tracking=True
    )
    override_reason = fields.Char(tracking=True)
    currency_id = fields.Many2one(related="position_class_id.currency_id")
    amount = fields.Monetary(
        string="Monthly TPP Now",
        compute="_compute_amount",
        currency_field="currency_id",
        help="The amount on its first day, or today if it is running.",
    )

    @api.depends(
        "use_override",
        "override_amount",
        "position_class_id.tpp_amount",
        "position_class_id.amount_ids",
        "date_from",
    )
    def _compute_amount(self):
        today = fields.Date.context_today(self)
        for assignment in self:
            day = max(assignment.date_from or today, today)
            if assignment.date_to and assignment.date_to < day:
                day = assignment.date_to
            assignment.amount = (
                assignment.override_amount
                if assignment.use_override
                else assignment.position_class_id.sudo()._simantap_amount_on(day)
                if assignment.position_class_id
                else 0
            )

    @api.constrains("employee_id", "date_from", "date_to")
    def _check_no_overlap(self):
        for assignment in self:
            if assignment.date_to and assignment.date_to < assignment.date_from:
                raise SanctionError(
                    "assignment_overlap",
                    self.env._("A TPP assignment ends before it starts."),
                )
            domain = [
                ("id", "!=", assignment.id),
                ("employee_id", "=", assignment.employee_id.id),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", assignment.date_from),
            ]
            if assignment.date_to:
                domain.append(("date_from", "<=", assignment.date_to))
            if self.sudo().search_count(domain, limit=1):
                raise SanctionError(
                    "assignment_overlap",
                    self.env._(
                        "%(employee)s already has a TPP assignment on some of these "
                        "days; end it first.",
                        employee=assignment.employee_id.name,
                    ),
                )

    def _compute_display_name(self):
        for assignment in self:
            assignment.display_name = (
                f"{assignment.employee_id.name} · {assignment.position_class_id.name}"
            )

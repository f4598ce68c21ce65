from odoo import fields, models


class SimantapEmployeeRecordMixin(models.AbstractModel):
    """Fields every Simantap fact or result about one employee carries, so that the
    record rules read the same everywhere: the employee sees their own, the unit head
    (``department_id.head_user_ids``) their unit, officers their company."""

    _name = "simantap.employee.record.mixin"
    _description = "Simantap record about one employee"

    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, ondelete="cascade"
    )
    department_id = fields.Many2one(
        "hr.department",
        related="employee_id.department_id",
        store=True,
        index=True,
        string="Unit",
    )
    company_id = fields.Many2one(
        "res.company", related="employee_id.company_id", store=True, index=True
    )

from odoo import fields, models


class HrEmployee(models.Model):
    """The employee's TPP assignments (position class or individual amount, dated)."""

    _inherit = "hr.employee"

    simantap_tpp_assignment_ids = fields.One2many(
        "simantap.tpp.assignment",
        "employee_id",
        string="TPP Assignments",
        groups="simantap_attendance.group_simantap_payroll",
    )

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

REPORTS = {
    "recap": "simantap_attendance.action_report_attendance_recap",
    "card": "simantap_attendance.action_report_attendance_card",
    "duty": "simantap_attendance.action_report_duty_register",
}


class SimantapMonthReport(models.TransientModel):
    """Print a signed monthly report: pick the report, the unit (or the employee)
    and the month."""

    _name = "simantap.month.report"
    _description = "Print a Monthly Report"

    report = fields.Selection(
        [
            ("recap", "Attendance Recap"),
            ("card", "Attendance Card"),
            ("duty", "Field Duty Register"),
        ],
        required=True,
        default="recap",
    )
    month = fields.Date(
        required=True,
        default=lambda self: (
            fields.Date.context_today(self).replace(day=1) - relativedelta(months=1)
        ),
        help="Any day of the month.",
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        default=lambda self: self.env.user.employee_id.department_id,
    )
    employee_id = fields.Many2one("hr.employee")

    @api.model
    def _simantap_reports(self):
        return REPORTS

    def _simantap_records(self):
        if self.report == "card":
            if not self.employee_id:
                raise UserError(self.env._("Choose the employee of the card."))
            return self.employee_id
        if not self.department_id:
            raise UserError(self.env._("Choose the unit."))
        return self.department_id

    def _simantap_data(self):
        return {"month": fields.Date.to_string(self.month.replace(day=1))}

    def action_print(self):
        self.ensure_one()
        records = self._simantap_records()
        report = self.env.ref(self._simantap_reports()[self.report])
        return report.report_action(records, data=self._simantap_data())

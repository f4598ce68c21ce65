from odoo import api, models

from ..lib import month_report

REGISTERED = ("submitted", "approved", "done")


class ReportDutyRegister(models.AbstractModel):
    """Register of field duty (dinas luar) of a unit in a month: every duty
    submitted, approved or done that touches the month, signed by the unit head."""

    _name = "report.simantap_attendance.report_duty_register"
    _inherit = "simantap.report.common"
    _description = "Field Duty Register"

    @api.model
    def _get_report_values(self, docids, data=None):
        month = self._simantap_month(data)
        first, last = month_report.month_bounds(month)
        units = []
        for department in self.env["hr.department"].browse(docids):
            self._simantap_check_unit(department)
            department = department.sudo()
            employees = (
                self.env["hr.employee"]
                .sudo()
                .search([("department_id", "child_of", department.id)])
            )
            duties = (
                self.env["simantap.field.duty"]
                .sudo()
                .search(
                    [
                        ("employee_ids", "in", employees.ids),
                        ("state", "in", REGISTERED),
                        ("date_from", "<=", last),
                        ("date_to", ">=", first),
                    ],
                    order="date_from, name",
                )
            )
            company = department.company_id or self.env.company
            units.append(
                {
                    "department": department,
                    "head": self._simantap_head(company, department),
                    "duties": duties,
                    "place_date": self._simantap_place_date(company),
                    "signers": [self._simantap_unit_head_signer(department)],
                }
            )
        return {
            "doc_ids": docids,
            "doc_model": "hr.department",
            "docs": self.env["hr.department"].browse(docids),
            "units": units,
            "month_label": self._simantap_month_label(month),
        }

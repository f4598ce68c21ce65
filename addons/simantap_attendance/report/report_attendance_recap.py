from odoo import api, models

from ..lib import month_report


class ReportAttendanceRecap(models.AbstractModel):
    """Rekapitulasi kehadiran: one unit's month, one row per employee (the unit and
    its sub-units), signed by the unit head."""

    _name = "report.simantap_attendance.report_attendance_recap"
    _inherit = "simantap.report.common"
    _description = "Monthly Attendance Recap"

    @api.model
    def _get_report_values(self, docids, data=None):
        month = self._simantap_month(data)
        first, last = month_report.month_bounds(month)
        units = []
        for department in self.env["hr.department"].browse(docids):
            self._simantap_check_unit(department)
            units.append(self._simantap_unit(department.sudo(), first, last))
        return {
            "doc_ids": docids,
            "doc_model": "hr.department",
            "docs": self.env["hr.department"].browse(docids),
            "units": units,
            "month_label": self._simantap_month_label(month),
            "fixed_codes": month_report.FIXED_CODES,
            "percent_text": month_report.percent_text,
        }

    def _simantap_unit(self, department, first, last):
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search([("department_id", "child_of", department.id)], order="name")
        )
        statuses = (
            self.env["simantap.daily.status"]
            .sudo()
            .search_fetch(
                [
                    ("employee_id", "in", employees.ids),
                    ("date", ">=", first),
                    ("date", "<=", last),
                ],
                ["employee_id", "effective_codes", "minutes_late", "minutes_early"],
            )
        )
        figures = month_report.recap(
            (s.employee_id.id, s.effective_codes, s.minutes_late, s.minutes_early)
            for s in statuses
        )
        rows = [
            (employee, figures.get(employee.id, month_report.RecapRow(employee.id)))
            for employee in employees
            if employee.id in figures or employee.resource_calendar_id
        ]
        company = department.company_id or self.env.company
        return {
            "department": department,
            "head": self._simantap_head(company, department),
            "rows": rows,
            "other_codes": month_report.other_codes(row for _e, row in rows),
            "place_date": self._simantap_place_date(company),
            "signers": [self._simantap_unit_head_signer(department)],
        }

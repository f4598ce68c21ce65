import datetime

import pytz

from odoo import api, models
from odoo.tools.misc import format_date

from ..lib import month_report


class ReportAttendanceCard(models.AbstractModel):
    """Kartu kehadiran: an employee's month, every day with its times and codes,
    free days with their holiday.  Printed by the employee (from the phone), their
    unit heads and the officers."""

    _name = "report.simantap_attendance.report_attendance_card"
    _inherit = "simantap.report.common"
    _description = "Monthly Attendance Card"

    @api.model
    def _get_report_values(self, docids, data=None):
        month = self._simantap_month(data)
        cards = []
        for employee in self.env["hr.employee"].sudo().browse(docids):
            if employee.user_id != self.env.user:
                self._simantap_check_unit(employee.department_id)
            cards.append(self._simantap_card(employee, month))
        return {
            "doc_ids": docids,
            "doc_model": "hr.employee",
            "docs": self.env["hr.employee"].sudo().browse(docids),
            "cards": cards,
            "month_label": self._simantap_month_label(month),
            "percent_text": month_report.percent_text,
        }

    def _simantap_card(self, employee, month):
        first, last = month_report.month_bounds(month)
        tz = self.env["simantap.calendar"]._employee_zone(employee.sudo()).zone
        statuses = {
            status.date: status
            for status in self.env["simantap.daily.status"]
            .sudo()
            .search(
                [
                    ("employee_id", "=", employee.id),
                    ("date", ">=", first),
                    ("date", "<=", last),
                ]
            )
        }
        holidays = self._simantap_holidays(employee, first, last, tz)
        days = []
        for day in month_report.month_days(month):
            status = statuses.get(day)
            expected = status and (
                self._simantap_local_time(status.expected_start, tz),
                self._simantap_local_time(status.expected_end, tz),
            )
            days.append(
                {
                    "date": day,
                    "weekday": self._simantap_weekday(day),
                    "expected": "–".join(expected) if any(expected or ()) else "",
                    "check_in": status
                    and self._simantap_local_time(status.check_in, tz),
                    "check_out": status
                    and self._simantap_local_time(status.check_out, tz),
                    "late": status.minutes_late if status else 0,
                    "early": status.minutes_early if status else 0,
                    "codes": status.effective_codes if status else "",
                    "note": "" if status else holidays.get(day, ""),
                }
            )
        figures = month_report.recap(
            (employee.id, s.effective_codes, s.minutes_late, s.minutes_early)
            for s in statuses.values()
        ).get(employee.id, month_report.RecapRow(employee.id))
        company = employee.company_id
        department = employee.department_id
        return {
            "employee": employee,
            "head": self._simantap_head(
                company, department and department._simantap_office()
            ),
            "days": days,
            "figures": figures,
            "place_date": self._simantap_place_date(company),
            "signers": [
                self._simantap_unit_head_signer(department)
                if department
                else self._simantap_signer(employee)
            ],
        }

    def _simantap_weekday(self, day):
        return format_date(self.env, day, date_format="EEE")

    def _simantap_holidays(self, employee, first, last, tz):
        """``{date: name}`` of the public time off of the employee's company and
        calendar in the month (local dates)."""
        zone = pytz.timezone(tz)
        start = zone.localize(datetime.datetime.combine(first, datetime.time()))
        end = zone.localize(
            datetime.datetime.combine(
                last + datetime.timedelta(days=1), datetime.time()
            )
        )
        leaves = (
            self.env["resource.calendar.leaves"]
            .sudo()
            .search(
                [
                    ("resource_id", "=", False),
                    ("company_id", "in", [employee.company_id.id, False]),
                    (
                        "calendar_id",
                        "in",
                        [employee.resource_calendar_id.id, False],
                    ),
                    ("date_from", "<", end.astimezone(pytz.utc).replace(tzinfo=None)),
                    ("date_to", ">", start.astimezone(pytz.utc).replace(tzinfo=None)),
                ]
            )
        )
        names = {}
        for leave in leaves:
            day = pytz.utc.localize(leave.date_from).astimezone(zone).date()
            stop = pytz.utc.localize(leave.date_to).astimezone(zone).date()
            while day <= stop:
                names.setdefault(day, leave.name)
                day += datetime.timedelta(days=1)
        return names

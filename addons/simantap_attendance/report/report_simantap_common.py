import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools.misc import format_date

from ..lib import month_report

OFFICER = "simantap_attendance.group_simantap_officer"
PAYROLL = "simantap_attendance.group_simantap_payroll"


class SimantapReportCommon(models.AbstractModel):
    """What every signed Simantap report shares: the month it is about, the
    regency's letterhead, the place and date, the signatures, and who may print
    it (the unit's heads, attendance officers, payroll officers)."""

    _name = "simantap.report.common"
    _description = "Simantap Report Helpers"

    @api.model
    def _simantap_month(self, data):
        """The first day of the month in ``data['month']`` (any day of it), by
        default last month."""
        month = fields.Date.to_date((data or {}).get("month"))
        if not month:
            month = fields.Date.context_today(self) - relativedelta(months=1)
        return month.replace(day=1)

    @api.model
    def _simantap_check_unit(self, department):
        """Refuse a unit the user does not read: its heads (and heads above it),
        attendance and payroll officers only."""
        user = self.env.user
        if user.has_group(OFFICER) or user.has_group(PAYROLL):
            return
        if user not in department.sudo().head_user_ids:
            raise AccessError(
                self.env._(
                    "You may print the reports of your own unit only, not of %(unit)s.",
                    unit=department.sudo().display_name,
                )
            )

    @api.model
    def _simantap_head(self, company, department=None):
        """The letterhead: logo, government, unit, address."""
        company = company.sudo()
        department = (department or self.env["hr.department"]).sudo()
        address = department.simantap_address or ", ".join(
            part
            for part in (company.street, company.street2, company.city, company.zip)
            if part
        )
        return {
            "logo": company.logo,
            "government": company._simantap_government(),
            "unit": (department.name or company.name or "").upper(),
            "address": address,
        }

    @api.model
    def _simantap_place_date(self, company, day=None):
        day = day or fields.Date.context_today(self)
        place = company.sudo().simantap_signing_place or company.sudo().city or ""
        when = format_date(self.env, day, date_format="d MMMM y")
        return f"{place}, {when}" if place else when

    @api.model
    def _simantap_month_label(self, month):
        return format_date(self.env, month, date_format="MMMM y")

    @api.model
    def _simantap_signer(self, employee, position=None, caption=""):
        """One signature: caption (e.g. Mengetahui), position, name and NIP; an
        empty place to write them by hand when nobody is set."""
        employee = employee.sudo()
        return {
            "caption": caption,
            "position": position or employee.job_title or "",
            "name": employee.name or "",
            "nip": employee.nip or "",
        }

    @api.model
    def _simantap_unit_head_signer(self, department, caption=""):
        department = department.sudo()
        head = department._simantap_head()
        return self._simantap_signer(
            head,
            position=head.job_title
            or self.env._(
                "Head of %(unit)s", unit=head.department_id.name or department.name
            ),
            caption=caption,
        )

    @api.model
    def _simantap_days(self, month):
        return month_report.month_days(month)

    @staticmethod
    def _simantap_local_time(moment, tz):
        """``HH:MM`` of a naive UTC datetime in ``tz``; empty when none."""
        if not moment:
            return ""
        return pytz.utc.localize(moment).astimezone(pytz.timezone(tz)).strftime("%H:%M")

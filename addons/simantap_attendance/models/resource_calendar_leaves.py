import datetime
from collections import defaultdict

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from ..lib import holiday_calendar

ACTIVITY_IMPORT = "simantap_attendance.mail_activity_type_holiday_import"


class ResourceCalendarLeaves(models.Model):
    """Public time off (national holidays, cuti bersama, the regency's own days):
    a day that becomes free, or stops being free, is evaluated again."""

    _inherit = "resource.calendar.leaves"

    simantap_kind = fields.Selection(
        [
            (holiday_calendar.NATIONAL, "National Holiday"),
            (holiday_calendar.CUTI_BERSAMA, "Cuti Bersama"),
            (holiday_calendar.REGIONAL, "Regional Day"),
        ],
        string="Kind of Day Off",
    )

    @api.model_create_multi
    def create(self, vals_list):
        with self.env["simantap.presence"]._simantap_door():
            leaves = super().create(vals_list)
            leaves._simantap_public()._simantap_reevaluate_days(added=True)
        return leaves

    def write(self, vals):
        with self.env["simantap.presence"]._simantap_door():
            public = self._simantap_public()
            before = public._simantap_scope() if public else []
            result = super().write(vals)
            if {
                "date_from",
                "date_to",
                "calendar_id",
                "company_id",
                "resource_id",
            } & set(vals):
                self._simantap_reevaluate_scope(before)
                self._simantap_public()._simantap_reevaluate_days(added=True)
        return result

    def unlink(self):
        with self.env["simantap.presence"]._simantap_door():
            scope = self._simantap_public()._simantap_scope()
            result = super().unlink()
            self._simantap_reevaluate_scope(scope)
        return result

    def _simantap_public(self):
        return self.filtered(lambda leave: not leave.resource_id)

    def _simantap_scope(self):
        """``[(employees, local dates)]`` each public leave of ``self`` touches: the
        employees of its company (all companies when it has none) on its calendar
        (any calendar when it has none)."""
        scope = []
        Employee = self.env["hr.employee"].sudo()
        for leave in self.sudo():
            domain = [("resource_calendar_id", "!=", False)]
            if leave.company_id:
                domain.append(("company_id", "=", leave.company_id.id))
            if leave.calendar_id:
                domain.append(("resource_calendar_id", "=", leave.calendar_id.id))
            zone = self.env["simantap.calendar"]._zone(
                leave.calendar_id.tz or leave.company_id.resource_calendar_id.tz
            )
            # a day either side: employees may live in another timezone; the
            # evaluation of each day decides
            first = pytz.utc.localize(leave.date_from).astimezone(
                zone
            ).date() - datetime.timedelta(days=1)
            last = pytz.utc.localize(leave.date_to).astimezone(
                zone
            ).date() + datetime.timedelta(days=1)
            days = [
                first + datetime.timedelta(days=i)
                for i in range((last - first).days + 1)
            ]
            scope.append((Employee.search(domain), days))
        return scope

    @api.model
    def _simantap_evaluated(self, employees, domain):
        """``{date: employees}`` of the daily statuses of ``employees`` matching
        ``domain``: only days already evaluated are evaluated again (a holiday of
        a year imported late must not judge days from before Simantap ran)."""
        Status = self.env["simantap.daily.status"].sudo()
        by_day = defaultdict(set)
        for status in Status.search_fetch(
            [("employee_id", "in", employees.ids), *domain], ["employee_id", "date"]
        ):
            by_day[status.date].add(status.employee_id.id)
        return {
            day: self.env["hr.employee"].sudo().browse(sorted(ids))
            for day, ids in by_day.items()
        }

    @api.model
    def _simantap_reevaluate_scope(self, scope):
        """A day that stops being free is evaluated again for the employees whose
        month around it was evaluated."""
        Status = self.env["simantap.daily.status"].sudo()
        for employees, days in scope:
            if not employees or not days:
                continue
            first = min(days).replace(day=1)
            last = max(days) + relativedelta(day=31)
            evaluated = self._simantap_evaluated(
                employees, [("date", ">=", first), ("date", "<=", last)]
            )
            around = self.env["hr.employee"].sudo()
            for day_employees in evaluated.values():
                around |= day_employees
            Status._simantap_reevaluate(around, days)

    def _simantap_reevaluate_days(self, added=False):
        """Evaluate again the past days the public leaves of ``self`` cover, where
        they were evaluated.  Days of a locked month are not rewritten: they go to
        ``_simantap_holiday_locked``, which treats them as a correction after the
        lock."""
        Status = self.env["simantap.daily.status"].sudo()
        for leave, (employees, days) in zip(
            self.sudo(), self._simantap_scope(), strict=True
        ):
            if not employees:
                continue
            for day, day_employees in self._simantap_evaluated(
                employees, [("date", "in", days)]
            ).items():
                Status._simantap_reevaluate(day_employees, [day])
            if added:
                locked = Status.search(
                    [
                        ("employee_id", "in", employees.ids),
                        ("date", "in", days),
                        ("locked", "=", True),
                    ]
                )
                freed = locked.filtered(lambda day: not day._simantap_work_intervals())
                if freed:
                    freed._simantap_holiday_locked(leave)

    # ------------------------------------------------------------------ cron
    @api.model
    def _cron_simantap_holiday_reminder(self):
        """In December, ask the Simantap administrators of each company that has no
        public time off in the coming year yet to import it."""
        today = self.env["simantap.calendar"]._today()
        if today.month != 12:
            return
        year = today.year + 1
        start = datetime.datetime(year, 1, 1)
        end = datetime.datetime(year + 1, 1, 1)
        admins = self.env.ref("simantap_attendance.group_simantap_admin").users
        activity_type = self.env.ref(ACTIVITY_IMPORT)
        companies = (
            self.env["res.company"]
            .sudo()
            .search([("id", "in", admins.company_ids.ids)])
        )
        for company in companies:
            if self.sudo().search_count(
                [
                    ("resource_id", "=", False),
                    ("company_id", "in", [company.id, False]),
                    ("date_from", ">=", start),
                    ("date_from", "<", end),
                ],
                limit=1,
            ):
                continue
            partner = company.partner_id
            for user in admins.filtered(lambda u, c=company: c in u.company_ids):
                if (
                    self.env["mail.activity"]
                    .sudo()
                    .search_count(
                        [
                            ("res_model", "=", "res.partner"),
                            ("res_id", "=", partner.id),
                            ("activity_type_id", "=", activity_type.id),
                            ("user_id", "=", user.id),
                        ],
                        limit=1,
                    )
                ):
                    continue
                partner.sudo().activity_schedule(
                    ACTIVITY_IMPORT,
                    user_id=user.id,
                    summary=self.env._(
                        "Import the national holidays and cuti bersama of %(year)s",
                        year=year,
                    ),
                    note=self.env._(
                        "Simantap > Configuration > Import National Holidays: without "
                        "them, every holiday of %(year)s costs every employee a TK day.",
                        year=year,
                    ),
                )

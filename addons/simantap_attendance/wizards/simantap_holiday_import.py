import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib import holiday_calendar


class SimantapHolidayImport(models.TransientModel):
    """Import a year's national holidays and cuti bersama (from the ``holidays``
    library) and the regency's own days into the company's public time off:
    preview, tick or untick, add, confirm.  A day already imported is not imported
    twice."""

    _name = "simantap.holiday.import"
    _description = "Import National Holidays"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.context_today(self).year + 1,
    )
    line_ids = fields.One2many(
        "simantap.holiday.import.line", "wizard_id", string="Days"
    )

    @api.onchange("year", "company_id")
    def _onchange_year(self):
        self.line_ids = [(5, 0, 0)] + [
            (0, 0, values) for values in self._simantap_preview_values()
        ]

    def _simantap_zone(self):
        return self.env["simantap.calendar"]._zone(
            self.company_id.resource_calendar_id.tz
        )

    def _simantap_day_bounds(self, day):
        return self.env["simantap.calendar"]._day_bounds(self._simantap_zone(), day)

    def _simantap_existing_days(self, days):
        """The days among ``days`` that already have public time off of the whole
        company (Odoo refuses two overlapping public holidays)."""
        if not days:
            return set()
        first, _end = self._simantap_day_bounds(min(days))
        _start, last = self._simantap_day_bounds(max(days))
        leaves = (
            self.env["resource.calendar.leaves"]
            .sudo()
            .search(
                [
                    ("resource_id", "=", False),
                    ("company_id", "in", [self.company_id.id, False]),
                    ("date_from", "<", last),
                    ("date_to", ">", first),
                ]
            )
        )
        existing = set()
        for day in days:
            start, end = self._simantap_day_bounds(day)
            if any(leave.date_from < end and leave.date_to > start for leave in leaves):
                existing.add(day)
        return existing

    def _simantap_preview_values(self):
        if not self.year or self.year < 1950 or self.year > 2100:
            return []
        days = holiday_calendar.year_days(self.year)
        existing = self._simantap_existing_days([day.date for day in days])
        return [
            {
                "date": day.date,
                "name": day.name,
                "kind": day.kind,
                "exists": day.date in existing,
                "selected": day.date not in existing,
            }
            for day in days
        ]

    def action_preview(self):
        """Fill the days of the year again (the ticks are reset)."""
        self.ensure_one()
        self._onchange_year()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_confirm(self):
        """Create the ticked days not yet free as public time off of the company;
        the past days they cover are evaluated again."""
        self.ensure_one()
        lines = self.line_ids.filtered("selected")
        wrong = lines.filtered(lambda line: line.date.year != self.year)
        if wrong:
            raise UserError(
                self.env._(
                    "%(day)s is not in %(year)s.", day=wrong[0].date, year=self.year
                )
            )
        existing = self._simantap_existing_days(lines.mapped("date"))
        values, seen = [], set()
        for line in lines.sorted("date"):
            if line.date in existing or line.date in seen:
                continue
            seen.add(line.date)
            date_from, date_to = self._simantap_day_bounds(line.date)
            values.append(
                {
                    "name": line.name,
                    "date_from": date_from,
                    "date_to": date_to - datetime.timedelta(seconds=1),
                    "company_id": self.company_id.id,
                    "calendar_id": False,
                    "resource_id": False,
                    "time_type": "leave",
                    "simantap_kind": line.kind,
                }
            )
        # a public leave without a calendar belongs to the current company
        leaves = (
            self.env["resource.calendar.leaves"]
            .sudo()
            .with_company(self.company_id)
            .create(values)
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "resource.calendar.leaves",
            "view_mode": "list,form",
            "domain": [("id", "in", leaves.ids)],
            "name": self.env._("Imported Public Holidays"),
        }

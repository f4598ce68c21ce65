from collections import defaultdict
from datetime import timedelta

from odoo import api, models
from odoo.tools import SQL

from .simantap_field_duty import COVERING_STATES


# simantap.field.duty is split by concern (record and rules, workflow, coverage) to
# keep each file readable; pylint-odoo would have them in one file.
# pylint: disable=consider-merging-classes-inherited
class SimantapFieldDutyCoverage(models.Model):
    """The days and intervals approved field duties cover, and the re-evaluation of
    those days when a duty changes."""

    _inherit = "simantap.field.duty"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------ coverage

    def _simantap_coverage(self):
        """{employee: set of local dates} these duties cover."""
        coverage = defaultdict(set)
        for duty in self.sudo():
            days = duty._simantap_local_days()
            for employee in duty.employee_ids:
                coverage[employee.id].update(days)
        return coverage

    def _simantap_daily_status(self):
        """The daily status model, when the module providing it is loaded."""
        if "simantap.daily.status" in self.env:
            return self.env["simantap.daily.status"]
        return None

    def _simantap_reevaluate_days(self, extra=None):
        """Ask the daily status to re-evaluate the days these duties cover (and the
        ``extra`` {employee_id: dates} they covered before an edit)."""
        daily_status = self._simantap_daily_status()
        if daily_status is None:
            return
        coverage = self._simantap_coverage()
        for employee_id, days in (extra or {}).items():
            coverage[employee_id] |= days
        by_days = defaultdict(list)
        for employee_id, days in coverage.items():
            if days:
                by_days[tuple(sorted(days))].append(employee_id)
        employees = self.env["hr.employee"].sudo()
        with self.env["simantap.presence"]._simantap_door():
            for days, employee_ids in by_days.items():
                daily_status._simantap_reevaluate(
                    employees.browse(employee_ids), list(days)
                )

    @api.model
    def _duty_intervals(self, employee_ids, start_utc, end_utc):
        """Approved (or done) duty intervals overlapping ``[start_utc, end_utc)`` for
        many employees, in one query: ``{employee_id: [(start, end, duty_id), ...]}``
        with naive UTC datetimes, unclipped, sorted by start.  Employees without a
        duty are absent from the result."""
        if not employee_ids:
            return {}
        if isinstance(employee_ids, models.BaseModel):
            employee_ids = employee_ids.ids
        self.flush_model(["employee_ids", "state", "start_datetime", "end_datetime"])
        self.env.cr.execute(
            SQL(
                """
                SELECT rel.employee_id, duty.start_datetime, duty.end_datetime, duty.id
                  FROM simantap_field_duty duty
                  JOIN simantap_field_duty_employee_rel rel ON rel.duty_id = duty.id
                 WHERE rel.employee_id = ANY(%s)
                   AND duty.state IN %s
                   AND duty.start_datetime < %s
                   AND duty.end_datetime > %s
              ORDER BY rel.employee_id, duty.start_datetime, duty.id
                """,
                list(employee_ids),
                COVERING_STATES,
                end_utc,
                start_utc,
            )
        )
        result = defaultdict(list)
        for employee_id, start, end, duty_id in self.env.cr.fetchall():
            result[employee_id].append((start, end, duty_id))
        return dict(result)

    @api.model
    def _simantap_covering(self, employee, when):
        """The approved duty of ``employee`` covering the UTC datetime ``when`` (the
        latest started when several overlap), or an empty recordset."""
        intervals = self._duty_intervals(
            employee.ids, when, when + timedelta(seconds=1)
        )
        covering = [
            duty_id
            for start, end, duty_id in intervals.get(employee.id, [])
            if start <= when < end
        ]
        return self.browse(covering[-1:])

from collections import defaultdict
from datetime import UTC, datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.tools import SQL

from ..lib import intervals
from ..lib.clock import DEFAULT_TZ

DEFAULT_PING_INTERVAL = 60


class SimantapCalendar(models.AbstractModel):
    """The one calendar-and-time source of Simantap: an employee's time zone, the
    bounds of their local day, the working schedule in force on a day (their own,
    or a dated override such as Ramadan's hours), their working windows (built on
    ``resource.calendar._work_intervals_batch``, public holidays taken out) and the
    ping cadence.  The daily status, the presence episodes, the phone's day, the
    spot checks and the monitor all read working time here and nowhere else."""

    _name = "simantap.calendar"
    _description = "Simantap calendar and time"

    # ------------------------------------------------------------------ time zone

    @api.model
    def _zone(self, name):
        """The pytz zone called ``name``; the regency's zone when it is empty or
        unknown (the one fallback)."""
        try:
            return pytz.timezone(name or DEFAULT_TZ)
        except pytz.UnknownTimeZoneError:
            return pytz.timezone(DEFAULT_TZ)

    @api.model
    def _employee_zone(self, employee):
        """The employee's time zone: their resource's, else their schedule's, else
        their company schedule's."""
        return self._zone(
            employee.tz
            or employee.resource_calendar_id.tz
            or employee.company_id.resource_calendar_id.tz
        )

    @api.model
    def _tz_sql(self, resource_alias, calendar_alias=None):
        """The same rule in SQL, for the queries that work on many employees."""
        names = [SQL("NULLIF(%s.tz, '')", SQL.identifier(resource_alias))]
        if calendar_alias:
            names.append(SQL("NULLIF(%s.tz, '')", SQL.identifier(calendar_alias)))
        return SQL("COALESCE(%s, %s)", SQL(", ").join(names), DEFAULT_TZ)

    @api.model
    def _local_date(self, zone, when):
        """The local date of the naive UTC ``when`` in ``zone`` (name or zone)."""
        if isinstance(zone, str) or zone is None:
            zone = self._zone(zone)
        return pytz.utc.localize(when).astimezone(zone).date()

    @api.model
    def _today(self, zone=None, now=None):
        """Today's date in ``zone`` (the regency's by default)."""
        return self._local_date(zone, now or fields.Datetime.now())

    @api.model
    def _day_bounds(self, zone, day):
        """The naive UTC bounds ``[start, stop)`` of the local ``day`` in ``zone``."""
        if isinstance(zone, str) or zone is None:
            zone = self._zone(zone)
        start = zone.localize(datetime.combine(day, time.min))
        stop = zone.localize(datetime.combine(day + timedelta(days=1), time.min))
        return (
            start.astimezone(pytz.utc).replace(tzinfo=None),
            stop.astimezone(pytz.utc).replace(tzinfo=None),
        )

    # ------------------------------------------------------------------ ping cadence

    @api.model
    def _ping_interval(self, employee):
        """Minutes between two expected pings: the unit's cadence, else the
        company's."""
        return (
            employee.department_id.simantap_effective_ping_interval
            or employee.company_id.simantap_ping_interval
            or DEFAULT_PING_INTERVAL
        )

    @api.model
    def _silence_threshold(self, employee):
        """Minutes without a fix after which a checked-in employee is silent."""
        return self._ping_interval(employee) + (
            employee.company_id.simantap_ping_grace or 0
        )

    @api.model
    def _silence_threshold_sql(self, department_alias, company_alias):
        """:meth:`_silence_threshold` in SQL (the department may be NULL)."""
        department = SQL.identifier(department_alias)
        company = SQL.identifier(company_alias)
        return SQL(
            """(COALESCE(NULLIF(%s.simantap_effective_ping_interval, 0),
                         NULLIF(%s.simantap_ping_interval, 0), %s)
                + COALESCE(%s.simantap_ping_grace, 0))""",
            department,
            company,
            DEFAULT_PING_INTERVAL,
            company,
        )

    # ------------------------------------------------------------------ schedules

    @api.model
    def _schedules(self, rows):
        """``{key: calendar_id}``: the working schedule in force for each row
        ``(key, calendar_id, company_id, department_id, day)``: the dated override
        of the closest unit (the department, then its parents), else the company's,
        else ``calendar_id``.  One query for all the rows."""
        rows = list(rows)
        result = {row[0]: row[1] for row in rows}
        days = [row[4] for row in rows if row[1]]
        if not days:
            return result
        overrides = (
            self.env["simantap.schedule.override"]
            .sudo()
            .search_fetch(
                [
                    ("date_from", "<=", max(days)),
                    ("date_to", ">=", min(days)),
                    ("company_id", "in", list({row[2] for row in rows})),
                ],
                ["date_from", "date_to", "calendar_id", "company_id", "department_id"],
            )
        )
        if not overrides:
            return result
        by_scope = defaultdict(list)
        for override in overrides:
            scope = (
                ("department", override.department_id.id)
                if override.department_id
                else ("company", override.company_id.id)
            )
            by_scope[scope].append(
                (override.date_from, override.date_to, override.calendar_id.id)
            )
        departments = (
            self.env["hr.department"].sudo().browse({row[3] for row in rows if row[3]})
        )
        chains = {
            department.id: [
                int(part)
                for part in reversed(department.parent_path.split("/"))
                if part
            ]
            for department in departments
        }
        for key, calendar_id, company_id, department_id, day in rows:
            if not calendar_id:
                continue
            scopes = [("department", dep) for dep in chains.get(department_id, [])]
            scopes.append(("company", company_id))
            for scope in scopes:
                found = [
                    override_calendar
                    for first, last, override_calendar in by_scope.get(scope, ())
                    if first <= day <= last
                ]
                if found:
                    result[key] = found[0]
                    break
        return result

    @api.model
    def _calendar_windows(self, calendar, zone_name, days, resources=None):
        """``{(key, day): [(start, stop)]}``: the working intervals of ``calendar``
        on each local day of ``days`` in ``zone_name`` (naive UTC, sorted), less
        the public holidays of the calendar (or of every calendar): ``key`` False.
        With ``resources``, also each resource's (``key`` its id), less their own
        approved time off too.  One query for the schedule's lines, one for the
        time off, whatever the number of days and resources."""
        zone = self._zone(zone_name)
        start = datetime.combine(min(days) - timedelta(days=1), time.min, UTC)
        stop = datetime.combine(max(days) + timedelta(days=2), time.min, UTC)
        wanted = set(days)

        def naive(moment):
            return moment.astimezone(pytz.utc).replace(tzinfo=None)

        work = defaultdict(list)
        for begin, end, _record in calendar._attendance_intervals_batch(
            start, stop, tz=zone
        )[False]:
            day = begin.astimezone(zone).date()
            if day in wanted:
                work[day].append((naive(begin), naive(end)))
        # an employee's own time off counts whatever schedule it was taken on (a
        # dated schedule may replace theirs); public holidays only on theirs
        time_off = calendar._leave_intervals_batch(
            start,
            stop,
            resources=resources,
            domain=[
                ("time_type", "=", "leave"),
                "|",
                ("resource_id", "!=", False),
                ("calendar_id", "in", [False, calendar.id]),
            ],
            tz=zone,
            any_calendar=True,
        )
        result = {}
        for key in [False, *(resources.ids if resources else [])]:
            holes = [(naive(begin), naive(end)) for begin, end, _r in time_off[key]]
            for day, windows in work.items():
                found = intervals.subtract(windows, holes)
                if found:
                    result[(key, day)] = found
        return result

    @api.model
    def _working_windows(self, pairs, time_off=True):
        """``{(employee_id, day): [(start, stop), ...]}``: the working intervals of
        each employee's local day (the schedule in force that day, public holidays
        taken out, and with ``time_off`` their approved time off too), naive UTC,
        sorted.  Employees without a schedule of their own work on their
        company's."""
        pairs = list(pairs)
        schedules = self._schedules(
            (
                (employee.id, day),
                (
                    employee.resource_calendar_id
                    or employee.company_id.resource_calendar_id
                ).id,
                employee.company_id.id,
                employee.department_id.id,
                day,
            )
            for employee, day in pairs
        )
        groups = defaultdict(list)
        for employee, day in pairs:
            calendar_id = schedules[(employee.id, day)]
            if calendar_id:
                groups[(calendar_id, self._employee_zone(employee).zone)].append(
                    (employee, day)
                )
        Calendar = self.env["resource.calendar"].sudo()
        result = {}
        for (calendar_id, zone), members in groups.items():
            resources = None
            if time_off:
                resources = self.env["resource.resource"].union(
                    *(employee.resource_id for employee, _day in members)
                )
            windows = self._calendar_windows(
                Calendar.browse(calendar_id),
                zone,
                [day for _employee, day in members],
                resources=resources,
            )
            for employee, day in members:
                key = employee.resource_id.id if time_off else False
                found = windows.get((key, day))
                if found:
                    result[(employee.id, day)] = found
        return result

import logging
import math
import weakref
from collections import defaultdict
from contextlib import contextmanager
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..lib import intervals, presence

_logger = logging.getLogger(__name__)

# {cursor: Marks}: the days touched by the facts of the cursor's transaction that
# wait for their evaluation (never in the ORM cache: a savepoint may clear it)
_MARKS = weakref.WeakKeyDictionary()
HOOK_FLAG = "simantap.days.hook"


class Marks:
    """The employee-days a transaction touched: ``status`` ones have their daily
    status evaluated again (past days only), ``episodes`` ones their presence
    episodes derived too; ``depth`` counts the doors open around them."""

    __slots__ = ("depth", "episodes", "now", "status")

    def __init__(self):
        self.status = set()
        self.episodes = set()
        self.depth = 0
        self.now = None


class SimantapPresenceDays(models.AbstractModel):
    """Episodes of employee-days derived from stored facts, and the crons that
    derive, close and purge them."""

    _inherit = "simantap.presence"

    # ------------------------------------------------------------------ marked days
    # A fact (attendance, ping, spot check, leave, duty, holiday, dated schedule)
    # MARKS the employee-days it touches; ONE step evaluates the marked days: their
    # presence episodes first, then their daily status, each day once.  That step
    # runs when the outermost door closes (a check-in, an offline batch, a backend
    # write: see :meth:`_simantap_door`) and, for what is left, before the commit
    # (``cr.precommit``).  Whoever reads a daily status right after writing a fact
    # outside a door (a test, a script) calls :meth:`_simantap_evaluate_touched`.

    @api.model
    def _simantap_marks(self):
        marks = _MARKS.get(self.env.cr)
        if marks is None:
            marks = _MARKS[self.env.cr] = Marks()
        return marks

    @api.model
    def _simantap_touch_days(self, pairs, episodes=False, now=None):
        """Mark ``(employee_id, day)`` pairs for the evaluation step; with
        ``episodes`` their presence episodes are derived again too (as of
        ``now``, the door's clock, when given)."""
        pairs = {(int(employee_id), day) for employee_id, day in pairs if day}
        if not pairs:
            return
        marks = self._simantap_marks()
        marks.status |= pairs
        if episodes:
            marks.episodes |= pairs
            marks.now = now or marks.now
        self._simantap_hook()

    @api.model
    def _simantap_hook(self):
        """Evaluate what is left marked before the transaction commits (a flushing
        savepoint runs the hook too: inside a door it waits for the door); forget
        the marks when it rolls back."""
        cr = self.env.cr
        if cr.precommit.data.get(HOOK_FLAG):
            return
        cr.precommit.data[HOOK_FLAG] = True
        env = self.env

        @cr.precommit.add
        def _evaluate_before_commit():
            if env["simantap.presence"]._simantap_evaluate_touched():
                env.flush_all()

        cr.postrollback.add(lambda: _MARKS.pop(cr, None))

    @api.model
    @contextmanager
    def _simantap_door(self):
        """Around a door (check-in, batch, backend write): the days its facts
        touch are evaluated once, when the outermost door closes."""
        marks = self._simantap_marks()
        marks.depth += 1
        try:
            yield
        except Exception:
            marks.depth -= 1
            if marks.status or marks.episodes:
                self._simantap_hook()
            raise
        marks.depth -= 1
        self._simantap_evaluate_touched()

    @api.model
    def _simantap_evaluate_touched(self):
        """Evaluate the marked days (unless a door is still open around them):
        episodes, then daily statuses of the past days, one evaluation
        per day for all its employees.  Returns the number of days evaluated."""
        marks = _MARKS.get(self.env.cr)
        if marks is None or marks.depth:
            return 0
        self = self.sudo()
        done = 0
        while marks.status or marks.episodes:
            episodes, marks.episodes = marks.episodes, set()
            status, marks.status = marks.status, set()
            now, marks.now = marks.now, None
            if episodes:
                self._derive_days(episodes, now=now)
            today = self.env["simantap.calendar"]._today()
            by_day = defaultdict(set)
            for employee_id, day in status:
                if day < today:
                    by_day[day].add(employee_id)
            Status = self.env["simantap.daily.status"]
            for day, employee_ids in sorted(by_day.items()):
                Status._evaluate_day(day, sorted(employee_ids))
            done += len(by_day)
        return done

    @api.model
    def _sync_batch(self, employee, events, now=None):
        """The offline batch is one door: its events mark their days, evaluated
        once when it ends."""
        with self._simantap_door():
            return super()._sync_batch(employee, events, now=now)

    # ------------------------------------------------------------------ episodes

    @api.model
    def _derive_days(self, pairs, now=None):
        """Delete and recreate the episodes of ``pairs`` (``(employee_id, date)``),
        from the stored facts only, and write their presence days.  Closed days are
        left alone.  Set-based: one query per kind of fact, working intervals per
        calendar, one delete, one insert, one upsert.  Returns the number of days
        derived."""
        now = now or fields.Datetime.now()
        self = self.sudo()
        pairs = {(int(emp), day) for emp, day in pairs}
        if not pairs:
            return 0
        Day = self.env["simantap.presence.day"]
        Day.flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT d.employee_id, d.work_date FROM simantap_presence_day d
                  JOIN unnest(%s::int[], %s::date[]) AS p(employee_id, day)
                    ON p.employee_id = d.employee_id AND p.day = d.work_date
                 WHERE d.state = 'closed'
                """,
                [pair[0] for pair in pairs],
                [pair[1] for pair in pairs],
            )
        )
        pairs -= set(self.env.cr.fetchall())
        if not pairs:
            return 0
        known = self._employees(emp for emp, _day in pairs)
        pair_list = sorted(pair for pair in pairs if pair[0] in known)
        if not pair_list:
            return 0
        employees = self.env["hr.employee"].union(*known.values())
        employee_ids = [pair[0] for pair in pair_list]
        days = [pair[1] for pair in pair_list]
        Calendar = self.env["simantap.calendar"]
        bounds = {
            (emp_id, day): Calendar._day_bounds(
                Calendar._employee_zone(known[emp_id]), day
            )
            for emp_id, day in pair_list
        }
        windows = Calendar._working_windows(
            (known[emp_id], day) for emp_id, day in pair_list
        )
        attendances = self._attendances(
            employees.ids,
            min(b[0] for b in bounds.values()),
            max(b[1] for b in bounds.values()),
            with_fixes=True,
        )
        fixes = self._day_fixes(employee_ids, days)
        duties = self._duty_intervals(
            employees.ids,
            min(b[0] for b in bounds.values()),
            max(b[1] for b in bounds.values()),
        )
        ping_counts = defaultdict(int)
        for key, fix_list in fixes.items():
            ping_counts[key] = sum(1 for source, _fix in fix_list if source == "ping")
        episodes = []
        figures = {}
        for key in pair_list:
            employee = known[key[0]]
            day_start, day_stop = bounds[key]
            checked_in = []
            day_fixes = [fix for _source, fix in fixes.get(key, ())]
            for _id, check_in, check_out, fix_in, fix_out in attendances.get(
                key[0], ()
            ):
                stop = min(check_out or now, now, day_stop)
                start = max(check_in, day_start)
                if start < stop:
                    checked_in.append((start, stop))
                day_fixes += [
                    fix
                    for fix in (fix_in, fix_out)
                    if fix and day_start <= fix.at < day_stop
                ]
            watch = intervals.intersect(checked_in, windows.get(key, []))
            company = employee.company_id
            found = presence.derive_day(
                day_fixes,
                watch,
                threshold=Calendar._silence_threshold(employee),
                max_speed=company.simantap_impossible_speed_kmh or 150.0,
                until=now,
                excused=[
                    (start, stop) for start, stop, *_rest in duties.get(key[0], ())
                ],
            )
            episodes += [(key, episode) for episode in found]
            figures[key] = {
                "outside": sum(e.minutes for e in found if e.kind == presence.OUTSIDE),
                "silent": sum(e.minutes for e in found if e.kind == presence.SILENT),
                "travel": sum(1 for e in found if e.kind == presence.TRAVEL),
                "distance": max(
                    (
                        e.max_distance
                        for e in found
                        if e.kind == presence.OUTSIDE and e.max_distance is not None
                    ),
                    default=0.0,
                ),
            }
        self._write_episodes(pair_list, episodes, figures, ping_counts, now)
        return len(pair_list)

    @api.model
    def _duty_intervals(self, employee_ids, start, stop):
        """``{employee_id: [(start, stop, duty_id)]}`` of approved field duty."""
        if "simantap.field.duty" not in self.env:
            return {}
        return self.env["simantap.field.duty"]._duty_intervals(
            employee_ids, start, stop
        )

    @api.model
    def _day_fixes(self, employee_ids, days):
        """``{(employee_id, day): [(source, Fix), ...]}`` of the stored pings and
        spot-check answers of those days."""
        for model in ("simantap.presence.ping", "simantap.spot.check"):
            self.env[model].flush_model()
        self.env.cr.execute(
            SQL(
                """
                WITH wanted AS (
                    SELECT * FROM unnest(%(employees)s::int[], %(days)s::date[])
                        AS w(employee_id, day)
                )
                SELECT 'ping', p.employee_id, p.work_date, p.captured_at, p.uuid,
                       p.verdict, p.distance, p.latitude, p.longitude, p.accuracy
                  FROM simantap_presence_ping p
                  JOIN wanted w ON w.employee_id = p.employee_id
                   AND w.day = p.work_date
                UNION ALL
                SELECT 'spot_check', s.employee_id, s.work_date, s.captured_at,
                       s.uuid, s.verdict, s.distance, s.latitude, s.longitude,
                       s.accuracy
                  FROM simantap_spot_check s
                  JOIN wanted w ON w.employee_id = s.employee_id
                   AND w.day = s.work_date
                 WHERE s.captured_at IS NOT NULL AND s.verdict IS NOT NULL
                """,
                employees=employee_ids,
                days=days,
            )
        )
        result = defaultdict(list)
        for row in self.env.cr.fetchall():
            source, emp_id, day, at, uuid, verdict, dist, lat, lon, acc = row
            result[(emp_id, day)].append(
                (
                    source,
                    presence.Fix(
                        at=at,
                        key=uuid,
                        verdict=verdict,
                        distance=dist,
                        latitude=float(lat) if lat is not None else None,
                        longitude=float(lon) if lon is not None else None,
                        accuracy=acc,
                    ),
                )
            )
        return result

    @api.model
    def _write_episodes(self, pair_list, episodes, figures, ping_counts, now):
        cr = self.env.cr
        self.env["hr.employee"].flush_model(["department_id", "company_id"])
        employee_ids = [pair[0] for pair in pair_list]
        days = [pair[1] for pair in pair_list]
        cr.execute(
            SQL(
                """
                DELETE FROM simantap_presence_episode e
                 USING unnest(%s::int[], %s::date[]) AS p(employee_id, day)
                 WHERE e.employee_id = p.employee_id AND e.work_date = p.day
                """,
                employee_ids,
                days,
            )
        )
        if episodes:
            cr.execute(
                SQL(
                    """
                    INSERT INTO simantap_presence_episode (employee_id, work_date,
                        kind, start, stop, minutes, max_distance, speed_kmh,
                        department_id, company_id,
                        create_uid, create_date, write_uid, write_date)
                    SELECT v.employee_id, v.day, v.kind, v.start, v.stop, v.minutes,
                           v.max_distance, v.speed_kmh, e.department_id,
                           e.company_id, %s, %s, %s, %s
                      FROM unnest(%s::int[], %s::date[], %s::varchar[],
                                  %s::timestamp[], %s::timestamp[], %s::int[],
                                  %s::float8[], %s::float8[])
                           AS v(employee_id, day, kind, start, stop, minutes,
                                max_distance, speed_kmh)
                      JOIN hr_employee e ON e.id = v.employee_id
                    """,
                    self.env.uid,
                    now,
                    self.env.uid,
                    now,
                    [key[0] for key, _ep in episodes],
                    [key[1] for key, _ep in episodes],
                    [ep.kind for _key, ep in episodes],
                    [ep.start for _key, ep in episodes],
                    [ep.stop for _key, ep in episodes],
                    [ep.minutes for _key, ep in episodes],
                    [ep.max_distance for _key, ep in episodes],
                    [ep.speed_kmh for _key, ep in episodes],
                )
            )
        cr.execute(
            SQL(
                """
                INSERT INTO simantap_presence_day (employee_id, work_date,
                    department_id, company_id, state, to_derive, derived_at,
                    ping_count, outside_minutes, silent_minutes, travel_count,
                    max_distance, create_uid, create_date, write_uid, write_date)
                SELECT v.employee_id, v.day, e.department_id, e.company_id, 'open',
                       FALSE, %(now)s, v.pings, v.outside, v.silent, v.travel,
                       v.distance, %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM unnest(%(employees)s::int[], %(days)s::date[], %(pings)s::int[],
                              %(outside)s::int[], %(silent)s::int[],
                              %(travel)s::int[], %(distance)s::float8[])
                       AS v(employee_id, day, pings, outside, silent, travel, distance)
                  JOIN hr_employee e ON e.id = v.employee_id
                ON CONFLICT (employee_id, work_date) DO UPDATE
                   SET to_derive = FALSE, derived_at = EXCLUDED.derived_at,
                       ping_count = EXCLUDED.ping_count,
                       outside_minutes = EXCLUDED.outside_minutes,
                       silent_minutes = EXCLUDED.silent_minutes,
                       travel_count = EXCLUDED.travel_count,
                       max_distance = EXCLUDED.max_distance,
                       write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date
                """,
                now=now,
                uid=self.env.uid,
                employees=employee_ids,
                days=days,
                pings=[ping_counts.get(key, 0) for key in pair_list],
                outside=[figures[key]["outside"] for key in pair_list],
                silent=[figures[key]["silent"] for key in pair_list],
                travel=[figures[key]["travel"] for key in pair_list],
                distance=[figures[key]["distance"] for key in pair_list],
            )
        )
        self.env["simantap.presence.episode"].invalidate_model()
        self.env["simantap.presence.day"].invalidate_model()

    # ------------------------------------------------------------------ crons

    @api.model
    def _ended_days_to_finalize(self, now, limit):
        """``[(employee_id, day)]`` of recent attendance days that have ended but
        were not derived since: a day without a single ping (the phone off from
        check-in on) must still get its silent episode."""
        self.env["hr.attendance"].flush_model(["employee_id", "check_in"])
        self.env["simantap.presence.day"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                WITH days AS (
                    SELECT DISTINCT a.employee_id, %(tz)s AS tz,
                           ((a.check_in AT TIME ZONE 'UTC') AT TIME ZONE %(tz)s)::date
                             AS day
                      FROM hr_attendance a
                      JOIN hr_employee e ON e.id = a.employee_id
                      JOIN resource_resource r ON r.id = e.resource_id
                      LEFT JOIN resource_calendar c ON c.id = e.resource_calendar_id
                     WHERE a.check_in >= %(since)s
                )
                SELECT days.employee_id, days.day
                  FROM days
                  LEFT JOIN simantap_presence_day d
                         ON d.employee_id = days.employee_id AND d.work_date = days.day
                 WHERE days.day < ((%(now)s AT TIME ZONE 'UTC') AT TIME ZONE days.tz)::date
                   AND (d.id IS NULL OR (d.state = 'open' AND (d.derived_at IS NULL
                        OR d.derived_at < (((days.day + 1)::timestamp
                                            AT TIME ZONE days.tz) AT TIME ZONE 'UTC'))))
                 LIMIT %(limit)s
                """,
                tz=self.env["simantap.calendar"]._tz_sql("r", "c"),
                since=now - timedelta(days=4),
                now=now,
                limit=limit,
            )
        )
        return self.env.cr.fetchall()

    @api.model
    def _cron_derive_days(self, batch=20000, now=None):
        """Derive the open days that received facts since their last derivation,
        and once more every attendance day that has ended."""
        now = now or fields.Datetime.now()
        Day = self.env["simantap.presence.day"].sudo()
        days = Day.search_fetch(
            [("to_derive", "=", True), ("state", "=", "open")],
            ["employee_id", "work_date"],
            limit=batch,
            order="work_date, id",
        )
        pairs = {(day.employee_id.id, day.work_date) for day in days}
        pairs |= set(self._ended_days_to_finalize(now, max(batch - len(pairs), 0)))
        done = self._derive_days(pairs, now=now)
        remaining = Day.search_count([("to_derive", "=", True), ("state", "=", "open")])
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done

    @api.model
    def _closable_before(self, company, now):
        """Days before this date can receive no late fact any more."""
        today = self.env["simantap.calendar"]._local_date(
            company.resource_calendar_id.tz, now
        )
        return today - timedelta(
            days=math.ceil(company.simantap_sync_delay_hours / 24) + 1
        )

    @api.model
    def _cron_close_days(self, batch=20000, now=None):
        """Derive one last time and close the days past the offline sync limit."""
        now = now or fields.Datetime.now()
        Day = self.env["simantap.presence.day"].sudo()
        done = 0
        companies = [
            company
            for [company] in Day._read_group([("state", "=", "open")], ["company_id"])
        ]
        for company in companies:
            domain = [
                ("company_id", "=", company.id),
                ("state", "=", "open"),
                ("work_date", "<", self._closable_before(company, now)),
            ]
            days = Day.search_fetch(
                domain, ["employee_id", "work_date"], limit=batch - done
            )
            if not days:
                continue
            self._derive_days(
                ((day.employee_id.id, day.work_date) for day in days), now=now
            )
            days.write({"state": "closed", "to_derive": False})
            done += len(days)
            if done >= batch:
                break
        remaining = Day.search_count([("state", "=", "open")]) if done else 0
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done

    @api.model
    def _cron_purge_pings(self, now=None):
        """Delete raw pings past the retention period whose day is closed; the
        episodes and presence days stay.  Returns the number of pings deleted."""
        now = now or fields.Datetime.now()
        self.env["simantap.presence.ping"].flush_model()
        self.env["simantap.presence.day"].flush_model()
        deleted = 0
        companies = [
            company
            for [company] in self.env["simantap.presence.ping"]
            .sudo()
            ._read_group([], ["company_id"])
        ]
        for company in companies:
            limit_date = now.date() - timedelta(
                days=company.simantap_ping_retention_days or 90
            )
            self.env.cr.execute(
                SQL(
                    """
                    DELETE FROM simantap_presence_ping p
                     USING simantap_presence_day d
                     WHERE d.employee_id = p.employee_id
                       AND d.work_date = p.work_date AND d.state = 'closed'
                       AND p.company_id = %s AND p.work_date < %s
                    """,
                    company.id,
                    limit_date,
                )
            )
            deleted += self.env.cr.rowcount
        self.env["simantap.presence.ping"].invalidate_model()
        if deleted:
            _logger.info("Purged %s presence pings past their retention", deleted)
        return deleted

import datetime
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_date

from ..lib import daily

CODE_FIELDS = ("attendance_code", "late_code", "early_code", "outside_code")
# first key of the PostgreSQL advisory lock held while one day is evaluated (the
# second key is the day): two servers never evaluate the same day at once
EVALUATE_DAY_LOCK = 0x51D05


TONES = [("absent", "Absent"), ("cut", "Late, Early or Outside"), ("normal", "Normal")]
CUT_CATEGORIES = {"late", "early", "outside", "missing"}
PRESENCE_FIGURES = (
    "minutes_outside",
    "minutes_silent",
    "checks_expected",
    "checks_answered",
)


class SimantapDailyStatus(models.Model):
    """One record per employee per working day: what was expected, what happened, and
    the day's codes in the regency's vocabulary.  Computed set-based from stored facts
    (attendances, leaves, field duty, presence); re-evaluated when a fact changes;
    corrected by hand with a reason; never rewritten once locked (by a sanctioned
    month)."""

    _name = "simantap.daily.status"
    _inherit = ["simantap.employee.record.mixin", "mail.thread"]
    _description = "Daily Attendance Status"
    _order = "date desc, employee_id"
    _rec_name = "effective_codes"

    date = fields.Date(required=True, index=True, readonly=True)
    calendar_id = fields.Many2one(
        "resource.calendar", string="Working Schedule", readonly=True
    )
    expected_start = fields.Datetime(readonly=True)
    expected_end = fields.Datetime(readonly=True)
    expected_minutes = fields.Integer(readonly=True, aggregator="sum")
    check_in = fields.Datetime(readonly=True)
    check_out = fields.Datetime(readonly=True)
    minutes_late = fields.Integer(readonly=True, aggregator="sum")
    minutes_early = fields.Integer(readonly=True, aggregator="sum")
    minutes_outside = fields.Integer(readonly=True, aggregator="sum")
    minutes_silent = fields.Integer(readonly=True, aggregator="sum")
    checks_expected = fields.Integer(
        string="Presence Checks Expected", readonly=True, aggregator="sum"
    )
    checks_answered = fields.Integer(
        string="Presence Checks Answered", readonly=True, aggregator="sum"
    )
    attendance_code = fields.Char(readonly=True, index=True)
    late_code = fields.Char(readonly=True)
    early_code = fields.Char(readonly=True)
    outside_code = fields.Char(string="Keluar Area Code", readonly=True)
    missing_check_out = fields.Boolean(readonly=True)
    codes = fields.Char(string="Computed Codes", readonly=True)
    corrected = fields.Boolean(readonly=True, tracking=True)
    corrected_codes = fields.Char(readonly=True, tracking=True)
    correction_reason = fields.Text(readonly=True, tracking=True)
    effective_codes = fields.Char(string="Codes", readonly=True, index=True)
    locked = fields.Boolean(
        readonly=True, help="Part of a locked TPP month: never recomputed."
    )
    evaluated_at = fields.Datetime(readonly=True)
    tone = fields.Selection(
        TONES,
        string="Severity",
        compute="_compute_tone",
        help="What the codes in force say (the corrected ones on a corrected day): "
        "absent, late / early / outside / forgotten, or neither.",
    )

    _sql_constraints = [
        (
            "employee_date_uniq",
            "unique(employee_id, date)",
            "One status per employee and day.",
        ),
    ]

    @api.depends("date", "effective_codes")
    def _compute_display_name(self):
        # a day is named by its date (and the codes in force), never by codes alone
        for status_ in self:
            day = format_date(self.env, status_.date) if status_.date else ""
            codes = status_.effective_codes or ""
            status_.display_name = f"{day} ({codes})" if day and codes else day or codes

    @api.depends("effective_codes")
    def _compute_tone(self):
        category = {
            code.code: code.category
            for code in self.env["simantap.status.code"]
            .sudo()
            .with_context(active_test=False)
            .search([])
        }
        for status_ in self:
            found = {
                category.get(code) for code in (status_.effective_codes or "").split()
            }
            if "absent" in found:
                status_.tone = "absent"
            elif found & CUT_CATEGORIES:
                status_.tone = "cut"
            else:
                status_.tone = "normal"

    # ------------------------------------------------------------------ evaluation
    @api.model
    def _evaluate(self, date_from, date_to=None, employees=None):
        """Evaluate every day from ``date_from`` to ``date_to`` (inclusive) for
        ``employees`` (default: every active employee with a working schedule)."""
        date_to = date_to or date_from
        if employees is None:
            employees = self.env["hr.employee"].search(
                [("resource_calendar_id", "!=", False)]
            )
        day = date_from
        while day <= date_to:
            self._evaluate_day(day, employees.ids)
            day += datetime.timedelta(days=1)
        return True

    @api.model
    def _simantap_reevaluate(self, employees, dates):
        """Re-evaluate the given past days of ``employees`` after a late fact, a
        correction of a fact, a duty or a leave: the days are marked and evaluated
        by the one step of ``simantap.presence`` (when the outermost door closes).
        Today and future days wait for the nightly run; locked days are left alone
        by the evaluation itself."""
        Days = self.env["simantap.presence"]
        with Days._simantap_door():
            Days._simantap_touch_days(
                (employee_id, day) for employee_id in employees.ids for day in dates
            )

    def _employee_rows(self, employee_ids, day):
        """``[(employee_id, calendar_id, tz, company_id, department_id)]`` of the
        active employees with a working schedule, ``calendar_id`` being the
        schedule in force on ``day`` (a dated override, e.g. Ramadan's hours,
        replaces their own)."""
        self.env["hr.employee"].flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT e.id, e.resource_calendar_id, %s, e.company_id,
                          e.department_id
                     FROM hr_employee e
                     JOIN resource_resource r ON r.id = e.resource_id
                     JOIN resource_calendar c ON c.id = e.resource_calendar_id
                    WHERE e.id = ANY(%s) AND e.active""",
                self.env["simantap.calendar"]._tz_sql("r", "c"),
                list(employee_ids),
            )
        )
        rows = self.env.cr.fetchall()
        schedules = self.env["simantap.calendar"]._schedules(
            (row[0], row[1], row[3], row[4], day) for row in rows
        )
        return [(row[0], schedules[row[0]], *row[2:]) for row in rows]

    def _work_intervals(self, calendar_id, tz, day):
        """The working intervals of ``calendar_id`` on the local ``day``."""
        calendar = self.env["resource.calendar"].sudo().browse(calendar_id)
        return (
            self.env["simantap.calendar"]
            ._calendar_windows(calendar, tz, [day])
            .get((False, day), [])
        )

    def _actuals(self, employee_ids, start, end):
        """First check-in and last real check-out per employee in [start, end): not
        Odoo's automatic one, nor the one the check-in service writes when it closes
        a day left open (``simantap_missing_check_out``: a forgotten check-out)."""
        self.env["hr.attendance"].flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT employee_id, MIN(check_in),
                          MAX(check_out) FILTER (
                              WHERE check_out IS NOT NULL
                                AND out_mode IS DISTINCT FROM 'auto_check_out'
                                AND simantap_missing_check_out IS NOT TRUE)
                     FROM hr_attendance
                    WHERE employee_id = ANY(%s) AND check_in >= %s AND check_in < %s
                 GROUP BY employee_id""",
                list(employee_ids),
                start,
                end,
            )
        )
        return {row[0]: (row[1], row[2]) for row in self.env.cr.fetchall()}

    def _leaves(self, employee_ids, start, end):
        """Approved time off overlapping [start, end) with its Simantap code."""
        self.env["hr.leave"].flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT l.employee_id, l.date_from, l.date_to, COALESCE(c.code, 'IZIN')
                     FROM hr_leave l
                     JOIN hr_leave_type t ON t.id = l.holiday_status_id
                LEFT JOIN simantap_status_code c ON c.id = t.simantap_code_id
                    WHERE l.employee_id = ANY(%s) AND l.state = 'validate'
                      AND l.date_from < %s AND l.date_to > %s""",
                list(employee_ids),
                end,
                start,
            )
        )
        result = defaultdict(list)
        for employee_id, date_from, date_to, code in self.env.cr.fetchall():
            result[employee_id].append((date_from, date_to, code))
        return result

    def _duties(self, employee_ids, start, end):
        if "simantap.field.duty" not in self.env:
            return {}
        return self.env["simantap.field.duty"]._duty_intervals(employee_ids, start, end)

    def _presence_figures(self, employee_ids, start, end):
        """The presence facts of the local day ``[start, end)`` (naive UTC):
        ``{employee_id: {'minutes_outside', 'minutes_silent', 'checks_expected',
        'checks_answered'}}`` from the stored episodes (unexcused minutes only) and
        spot checks (void ones are not expected; answered inside, outside or late
        count as answered)."""
        result = defaultdict(lambda: dict.fromkeys(PRESENCE_FIGURES, 0))
        for kind, key in (("outside", "minutes_outside"), ("silent", "minutes_silent")):
            for employee, minutes in (
                self.env["simantap.presence.episode"]
                .sudo()
                ._read_group(
                    [
                        ("employee_id", "in", list(employee_ids)),
                        ("kind", "=", kind),
                        ("start", ">=", start),
                        ("start", "<", end),
                    ],
                    ["employee_id"],
                    ["minutes:sum"],
                )
            ):
                result[employee.id][key] = minutes
        for employee, state, count in (
            self.env["simantap.spot.check"]
            .sudo()
            ._read_group(
                [
                    ("employee_id", "in", list(employee_ids)),
                    ("due_at", ">=", start),
                    ("due_at", "<", end),
                    ("state", "!=", "void"),
                ],
                ["employee_id", "state"],
                ["__count"],
            )
        ):
            result[employee.id]["checks_expected"] += count
            if state in ("answered_inside", "answered_outside", "late"):
                result[employee.id]["checks_answered"] += count
        return dict(result)

    def _day_facts(self, work, employee_ids, start, end):
        """``{employee_id: (DayFacts, presence figures)}`` of employees sharing the
        working intervals ``work`` on the local day ``[start, end)`` (naive UTC),
        read set-based."""
        actuals = self._actuals(employee_ids, start, end)
        leaves = self._leaves(employee_ids, start, end)
        duties = self._duties(employee_ids, start, end)
        presence = self._presence_figures(employee_ids, start, end)
        result = {}
        for employee_id in employee_ids:
            check_in, check_out = actuals.get(employee_id, (None, None))
            figures = presence.get(employee_id, {})
            facts = daily.DayFacts(
                work_intervals=work,
                check_in=check_in,
                check_out=check_out,
                leave_intervals=leaves.get(employee_id, []),
                duty_intervals=[(s, e) for s, e, *_ in duties.get(employee_id, [])],
                minutes_outside=figures.get("minutes_outside", 0),
                minutes_silent=figures.get("minutes_silent", 0),
            )
            result[employee_id] = (facts, figures)
        return result

    @api.model
    def _simantap_so_far(self, employee, now=None):
        """Today's codes so far for ``employee`` (text, e.g. 'H TL1'), judged now
        and stored nowhere: what the phone shows during the day; the night's
        evaluation decides the day.  While the working day is not over, not having
        checked in yet is no code (TK comes at night), nor is a check-out not made
        yet, nor an early departure while checked in again."""
        now = now or fields.Datetime.now()
        calendar = self.env["simantap.calendar"]
        day = calendar._local_date(calendar._employee_zone(employee.sudo()), now)
        rows = self._employee_rows(employee.ids, day)
        if not rows:
            return ""
        employee_id, calendar_id, tz, company_id, _department_id = rows[0]
        work = self._work_intervals(calendar_id, tz, day)
        if not work:
            return ""
        start, end = calendar._day_bounds(tz, day)
        facts, _figures = self._day_facts(work, [employee_id], start, end)[employee_id]
        brackets = self.env["simantap.status.bracket"]._for_company(
            self.env["res.company"].browse(company_id)
        )
        result = daily.evaluate(facts, brackets)
        if now < work[-1][1]:
            if result.attendance_code == "TK":
                return ""
            result.missing_check_out = False
            if (
                self.env["hr.attendance"]
                .sudo()
                .search_count(
                    [("employee_id", "=", employee.id), ("check_out", "=", False)],
                    limit=1,
                )
            ):
                result.early_code = ""
        return result.codes

    def _lock_day(self, day, wait=True):
        """Hold the day's evaluation lock until the end of the transaction: wait for
        another process evaluating it, or (``wait=False``) say False at once."""
        function = SQL("pg_advisory_xact_lock" if wait else "pg_try_advisory_xact_lock")
        self.env.cr.execute(
            SQL("SELECT %s(%s, %s)", function, EVALUATE_DAY_LOCK, day.toordinal())
        )
        return wait or self.env.cr.fetchone()[0]

    def _evaluate_day(self, day, employee_ids):
        if not employee_ids:
            return
        self._lock_day(day)
        rows, off_day = self._evaluated_rows(day, employee_ids)
        self._store(day, rows, off_day)

    def _evaluated_rows(self, day, employee_ids):
        """``(rows, off_day)``: the stored row of each employee working on
        ``day`` (see :meth:`_store`), and the employees free that day; nothing is
        written."""
        groups = defaultdict(list)
        department_of = {}
        for (
            employee_id,
            calendar_id,
            tz,
            company_id,
            department_id,
        ) in self._employee_rows(employee_ids, day):
            groups[(calendar_id, tz, company_id)].append(employee_id)
            department_of[employee_id] = department_id
        brackets_by_company = {}
        rows, off_day = [], []
        now = fields.Datetime.now()
        for (calendar_id, tz, company_id), ids in groups.items():
            work = self._work_intervals(calendar_id, tz, day)
            if not work:
                off_day.extend(ids)
                continue
            if company_id not in brackets_by_company:
                brackets_by_company[company_id] = self.env[
                    "simantap.status.bracket"
                ]._for_company(self.env["res.company"].browse(company_id))
            brackets = brackets_by_company[company_id]
            start, end = self.env["simantap.calendar"]._day_bounds(tz, day)
            for employee_id, (facts, figures) in self._day_facts(
                work, ids, start, end
            ).items():
                result = daily.evaluate(facts, brackets)
                rows.append(
                    (
                        employee_id,
                        day,
                        calendar_id,
                        result.expected_start,
                        result.expected_end,
                        result.expected_minutes,
                        facts.check_in,
                        facts.check_out,
                        result.minutes_late,
                        result.minutes_early,
                        figures.get("minutes_outside", 0),
                        figures.get("minutes_silent", 0),
                        figures.get("checks_expected", 0),
                        figures.get("checks_answered", 0),
                        result.attendance_code,
                        result.late_code,
                        result.early_code,
                        result.outside_code,
                        result.missing_check_out,
                        result.codes,
                        now,
                        department_of[employee_id],
                        company_id,
                        result.codes,  # effective codes, unless corrected
                        now,  # create_date
                        now,  # write_date
                    )
                )
        return rows, off_day

    def _store(self, day, rows, off_day):
        """Upsert the day's rows in a few statements, each row written once and only
        the rows evaluated (one late check-in never rewrites the regency's day);
        locked rows are never touched and corrected rows keep their correction."""
        self.flush_model()
        if off_day:
            self.env.cr.execute(
                SQL(
                    """DELETE FROM simantap_daily_status
                        WHERE date = %s AND employee_id = ANY(%s)
                          AND NOT COALESCE(locked, FALSE) AND NOT COALESCE(corrected, FALSE)""",
                    day,
                    off_day,
                )
            )
        uid = self.env.uid
        for chunk_start in range(0, len(rows), 2000):
            chunk = rows[chunk_start : chunk_start + 2000]
            values = SQL(", ").join(
                SQL("(" + ", ".join(["%s"] * (len(row) + 2)) + ")", *row, uid, uid)
                for row in chunk
            )
            self.env.cr.execute(
                SQL(
                    """INSERT INTO simantap_daily_status AS s (
                           employee_id, date, calendar_id, expected_start, expected_end,
                           expected_minutes, check_in, check_out, minutes_late, minutes_early,
                           minutes_outside, minutes_silent, checks_expected, checks_answered,
                           attendance_code, late_code, early_code, outside_code,
                           missing_check_out, codes, evaluated_at, department_id,
                           company_id, effective_codes, create_date, write_date,
                           create_uid, write_uid)
                       VALUES %s
                       ON CONFLICT (employee_id, date) DO UPDATE SET
                           calendar_id = EXCLUDED.calendar_id,
                           expected_start = EXCLUDED.expected_start,
                           expected_end = EXCLUDED.expected_end,
                           expected_minutes = EXCLUDED.expected_minutes,
                           check_in = EXCLUDED.check_in,
                           check_out = EXCLUDED.check_out,
                           minutes_late = EXCLUDED.minutes_late,
                           minutes_early = EXCLUDED.minutes_early,
                           minutes_outside = EXCLUDED.minutes_outside,
                           minutes_silent = EXCLUDED.minutes_silent,
                           checks_expected = EXCLUDED.checks_expected,
                           checks_answered = EXCLUDED.checks_answered,
                           attendance_code = EXCLUDED.attendance_code,
                           late_code = EXCLUDED.late_code,
                           early_code = EXCLUDED.early_code,
                           outside_code = EXCLUDED.outside_code,
                           missing_check_out = EXCLUDED.missing_check_out,
                           codes = EXCLUDED.codes,
                           evaluated_at = EXCLUDED.evaluated_at,
                           department_id = EXCLUDED.department_id,
                           company_id = EXCLUDED.company_id,
                           effective_codes = CASE WHEN s.corrected
                                                  THEN s.corrected_codes
                                                  ELSE EXCLUDED.codes END,
                           write_uid = EXCLUDED.write_uid,
                           write_date = EXCLUDED.write_date
                       WHERE NOT COALESCE(s.locked, FALSE)""",
                    values,
                )
            )
        self.invalidate_model()

    # ------------------------------------------------------------------ cron
    @api.model
    def _cron_evaluate_days(self, batch_size=5000):
        """Nightly: evaluate yesterday for every employee, in batches; the cron runs
        again while employees remain (progress is reported to the scheduler)."""
        yesterday = self.env["simantap.calendar"]._today() - datetime.timedelta(days=1)
        if not self._lock_day(yesterday, wait=False):
            # another server evaluates yesterday now and schedules what remains
            self.env["ir.cron"]._notify_progress(done=0, remaining=0)
            return
        params = self.env["ir.config_parameter"].sudo()
        cursor = params.get_param("simantap_attendance.daily_status_cursor", "")
        last_day, _sep, last_id = cursor.partition(":")
        last_id = int(last_id) if last_day == str(yesterday) and last_id else 0
        Employee = self.env["hr.employee"]
        domain = [("resource_calendar_id", "!=", False), ("id", ">", last_id)]
        batch = Employee.search(domain, order="id", limit=batch_size)
        if batch:
            self._evaluate_day(yesterday, batch.ids)
            params.set_param(
                "simantap_attendance.daily_status_cursor", f"{yesterday}:{batch[-1].id}"
            )
        remaining = Employee.search_count(
            [
                ("resource_calendar_id", "!=", False),
                ("id", ">", batch[-1].id if batch else last_id),
            ]
        )
        self.env["ir.cron"]._notify_progress(done=len(batch), remaining=remaining)

    def _simantap_work_intervals(self):
        """The working intervals of this day for its employee, as the evaluation
        reads them now (none: a free day)."""
        self.ensure_one()
        rows = self._employee_rows(self.employee_id.ids, self.date)
        if not rows:
            return []
        _employee_id, calendar_id, tz, _company_id, _department_id = rows[0]
        return self._work_intervals(calendar_id, tz, self.date)

    def _simantap_codes_now(self):
        """``{status_id: codes}``: the codes these days would get if evaluated now
        (free days: empty); nothing is written."""
        result = {}
        for day in set(self.mapped("date")):
            statuses = self.filtered(lambda status, day=day: status.date == day)
            rows, _off_day = self._evaluated_rows(day, statuses.employee_id.ids)
            codes = {row[0]: row[19] for row in rows}
            for status in statuses:
                result[status.id] = codes.get(status.employee_id.id, "")
        return result

    def _simantap_schedule_locked(self, schedule):
        """Days of a locked month whose working schedule changed after the lock
        (a dated schedule added, moved or removed): they stay as they were paid;
        the chatter says which codes they would get now (the sanction addon turns
        a change into an adjustment, as a correction after the lock).  Returns
        ``{status_id: codes now}`` of the days whose codes would change."""
        changed = {
            status_id: codes
            for status_id, codes in self._simantap_codes_now().items()
            if codes != self.browse(status_id).codes
        }
        for day in self.filtered(lambda status: status.id in changed):
            day.message_post(
                body=self.env._(
                    "The working schedule %(schedule)s changed after this day was "
                    "locked: it would now be %(codes)s.",
                    schedule=schedule,
                    codes=changed[day.id] or "-",
                )
            )
        return changed

    def _simantap_holiday_locked(self, holiday):
        """Days of a locked month that became a public holiday after the lock: they
        stay as they were paid; the chatter says so (the sanction addon turns them
        into adjustments, as a correction after the lock)."""
        for day in self:
            day.message_post(
                body=self.env._(
                    "%(holiday)s was added as a public holiday after this day was "
                    "locked.",
                    holiday=holiday.name,
                )
            )
        return True

    # ------------------------------------------------------------------ corrections
    def action_correct(self, codes, reason):
        """An attendance officer sets the day's codes by hand, with a reason; the
        computed codes stay visible and the change is tracked."""
        if not self.env.user.has_group("simantap_attendance.group_simantap_officer"):
            raise UserError(self.env._("Only an attendance officer corrects a day."))
        if not (reason or "").strip():
            raise UserError(self.env._("A correction needs a reason."))
        if self.filtered("locked"):
            raise UserError(
                self.env._(
                    "This day belongs to a locked TPP month; correct it in the next month."
                )
            )
        wanted = (codes or "").split()
        _records, unknown = self.env["simantap.status.code"]._simantap_resolve(wanted)
        if not wanted or unknown:
            raise UserError(
                self.env._(
                    "Unknown attendance code(s): %(codes)s",
                    codes=", ".join(unknown) or "-",
                )
            )
        self.sudo().write(
            {
                "corrected": True,
                "corrected_codes": " ".join(wanted),
                "correction_reason": reason.strip(),
                "effective_codes": " ".join(wanted),
            }
        )
        return True

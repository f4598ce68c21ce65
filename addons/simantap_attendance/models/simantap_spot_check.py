import secrets
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import create_index

from ..lib import presence
from .simantap_presence_ping import VERDICTS

STATES = [
    ("pending", "Pending"),
    ("answered_inside", "Answered Inside"),
    ("answered_outside", "Answered Outside"),
    ("late", "Answered Late"),
    ("unanswered", "Unanswered"),
    ("void", "Void (not checked in)"),
]
ANSWERED = ("answered_inside", "answered_outside", "late")


class SimantapSpotCheck(models.Model):
    """A random moment of a working day at which the employee must prove presence
    with a selfie and a position.  Drawn by the server (``secrets``) for the day,
    unknowable in advance: the employee and their unit head see a spot check only
    once the phone has been told about it, or once it is closed.

    Life: ``pending`` (drawn) -> the phone is told at its first contact after
    ``due_at`` while checked in (``notified_at``; ``deadline`` = notified + window)
    -> answered within the window: ``answered_inside`` / ``answered_outside``;
    within a second window: ``late``; never: ``unanswered`` (closed by the cron).
    Moments when the employee was not checked in end ``void``."""

    _name = "simantap.spot.check"
    _inherit = ["simantap.employee.record.mixin"]
    _description = "Spot Check"
    _order = "due_at desc, id desc"

    work_date = fields.Date(required=True, readonly=True, index=True)
    due_at = fields.Datetime(required=True, readonly=True, help="The drawn moment.")
    day_end = fields.Datetime(
        required=True,
        readonly=True,
        help="End of the employee's working time that day: a spot check the phone "
        "was never told about closes then.",
    )
    notified_at = fields.Datetime(
        string="Phone Told At",
        readonly=True,
        help="When the phone first learned that this spot check was due.",
    )
    deadline = fields.Datetime(readonly=True)
    close_at = fields.Datetime(
        string="Closes At",
        readonly=True,
        help="After the deadline, a late answer is still taken until this time.",
    )
    state = fields.Selection(
        STATES, required=True, default="pending", readonly=True, index=True
    )
    answered_at = fields.Datetime(
        readonly=True, help="The server's clock when the answer arrived."
    )
    uuid = fields.Char(string="Answer UUID", readonly=True, copy=False)
    device_id = fields.Char(readonly=True)
    captured_at = fields.Datetime(
        readonly=True,
        help="When the answer was taken: the phone's clock, corrected by its offset "
        "when the phone said when it sent the answer.",
    )
    clock_offset = fields.Integer(
        string="Phone Clock Offset (s)",
        readonly=True,
        help="The server's clock minus the phone's when the answer was sent.",
    )
    latitude = fields.Float(digits=(10, 7), aggregator=None, readonly=True)
    longitude = fields.Float(digits=(10, 7), aggregator=None, readonly=True)
    accuracy = fields.Float(string="Accuracy (m)", aggregator=None, readonly=True)
    verdict = fields.Selection(VERDICTS, readonly=True)
    location_id = fields.Many2one(
        "hr.work.location",
        string="Nearest Allowed Location",
        readonly=True,
        ondelete="set null",
    )
    distance = fields.Float(string="Distance (m)", aggregator="max", readonly=True)
    late_sync = fields.Boolean(readonly=True)
    photo = fields.Binary(string="Selfie", attachment=True, readonly=True)
    photo_hash = fields.Char(readonly=True)
    photo_reused = fields.Boolean(
        readonly=True,
        help="The selfie is the same picture as one of the employee's recent selfies.",
    )

    _sql_constraints = [
        ("uuid_uniq", "unique(uuid)", "A spot-check answer with this UUID exists."),
    ]

    def init(self):
        create_index(
            self.env.cr,
            "simantap_spot_check_employee_day_idx",
            self._table,
            ["employee_id", "work_date"],
        )
        create_index(
            self.env.cr,
            "simantap_spot_check_pending_idx",
            self._table,
            ["due_at"],
            where="state = 'pending'",
        )

    @api.depends("employee_id", "due_at")
    def _compute_display_name(self):
        for check in self:
            check.display_name = self.env._(
                "Spot check of %(employee)s on %(day)s",
                employee=check.employee_id.name,
                day=check.work_date,
            )

    # ------------------------------------------------------------------ drawing

    @api.model
    def _draw_for(self, employees, now=None, rng=None):
        """Draw today's spot checks (in each employee's time zone) for the employees
        that have none yet, inside their remaining working time; set-based: one
        interval computation per calendar, one query, one create."""
        now = now or fields.Datetime.now()
        rng = rng or secrets.SystemRandom()
        Calendar = self.env["simantap.calendar"]
        employees = employees.filtered(
            lambda emp: emp.company_id.simantap_spot_checks_per_day > 0
        )
        if not employees:
            return self.browse()
        days = {
            emp.id: Calendar._local_date(Calendar._employee_zone(emp), now)
            for emp in employees
        }
        self.flush_model(["employee_id", "work_date"])
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT s.employee_id
                  FROM simantap_spot_check s
                  JOIN unnest(%s::int[], %s::date[]) AS d(employee_id, day)
                    ON d.employee_id = s.employee_id AND d.day = s.work_date
                """,
                list(days),
                list(days.values()),
            )
        )
        drawn = {row[0] for row in self.env.cr.fetchall()}
        employees = employees.filtered(lambda emp: emp.id not in drawn)
        windows = Calendar._working_windows([(emp, days[emp.id]) for emp in employees])
        vals_list = []
        for employee in employees:
            day_windows = windows.get((employee.id, days[employee.id])) or []
            if not day_windows:
                continue
            moments = presence.draw_moments(
                day_windows,
                employee.company_id.simantap_spot_checks_per_day,
                rng,
                not_before=now,
            )
            vals_list += [
                {
                    "employee_id": employee.id,
                    "work_date": days[employee.id],
                    "due_at": moment,
                    "day_end": day_windows[-1][1],
                }
                for moment in moments
            ]
        return self.sudo().create(vals_list)

    @api.model
    def _cron_draw_spot_checks(self):
        """Hourly: draw the day's spot checks of every employee who has none yet
        for their local today (the first run after local midnight draws the whole
        day; an employee added later gets the rest of the day)."""
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search([("company_id.simantap_spot_checks_per_day", ">", 0)])
        )
        self._draw_for(employees)

    # ------------------------------------------------------------------ closing

    @api.model
    def _close_overdue(self, now=None):
        """Close what can no longer be answered: told but not answered before
        ``close_at`` -> unanswered; never told by the end of the working day ->
        unanswered when the employee was checked in (or on duty) at the moment,
        void otherwise.  Returns the number of spot checks closed."""
        now = now or fields.Datetime.now()
        self.flush_model()
        self.env["hr.attendance"].flush_model(["employee_id", "check_in", "check_out"])
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                UPDATE simantap_spot_check
                   SET state = 'unanswered', write_date = %(now)s,
                       write_uid = %(uid)s
                 WHERE state = 'pending' AND close_at < %(now)s
                """,
                now=now,
                uid=self.env.uid,
            )
        )
        closed = cr.rowcount
        cr.execute(
            SQL(
                """
                SELECT s.id, s.employee_id, s.due_at,
                       EXISTS (SELECT 1 FROM hr_attendance a
                                WHERE a.employee_id = s.employee_id
                                  AND a.check_in <= s.due_at
                                  AND (a.check_out IS NULL OR a.check_out >= s.due_at))
                  FROM simantap_spot_check s
                 WHERE s.state = 'pending' AND s.notified_at IS NULL
                   AND s.day_end < %s
                """,
                now,
            )
        )
        rows = cr.fetchall()
        unanswered, void = [], []
        Employee = self.env["hr.employee"].sudo()
        for check_id, employee_id, due_at, checked_in in rows:
            covered = checked_in or Employee.browse(
                employee_id
            )._simantap_covering_duty(due_at)
            (unanswered if covered else void).append(check_id)
        for state, ids in (("unanswered", unanswered), ("void", void)):
            if ids:
                cr.execute(
                    SQL(
                        """
                        UPDATE simantap_spot_check
                           SET state = %s, write_date = %s, write_uid = %s
                         WHERE id = ANY(%s)
                        """,
                        state,
                        now,
                        self.env.uid,
                        ids,
                    )
                )
        self.invalidate_model(["state"])
        return closed + len(rows)

    @api.model
    def _cron_close_spot_checks(self):
        self._close_overdue()

    # ------------------------------------------------------------------ telling

    def _notify(self, now):
        """Mark these spot checks as told to the phone now (first time only)."""
        for check in self.filtered(lambda c: not c.notified_at):
            window = timedelta(
                minutes=check.employee_id.company_id.simantap_spot_check_window
            )
            check.sudo().write(
                {
                    "notified_at": now,
                    "deadline": now + window,
                    "close_at": now + 2 * window,
                }
            )

    def _as_due(self, now):
        """What the phone is told about a due spot check."""
        self.ensure_one()
        return {
            "id": self.id,
            "due_at": fields.Datetime.to_string(self.due_at),
            "deadline": fields.Datetime.to_string(self.deadline),
            "seconds_left": max(0, int((self.deadline - now).total_seconds())),
            "late": now > self.deadline,
        }

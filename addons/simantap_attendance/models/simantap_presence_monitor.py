from markupsafe import escape

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..lib import geofence
from .simantap_presence_ping import VERDICTS

# What the monitor says of an employee right now, worst first: the list's Status
# column, the map's marker colour and its legend.
MONITOR_STATES = [
    ("outside", "Outside the Area"),
    ("silent", "No News"),
    ("spot_overdue", "Spot Check Overdue"),
    ("absent", "Not In Yet"),
    ("inside", "Inside the Area"),
    ("duty", "On Field Duty"),
    ("left", "Checked Out"),
    ("off", "Outside Working Hours"),
]


class SimantapPresenceMonitor(models.Model):
    """The officers' live picture, one row per active employee: checked in or not,
    last seen, last position, outside now, silent now, spot checks overdue.  A SQL
    view over the stored facts (nothing is copied); the "now" flags compare its
    columns with the server's clock.  Unit heads see their units, officers their
    companies (record rules)."""

    _name = "simantap.presence.monitor"
    _description = "Presence Monitor"
    _auto = False
    _order = "outside_now desc, last_seen desc, id"
    _rec_name = "employee_id"

    employee_id = fields.Many2one("hr.employee", readonly=True)
    name = fields.Char(string="Employee Name", readonly=True)
    department_id = fields.Many2one("hr.department", string="Unit", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    work_location_id = fields.Many2one("hr.work.location", readonly=True)
    attendance_id = fields.Many2one("hr.attendance", readonly=True)
    checked_in = fields.Boolean(readonly=True)
    check_in = fields.Datetime(readonly=True)
    last_seen = fields.Datetime(
        readonly=True,
        help="The latest contact: a ping, a spot-check answer, a check-in or out.",
    )
    last_fix_at = fields.Datetime(string="Last Position At", readonly=True)
    last_latitude = fields.Float(digits=(10, 7), aggregator=None, readonly=True)
    last_longitude = fields.Float(digits=(10, 7), aggregator=None, readonly=True)
    last_verdict = fields.Selection(VERDICTS, readonly=True)
    last_distance = fields.Float(
        string="Last Distance (m)", aggregator="max", readonly=True
    )
    location_id = fields.Many2one(
        "hr.work.location",
        string="Last Location",
        readonly=True,
        help="The allowed location nearest to the last position.",
    )
    outside_now = fields.Boolean(
        readonly=True,
        help="Checked in and the last position is outside every allowed fence.",
    )
    silent_after = fields.Datetime(
        readonly=True,
        help="Without a contact by this time, a checked-in employee is silent.",
    )
    spot_overdue_at = fields.Datetime(
        string="Spot Check Overdue From",
        readonly=True,
        help="When the first unanswered spot check of the current check-in is or "
        "will be overdue.",
    )
    pending_spot_checks = fields.Integer(readonly=True)
    date_localization = fields.Date(readonly=True)
    silent_now = fields.Boolean(
        compute="_compute_now_flags",
        search="_search_silent_now",
        help="Checked in, within working hours, and no contact for longer than the "
        "cadence plus the grace.",
    )
    spot_overdue = fields.Boolean(
        string="Spot Check Overdue",
        compute="_compute_now_flags",
        search="_search_spot_overdue",
    )
    map_label = fields.Char(compute="_compute_map_label")
    monitor_state = fields.Selection(
        MONITOR_STATES,
        string="Status",
        compute="_compute_day_facts",
        search="_search_monitor_state",
        help="Not In Yet: the working day has started and there is no check-in "
        "today, no field duty and no approved leave.",
    )
    first_check_in = fields.Datetime(
        string="First Check-in Today", compute="_compute_day_facts"
    )
    late_minutes = fields.Integer(
        string="Late (minutes)",
        compute="_compute_day_facts",
        search="_search_late_minutes",
        help="Minutes between the start of today's working hours and the first "
        "check-in of today.",
    )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT e.id AS id, e.id AS employee_id, e.name AS name,
                   e.department_id, e.company_id, e.work_location_id,
                   a.id AS attendance_id, a.check_in,
                   (a.id IS NOT NULL) AS checked_in,
                   f.at AS last_fix_at, f.latitude AS last_latitude,
                   f.longitude AS last_longitude, f.verdict AS last_verdict,
                   f.distance AS last_distance, f.location_id AS location_id,
                   GREATEST(f.at, a.check_in, lc.check_out) AS last_seen,
                   COALESCE(a.id IS NOT NULL AND f.verdict = 'outside'
                            AND f.at >= a.check_in, FALSE) AS outside_now,
                   CASE WHEN a.id IS NOT NULL THEN
                       GREATEST(f.at, a.check_in) + make_interval(mins => %s)
                   END AS silent_after,
                   sc.overdue_at AS spot_overdue_at,
                   COALESCE(sc.pending, 0) AS pending_spot_checks,
                   CURRENT_DATE AS date_localization
              FROM hr_employee e
              JOIN res_company c ON c.id = e.company_id
              LEFT JOIN hr_department dep ON dep.id = e.department_id
              LEFT JOIN LATERAL (
                    SELECT att.id, att.check_in FROM hr_attendance att
                     WHERE att.employee_id = e.id AND att.check_out IS NULL
                     ORDER BY att.check_in DESC LIMIT 1) a ON TRUE
              LEFT JOIN LATERAL (
                    SELECT max(att.check_out) AS check_out FROM hr_attendance att
                     WHERE att.employee_id = e.id) lc ON TRUE
              LEFT JOIN LATERAL (
                    SELECT u.* FROM (
                        (SELECT p.captured_at AS at, p.latitude, p.longitude,
                                p.verdict, p.distance, p.location_id
                           FROM simantap_presence_ping p
                          WHERE p.employee_id = e.id
                          ORDER BY p.captured_at DESC LIMIT 1)
                        UNION ALL
                        (SELECT s.captured_at, s.latitude, s.longitude, s.verdict,
                                s.distance, s.location_id
                           FROM simantap_spot_check s
                          WHERE s.employee_id = e.id AND s.captured_at IS NOT NULL
                          ORDER BY s.captured_at DESC LIMIT 1)
                        UNION ALL
                        (SELECT att.check_in, att.in_latitude, att.in_longitude,
                                'inside'::varchar, 0.0::float8, NULL::int
                           FROM hr_attendance att
                          WHERE att.employee_id = e.id AND att.in_latitude <> 0
                          ORDER BY att.check_in DESC LIMIT 1)
                    ) u ORDER BY u.at DESC LIMIT 1) f ON TRUE
              LEFT JOIN LATERAL (
                    SELECT min(COALESCE(s.deadline, s.due_at + make_interval(
                               mins => c.simantap_spot_check_window))) AS overdue_at,
                           count(*) AS pending
                      FROM simantap_spot_check s
                     WHERE s.employee_id = e.id AND s.state = 'pending'
                       AND s.due_at >= a.check_in) sc ON TRUE
             WHERE e.active
            """,
            self.env["simantap.calendar"]._silence_threshold_sql("dep", "c"),
        )

    # ------------------------------------------------------------------ now flags

    def _working_now(self, now):
        """Ids of these rows whose employee is within working hours now."""
        Calendar = self.env["simantap.calendar"].sudo()
        employees = self.sudo().employee_id
        pairs = [
            (employee, Calendar._local_date(Calendar._employee_zone(employee), now))
            for employee in employees
        ]
        windows = Calendar._working_windows(pairs)
        working = set()
        for employee, day in pairs:
            if any(
                start <= now <= stop
                for start, stop in windows.get((employee.id, day), ())
            ):
                working.add(employee.id)
        return {row.id for row in self if row.employee_id.id in working}

    @api.depends("silent_after", "spot_overdue_at", "checked_in")
    def _compute_now_flags(self):
        now = fields.Datetime.now()
        silent = self.filtered(
            lambda row: row.checked_in and row.silent_after and row.silent_after < now
        )
        working = silent._working_now(now) if silent else set()
        for row in self:
            row.silent_now = row.id in working
            row.spot_overdue = bool(
                row.checked_in and row.spot_overdue_at and row.spot_overdue_at < now
            )

    def _search_silent_now(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on Silent Now."))
        now = fields.Datetime.now()
        candidates = self.search(
            [("checked_in", "=", True), ("silent_after", "<", now)]
        )
        ids = list(candidates._working_now(now))
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", ids)]

    def _search_spot_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on Spot Check Overdue."))
        domain = [
            ("checked_in", "=", True),
            ("spot_overdue_at", "<", fields.Datetime.now()),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    def _day_facts(self, now):
        """``{employee_id: {'windows', 'first_check_in', 'on_duty'}}`` of the
        employees of these rows for their local today: working windows (calendar
        less holidays and approved leave), the first check-in of the day, and
        whether an approved field duty covers the day.  Set-based: one interval
        computation per calendar, one query for check-ins, one for duties."""
        Calendar = self.env["simantap.calendar"].sudo()
        employees = self.sudo().employee_id
        if not employees:
            return {}
        zones = {employee: Calendar._employee_zone(employee) for employee in employees}
        days = {
            employee: Calendar._local_date(zone, now)
            for employee, zone in zones.items()
        }
        windows = Calendar._working_windows(list(days.items()))
        bounds = {
            employee.id: Calendar._day_bounds(zones[employee], day)
            for employee, day in days.items()
        }
        start = min(first for first, _last in bounds.values())
        stop = max(last for _first, last in bounds.values())
        self.env["hr.attendance"].flush_model(["employee_id", "check_in"])
        self.env.cr.execute(
            SQL(
                """SELECT employee_id, check_in FROM hr_attendance
                    WHERE employee_id = ANY(%s) AND check_in >= %s AND check_in < %s
                 ORDER BY check_in""",
                employees.ids,
                start,
                stop,
            )
        )
        first_in = {}
        for employee_id, check_in in self.env.cr.fetchall():
            first, last = bounds[employee_id]
            if first <= check_in < last:
                first_in.setdefault(employee_id, check_in)
        duties = (
            self.env["simantap.presence"]
            .sudo()
            ._duty_intervals(employees.ids, start, stop)
        )
        facts = {}
        for employee, day in days.items():
            first, last = bounds[employee.id]
            facts[employee.id] = {
                "windows": windows.get((employee.id, day), []),
                "first_check_in": first_in.get(employee.id),
                "on_duty": any(
                    duty_start < last and duty_stop > first
                    for duty_start, duty_stop, _duty in duties.get(employee.id, ())
                ),
            }
        return facts

    def _state_of(self, facts, now):
        """The monitor state of this row from its columns and its day facts."""
        self.ensure_one()
        if self.checked_in:
            if self.outside_now:
                return "outside"
            if self.silent_now:
                return "silent"
            if self.spot_overdue:
                return "spot_overdue"
            return "inside"
        if facts.get("first_check_in"):
            return "left"
        if facts.get("on_duty"):
            return "duty"
        windows = facts.get("windows")
        if windows and windows[0][0] <= now:
            return "absent"
        return "off"

    @api.depends("checked_in", "outside_now", "silent_now", "spot_overdue")
    def _compute_day_facts(self):
        now = fields.Datetime.now()
        all_facts = self._day_facts(now)
        for row in self:
            facts = all_facts.get(row.employee_id.id, {})
            row.monitor_state = row._state_of(facts, now)
            first_in = facts.get("first_check_in")
            row.first_check_in = first_in
            windows = facts.get("windows")
            late = 0
            if first_in and windows and first_in > windows[0][0]:
                late = int((first_in - windows[0][0]).total_seconds() // 60)
            row.late_minutes = late

    def _visible_rows(self):
        """Every row the user may read: the states are judged in Python, over
        the rows of the user's scope (a unit head's units, an officer's company)."""
        return self.browse(self._search([]))

    def _search_monitor_state(self, operator, value):
        if operator in ("=", "!="):
            value = [value]
        elif operator not in ("in", "not in"):
            raise UserError(self.env._("Unsupported search on Status."))
        wanted = set(value or ())
        rows = self._visible_rows()
        ids = [row.id for row in rows if row.monitor_state in wanted]
        positive = operator in ("=", "in")
        return [("id", "in" if positive else "not in", ids)]

    def _search_late_minutes(self, operator, value):
        compare = {
            ">": lambda late: late > value,
            ">=": lambda late: late >= value,
            "<": lambda late: late < value,
            "<=": lambda late: late <= value,
            "=": lambda late: late == value,
            "!=": lambda late: late != value,
        }.get(operator)
        if compare is None or not isinstance(value, int):
            raise UserError(self.env._("Unsupported search on Late (minutes)."))
        ids = [row.id for row in self._visible_rows() if compare(row.late_minutes)]
        return [("id", "in", ids)]

    @api.model
    def get_map_data(self):
        """What the monitor's map draws besides the markers: the fences of the
        work locations of the user's companies, and the states of its legend."""
        self.check_access("read")
        locations = self.env["hr.work.location"].search(
            [("company_id", "in", [*self.env.companies.ids, False])]
        )
        fences = []
        for location in locations:
            try:
                ring = geofence.parse_polygon(location.geofence_polygon)
            except geofence.PolygonError:
                ring = ()
            if not ring and not (location.latitude or location.longitude):
                continue
            fences.append(
                {
                    "id": location.id,
                    "name": location.name,
                    "latitude": location.latitude,
                    "longitude": location.longitude,
                    "radius": location.geofence_radius,
                    "polygon": [list(point) for point in ring],
                }
            )
        states = self._fields["monitor_state"]._description_selection(self.env)
        return {
            "fences": fences,
            "states": [list(pair) for pair in states],
            "fence_label": self.env._("Work location area"),
        }

    @api.depends("last_verdict", "last_distance", "last_seen", "name")
    def _compute_map_label(self):
        verdicts = dict(self._fields["last_verdict"]._description_selection(self.env))
        for row in self:
            seen = (
                fields.Datetime.context_timestamp(row, row.last_seen).strftime(
                    "%d/%m %H:%M"
                )
                if row.last_seen
                else "-"
            )
            row.map_label = str(
                escape(
                    self.env._(
                        "%(verdict)s, %(distance)s m; last seen %(seen)s",
                        verdict=verdicts.get(row.last_verdict, "-"),
                        distance=int(row.last_distance or 0),
                        seen=seen,
                    )
                )
            )

    # ------------------------------------------------------------------ actions

    def _check_row_access(self):
        self.ensure_one()
        self.check_access("read")

    def action_open_timeline(self):
        self._check_row_access()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "simantap_attendance.simantap_presence_timeline_action"
        )
        action["domain"] = [("employee_id", "=", self.employee_id.id)]
        action["context"] = {"search_default_filter_today": 1}
        action["name"] = self.env._("Timeline of %(name)s", name=self.name)
        return action

    def action_message_employee(self):
        """Open a direct chat with the employee."""
        self._check_row_access()
        partner = self.sudo().employee_id.user_id.partner_id
        if not partner:
            raise UserError(
                self.env._("%(name)s has no user account to write to.", name=self.name)
            )
        channel = self.env["discuss.channel"].channel_get([partner.id])
        thread = f"discuss.channel_{channel.id}"
        # Discuss reads the thread from the context first: the button's own
        # context carries this row's id there, which would open no chat
        return {
            "type": "ir.actions.client",
            "tag": "mail.action_discuss",
            "name": self.env._("Chat with %(name)s", name=self.name),
            "context": {"active_id": thread},
            "params": {"active_id": thread},
        }

    def _unit_head_user(self):
        """The user heading the employee's unit (up the tree when a unit has no
        head, or when the employee heads it themselves)."""
        employee = self.sudo().employee_id
        unit = employee.department_id
        while unit:
            user = unit.manager_id.user_id
            if user and unit.manager_id != employee:
                return user
            unit = unit.parent_id
        return self.env["res.users"]

    def action_schedule_head_activity(self):
        """One click: a follow-up activity for the employee's unit head."""
        self._check_row_access()
        head = self._unit_head_user()
        if not head:
            raise UserError(
                self.env._(
                    "No unit head with a user account is found for %(name)s.",
                    name=self.name,
                )
            )
        activity = self.sudo().employee_id.activity_schedule(
            "simantap_attendance.mail_activity_type_presence_followup",
            user_id=head.id,
            summary=self.env._("Presence of %(name)s to follow up", name=self.name),
            note=self.env._(
                "Raised from the presence monitor by %(user)s: %(label)s",
                user=self.env.user.name,
                label=self.map_label,
            ),
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "A follow-up activity was scheduled for %(head)s.",
                    head=activity.user_id.name,
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

from markupsafe import escape

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .simantap_presence_ping import VERDICTS


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
        Presence = self.env["simantap.presence"].sudo()
        employees = self.sudo().employee_id
        pairs = [
            (employee, Presence._local_date(employee, now)) for employee in employees
        ]
        windows = Presence._working_windows(pairs)
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
        return {
            "type": "ir.actions.client",
            "tag": "mail.action_discuss",
            "params": {"active_id": f"discuss.channel_{channel.id}"},
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

import pytz

from odoo import api, fields, models

from .simantap_attendance_attempt import REVIEW_STATES


class HrAttendance(models.Model):
    """Stock attendance, plus the evidence of the Simantap check-in and check-out
    that made it (the attempts keep the selfies, fixes and signals)."""

    _inherit = "hr.attendance"

    in_mode = fields.Selection(
        selection_add=[("simantap", "Simantap (phone)")],
        ondelete={"simantap": "set default"},
    )
    out_mode = fields.Selection(
        selection_add=[("simantap", "Simantap (phone)")],
        ondelete={"simantap": "set default"},
    )
    simantap_check_in_attempt_id = fields.Many2one(
        "simantap.attendance.attempt",
        string="Check-in Evidence",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        copy=False,
    )
    simantap_check_out_attempt_id = fields.Many2one(
        "simantap.attendance.attempt",
        string="Check-out Evidence",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        copy=False,
    )
    simantap_working_day = fields.Date(
        string="Working Day",
        related="simantap_check_in_attempt_id.working_day",
        store=True,
        index=True,
    )
    simantap_location_id = fields.Many2one(
        related="simantap_check_in_attempt_id.location_id",
        string="Check-in Location",
        store=True,
    )
    simantap_in_verdict = fields.Selection(
        related="simantap_check_in_attempt_id.verdict",
        string="Check-in Verdict",
        store=True,
    )
    simantap_in_distance = fields.Float(
        related="simantap_check_in_attempt_id.distance",
        string="Check-in Distance (m)",
    )
    simantap_out_verdict = fields.Selection(
        related="simantap_check_out_attempt_id.verdict",
        string="Check-out Verdict",
        store=True,
    )
    simantap_out_location_id = fields.Many2one(
        related="simantap_check_out_attempt_id.location_id",
        string="Check-out Location",
    )
    simantap_out_distance = fields.Float(
        related="simantap_check_out_attempt_id.distance",
        string="Check-out Distance (m)",
    )
    simantap_in_photo = fields.Binary(
        related="simantap_check_in_attempt_id.photo",
        string="Check-in Selfie",
        groups="simantap_attendance.group_simantap_unit_head",
    )
    simantap_out_photo = fields.Binary(
        related="simantap_check_out_attempt_id.photo",
        string="Check-out Selfie",
        groups="simantap_attendance.group_simantap_unit_head",
    )
    simantap_signal_ids = fields.Many2many(
        "simantap.fraud.signal",
        "simantap_attendance_signal_rel",
        "attendance_id",
        "signal_id",
        string="Fraud Signals",
        compute="_compute_simantap_review",
        store=True,
    )
    simantap_flagged = fields.Boolean(
        string="Flagged", compute="_compute_simantap_review", store=True, index=True
    )
    simantap_review_state = fields.Selection(
        REVIEW_STATES,
        string="Review",
        compute="_compute_simantap_review",
        store=True,
        index=True,
        help="To Review: a check-in or check-out raised a fraud signal. Rejected: an "
        "officer judged one of them not genuine.",
    )
    simantap_missing_check_out = fields.Boolean(
        string="No Check-out",
        readonly=True,
        help="Closed by the next day's check-in: the employee never checked out.",
    )
    # for the leaflet map view
    date_localization = fields.Date(string="Map Date", compute="_compute_simantap_map")
    simantap_map_title = fields.Char(compute="_compute_simantap_map")
    simantap_map_note = fields.Char(compute="_compute_simantap_map")

    @api.depends(
        "simantap_check_in_attempt_id.signal_ids",
        "simantap_check_out_attempt_id.signal_ids",
        "simantap_check_in_attempt_id.review_state",
        "simantap_check_out_attempt_id.review_state",
    )
    def _compute_simantap_review(self):
        rank = {False: 0, "accepted": 1, "to_review": 2, "rejected": 3}
        for attendance in self:
            attempts = (
                attendance.simantap_check_in_attempt_id
                | attendance.simantap_check_out_attempt_id
            )
            attendance.simantap_signal_ids = attempts.signal_ids
            attendance.simantap_flagged = bool(attempts.signal_ids)
            attendance.simantap_review_state = max(
                attempts.mapped("review_state") or [False], key=rank.get
            )

    @api.depends("check_in", "employee_id", "simantap_check_in_attempt_id")
    def _compute_simantap_map(self):
        for attendance in self:
            attempt = attendance.simantap_check_in_attempt_id.sudo()
            attendance.date_localization = attendance.check_in
            attendance.simantap_map_title = attendance.employee_id.name or ""
            attendance.simantap_map_note = (
                attempt.map_note if attempt else attendance.in_mode or ""
            )

    def action_simantap_review(self):
        """Review the flagged check-in and check-out behind these attendances."""
        attempts = (
            self.simantap_check_in_attempt_id | self.simantap_check_out_attempt_id
        ).filtered("flagged")
        return attempts.action_review()

    # ------------------------------------------------------------------ daily status
    def _simantap_days(self):
        """{employee: {local working days}} these attendances touch."""
        days = {}
        for attendance in self.sudo():
            zone = pytz.timezone(attendance.employee_id._simantap_tz())
            for moment in (attendance.check_in, attendance.check_out):
                if moment:
                    local = pytz.utc.localize(moment).astimezone(zone).date()
                    days.setdefault(attendance.employee_id, set()).add(local)
        return days

    def _simantap_touch(self, days):
        """A late, corrected or removed attendance marks the days it touches: their
        daily status is evaluated again when the door closes (past days only:
        today waits for the nightly evaluation)."""
        self.env["simantap.presence"]._simantap_touch_days(
            (employee.id, day) for employee, dates in days.items() for day in dates
        )

    @api.model_create_multi
    def create(self, vals_list):
        with self.env["simantap.presence"]._simantap_door():
            attendances = super().create(vals_list)
            attendances._simantap_touch(attendances._simantap_days())
        return attendances

    def write(self, vals):
        touched = {"check_in", "check_out", "employee_id"} & set(vals)
        with self.env["simantap.presence"]._simantap_door():
            before = self._simantap_days() if touched else {}
            result = super().write(vals)
            if touched:
                self._simantap_touch(before)
                self._simantap_touch(self._simantap_days())
        return result

    def unlink(self):
        with self.env["simantap.presence"]._simantap_door():
            days = self._simantap_days()
            result = super().unlink()
            self._simantap_touch(days)
        return result

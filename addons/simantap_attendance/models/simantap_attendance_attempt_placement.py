import pytz

from odoo import api, models

from ..lib import placement
from ..lib.refusals import Refusal


# The attempt model is split by concern (record, photo, placement) to keep each file
# readable; pylint-odoo would have them in one file.
# pylint: disable=consider-merging-classes-inherited
class SimantapAttendanceAttempt(models.Model):
    """Where an accepted check-in or check-out goes on stock hr.attendance
    (:mod:`..lib.placement`)."""

    _inherit = "simantap.attendance.attempt"

    @api.model
    def _simantap_plan_attendance(self, employee, kind, vals, evidence):
        """What accepting the event does to hr.attendance, the way Odoo's own
        check-in flow would, with the working day decided in the employee's
        timezone (see :mod:`..lib.placement`).  Raises :class:`Refusal`."""
        tz = evidence["tz"]
        event_time = vals["event_time"]
        day = vals["working_day"]
        Attendance = self.env["hr.attendance"].sudo()
        open_attendance = Attendance.search(
            [("employee_id", "=", employee.id), ("check_out", "=", False)],
            order="check_in desc",
            limit=1,
        )
        open_day = (
            pytz.utc.localize(open_attendance.check_in)
            .astimezone(pytz.timezone(tz))
            .date()
            if open_attendance
            else None
        )
        if kind == "check_out":
            following = Attendance.search(
                [
                    ("employee_id", "=", employee.id),
                    ("id", "!=", open_attendance.id),
                    ("check_in", ">", open_attendance.check_in or event_time),
                ],
                order="check_in",
                limit=1,
            )
            code = placement.check_out_refusal(
                event_time,
                day,
                open_attendance.check_in or None,
                open_day,
                following.check_in or None,
            )
            if code == "attendance_conflict":
                raise Refusal(
                    code,
                    detail=self.env._(
                        "an attendance from %(check_in)s to %(check_out)s is "
                        "recorded after your check-in of %(since)s.",
                        check_in=self._simantap_tz_text(following.check_in, tz),
                        check_out=self._simantap_tz_text(following.check_out, tz)
                        if following.check_out
                        else "…",
                        since=self._simantap_tz_text(open_attendance.check_in, tz),
                    ),
                )
            if code:
                raise Refusal(code)
            return {"kind": kind, "open": open_attendance}
        closed = Attendance.search(
            [("employee_id", "=", employee.id), ("check_out", "!=", False)],
            order="check_out desc",
            limit=1,
        )
        code = placement.check_in_refusal(
            event_time, day, open_day, closed.check_out or None
        )
        if code == "already_checked_in":
            raise Refusal(
                code,
                since=self._simantap_tz_text(open_attendance.check_in, tz, "%H:%M"),
            )
        if code:
            raise Refusal(
                code,
                time=self._simantap_tz_text(event_time, tz),
                check_out=self._simantap_tz_text(closed.check_out, tz),
            )
        return {"kind": kind, "forgotten": open_attendance}

    def _simantap_store_attendance(self, plan):
        """Write the accepted event on stock hr.attendance (in_/out_ fields as
        ``hr.employee._attendance_action_change`` fills them, mode 'simantap')."""
        self.ensure_one()
        Attendance = self.env["hr.attendance"].sudo()
        if plan["kind"] == "check_in":
            forgotten = plan["forgotten"]
            if forgotten:
                forgotten.write(
                    {
                        "check_out": forgotten.check_in,
                        "out_mode": "technical",
                        "simantap_missing_check_out": True,
                    }
                )
                forgotten.message_post(
                    body=self.env._(
                        "Closed without a check-out: the employee checked in again on "
                        "a later day without checking out."
                    )
                )
            return Attendance.create(
                {
                    "employee_id": self.employee_id.id,
                    "check_in": self.event_time,
                    "in_mode": "simantap",
                    "in_latitude": self.latitude,
                    "in_longitude": self.longitude,
                    "in_browser": self.device_id,
                    "simantap_check_in_attempt_id": self.id,
                }
            )
        attendance = plan["open"]
        attendance.write(
            {
                "check_out": self.event_time,
                "out_mode": "simantap",
                "out_latitude": self.latitude,
                "out_longitude": self.longitude,
                "out_browser": self.device_id,
                "simantap_check_out_attempt_id": self.id,
            }
        )
        return attendance

import math
from datetime import timedelta

from odoo import api, models
from odoo.tools import SQL

from ..lib import geofence
from ..lib import photo as photo_lib


# The attempt model is split by concern (record, photo, placement, signals) to keep
# each file readable; pylint-odoo would have them in one file.
# pylint: disable=consider-merging-classes-inherited
class SimantapAttendanceAttempt(models.Model):
    """The fraud signals of a check-in or check-out, read from the employee's
    earlier attempts (the intake raises them, see ``simantap.intake``)."""

    _inherit = "simantap.attendance.attempt"

    @api.model
    def _simantap_signals(self, employee, vals, evidence):
        """The fraud signals of a valid event: {code: message parameters}."""
        company = evidence["company"]
        event_time = vals["event_time"]
        signals = {}
        # the same picture as one of the employee's recent selfies
        photo = evidence["photo"]
        since = event_time - timedelta(days=company.simantap_photo_reuse_days)
        best = None
        for phash, when in self._simantap_recent_photo_hashes(employee, since):
            bits = photo_lib.hamming(photo.phash, phash)
            if bits <= company.simantap_photo_reuse_distance and (
                best is None or bits < best[0]
            ):
                best = (bits, when)
        if best:
            signals["photo_reused"] = {
                "bits": best[0],
                "date": self._simantap_tz_text(best[1], evidence["tz"]),
            }
        # a picture taken well before the event
        taken = vals.get("photo_taken_at")
        stale = timedelta(minutes=company.simantap_photo_stale_minutes)
        if taken and taken < evidence["captured"] - stale:
            signals["photo_stale"] = {
                "taken": self._simantap_tz_text(taken, evidence["tz"]),
                "minutes": round((evidence["captured"] - taken).total_seconds() / 60),
            }
        # a journey no one can make
        previous = self._simantap_previous_fix(employee, event_time)
        if previous:
            speed = geofence.unexplained_speed_kmh(
                (
                    previous["latitude"],
                    previous["longitude"],
                    previous["accuracy"],
                    previous["time"],
                ),
                (vals["latitude"], vals["longitude"], vals["accuracy"], event_time),
            )
            if speed > company.simantap_impossible_speed_kmh:
                km = geofence.distance_m(
                    previous["latitude"],
                    previous["longitude"],
                    vals["latitude"],
                    vals["longitude"],
                )
                signals["impossible_travel"] = {
                    "km": round(km / 1000, 1),
                    "previous": self._simantap_tz_text(
                        previous["time"], evidence["tz"]
                    ),
                    "minutes": round(
                        abs((event_time - previous["time"]).total_seconds()) / 60
                    ),
                    "speed": "∞" if math.isinf(speed) else round(speed),
                }
        signals.update(
            self._simantap_device_signals(
                employee, vals["device_id"], event_time, company
            )
        )
        if evidence["late_minutes"]:
            signals["late_sync"] = {"minutes": evidence["late_minutes"]}
        if evidence["skew_seconds"]:
            signals["clock_skew"] = {"seconds": evidence["skew_seconds"]}
        if evidence.get("unmeasured_seconds"):
            signals["clock_unmeasured"] = {"seconds": evidence["unmeasured_seconds"]}
        return signals

    @api.model
    def _simantap_recent_photo_hashes(self, employee, since):
        """[(hash as int, naive UTC time)] of the employee's selfies since ``since``.
        Extend to compare with selfies stored elsewhere (spot checks)."""
        self.flush_model(["employee_id", "photo_hash", "event_time"])
        self.env.cr.execute(
            SQL(
                """
                SELECT photo_hash, event_time
                  FROM simantap_attendance_attempt
                 WHERE employee_id = %s
                   AND photo_hash IS NOT NULL
                   AND event_time >= %s
                """,
                employee.id,
                since,
            )
        )
        return [
            (photo_lib.hash_from_hex(phash), when)
            for phash, when in self.env.cr.fetchall()
        ]

    @api.model
    def _simantap_previous_fix(self, employee, before):
        """The employee's last valid fix at or before ``before``: a dict with
        latitude, longitude, accuracy and time, or None.  Extend to include fixes
        stored elsewhere (presence pings)."""
        self.flush_model(["employee_id", "has_fix", "event_time"])
        self.env.cr.execute(
            SQL(
                """
                SELECT latitude, longitude, accuracy, event_time
                  FROM simantap_attendance_attempt
                 WHERE employee_id = %s
                   AND has_fix
                   AND event_time <= %s
              ORDER BY event_time DESC, id DESC
                 LIMIT 1
                """,
                employee.id,
                before,
            )
        )
        row = self.env.cr.fetchone()
        if not row:
            return None
        return dict(
            zip(("latitude", "longitude", "accuracy", "time"), row, strict=True)
        )

    @api.model
    def _simantap_device_signals(self, employee, device, event_time, company):
        """unknown_device: the employee has used other phones but never this one
        (the first phone an employee uses is enrolled silently); second_device:
        another phone of the employee's within the device window; shared_device: this
        phone used by another employee within the window.  The mobile API's device
        binding may extend this."""
        since = event_time - timedelta(days=company.simantap_device_window_days)
        self.flush_model(["employee_id", "device_id", "event_time"])
        self.env.cr.execute(
            SQL(
                """
                SELECT EXISTS (
                           SELECT 1 FROM simantap_attendance_attempt
                            WHERE employee_id = %(employee)s
                              AND device_id = %(device)s
                       ),
                       EXISTS (
                           SELECT 1 FROM simantap_attendance_attempt
                            WHERE employee_id = %(employee)s
                              AND device_id IS NOT NULL
                       ),
                       (
                           SELECT min(device_id) FROM simantap_attendance_attempt
                            WHERE employee_id = %(employee)s
                              AND device_id <> %(device)s
                              AND event_time >= %(since)s
                       )
                """,
                device=device,
                since=since,
                employee=employee.id,
            )
        )
        # EXISTS stops at the first row: the employee's whole history is not read
        seen, used_any, other = self.env.cr.fetchone()
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT employee_id
                  FROM simantap_attendance_attempt
                 WHERE device_id = %(device)s
                   AND employee_id <> %(employee)s
                   AND event_time >= %(since)s
                 LIMIT 5
                """,
                device=device,
                since=since,
                employee=employee.id,
            )
        )
        others = [row[0] for row in self.env.cr.fetchall()]
        signals = {}
        if used_any and not seen:
            signals["unknown_device"] = {"device": device}
        if other:
            signals["second_device"] = {
                "other": other,
                "days": company.simantap_device_window_days,
            }
        if others:
            names = self.env["hr.employee"].sudo().browse(others).mapped("name")
            signals["shared_device"] = {
                "others": ", ".join(names),
                "days": company.simantap_device_window_days,
            }
        return signals

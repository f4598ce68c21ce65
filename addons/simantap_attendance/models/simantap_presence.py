import logging
from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL

from ..lib import presence

_logger = logging.getLogger(__name__)


class SimantapPresence(models.AbstractModel):
    """The doors of presence checks between check-in and check-out.  The mobile API,
    the backend and the tests call these methods; none re-implements them.

    * :meth:`_record_ping` -- one ping (validate, judge, store once);
    * :meth:`_ingest_pings` -- the same for a list of pings, batch-oriented;
    * :meth:`_today` -- what the phone needs to know now (cadence, spot check due);
    * :meth:`_answer_spot_check` -- a spot-check answer with its selfie;
    * :meth:`_sync_batch` -- an offline batch of events, each answered on its own;
    * :meth:`_derive_days` -- the episodes of employee-days, from stored facts.

    The callers authenticate the employee; these methods then act with the
    rights of the service (facts are never written by the employee's own user).
    Times are naive UTC datetimes (Odoo's convention)."""

    _name = "simantap.presence"
    _description = "Simantap presence service"

    # ------------------------------------------------------------------ facts

    @api.model
    def _attendances(self, employee_ids, start, stop, with_fixes=False):
        """``{employee_id: [(attendance_id, check_in, check_out or None), ...]}`` of
        the attendances overlapping ``[start, stop]``, by check-in.  With
        ``with_fixes``, each tuple also holds the check-in and check-out fixes
        (:class:`presence.Fix` or None) from the check-in service's evidence."""
        self.env["hr.attendance"].flush_model()
        self.env["simantap.attendance.attempt"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT a.employee_id, a.id, a.check_in, a.check_out,
                       i.uuid, i.verdict, i.latitude, i.longitude, i.accuracy,
                       i.has_fix,
                       o.uuid, o.verdict, o.latitude, o.longitude, o.accuracy,
                       o.has_fix
                  FROM hr_attendance a
                  LEFT JOIN simantap_attendance_attempt i
                         ON i.id = a.simantap_check_in_attempt_id
                  LEFT JOIN simantap_attendance_attempt o
                         ON o.id = a.simantap_check_out_attempt_id
                 WHERE a.employee_id = ANY(%s) AND a.check_in <= %s
                   AND (a.check_out IS NULL OR a.check_out >= %s)
                 ORDER BY a.employee_id, a.check_in
                """,
                list(employee_ids),
                stop,
                start,
            )
        )
        result = defaultdict(list)
        for row in self.env.cr.fetchall():
            employee_id, attendance_id, check_in, check_out = row[:4]
            if not with_fixes:
                result[employee_id].append((attendance_id, check_in, check_out))
                continue
            fixes = []
            for at, prefix, evidence in (
                (check_in, "in", row[4:10]),
                (check_out, "out", row[10:16]),
            ):
                if at is None:
                    fixes.append(None)
                    continue
                uuid, verdict, lat, lon, accuracy, has_fix = evidence
                fixes.append(
                    presence.Fix(
                        at=at,
                        key=uuid or f"{prefix}:{attendance_id}",
                        # an accepted check-in/out was inside or on duty
                        verdict=verdict or "inside",
                        latitude=float(lat) if has_fix else None,
                        longitude=float(lon) if has_fix else None,
                        accuracy=accuracy if has_fix else None,
                    )
                )
            result[employee_id].append((attendance_id, check_in, check_out, *fixes))
        return result

    @api.model
    def _covering_attendance(self, attendances, when, tolerance):
        for attendance_id, check_in, check_out in attendances:
            if check_in - tolerance <= when and (
                check_out is None or when <= check_out + tolerance
            ):
                return attendance_id
        return False

    @api.model
    def _mark_days(self, pairs):
        """Note that facts arrived for these ``(employee_id, day)``: their presence
        day exists and waits for a derivation (closed days stay closed)."""
        pairs = sorted(set(pairs))
        if not pairs:
            return
        self.env["hr.employee"].flush_model(["department_id", "company_id"])
        now = fields.Datetime.now()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO simantap_presence_day (employee_id, work_date,
                    department_id, company_id, state, to_derive,
                    create_uid, create_date, write_uid, write_date)
                SELECT d.employee_id, d.day, e.department_id, e.company_id,
                       'open', TRUE, %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM unnest(%(employees)s::int[], %(days)s::date[])
                       AS d(employee_id, day)
                  JOIN hr_employee e ON e.id = d.employee_id
                ON CONFLICT (employee_id, work_date) DO UPDATE
                   SET to_derive = TRUE, write_date = %(now)s
                 WHERE simantap_presence_day.state = 'open'
                """,
                uid=self.env.uid,
                now=now,
                employees=[pair[0] for pair in pairs],
                days=[pair[1] for pair in pairs],
            )
        )
        self.env["simantap.presence.day"].invalidate_model()

    # ------------------------------------------------------------------ events

    @api.model
    def _employees(self, employees):
        """``{id: employee}`` of the existing ones among ``employees`` (records or
        ids), read as the service, sharing one prefetch so that their fields load
        in batches."""
        ids = {emp if isinstance(emp, int) else emp.id for emp in employees if emp}
        found = (
            self.env["hr.employee"]
            .sudo()
            .with_context(active_test=False)
            .browse(ids)
            .exists()
        )
        return {employee.id: employee for employee in found}

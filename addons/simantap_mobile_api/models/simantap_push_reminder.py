"""Check-in and check-out reminders: pushed before a cut is earned."""

from datetime import timedelta

from odoo import api, models

# a check-out reminder is still worth sending this long after the schedule's end
CHECK_OUT_GRACE = timedelta(minutes=15)


class SimantapPushReminder(models.AbstractModel):
    _name = "simantap.push.reminder"
    _description = "Push Reminders"

    @api.model
    def _queue_reminders(self, now):
        """Queue today's check-in reminder (shortly before the schedule starts,
        not checked in yet) and check-out reminder (at the schedule's end, still
        checked in), once a day each, for employees with a push subscription."""
        employees = (
            self.env["simantap.push.subscription"]
            .sudo()
            .search(
                [
                    "|",
                    ("company_id.simantap_push_check_in", "=", True),
                    ("company_id.simantap_push_check_out", "=", True),
                ]
            )
            .employee_id
        )
        if not employees:
            return
        Calendar = self.env["simantap.calendar"]
        zones = {emp.id: Calendar._employee_zone(emp) for emp in employees}
        days = {emp.id: Calendar._local_date(zones[emp.id], now) for emp in employees}
        windows = Calendar._working_windows([(emp, days[emp.id]) for emp in employees])
        attendances = self.env["hr.attendance"].sudo()
        open_ids = set(
            attendances.search(
                [("employee_id", "in", employees.ids), ("check_out", "=", False)]
            ).employee_id.ids
        )
        for employee in employees:
            day_windows = windows.get((employee.id, days[employee.id])) or []
            if not day_windows:
                continue
            company = employee.company_id
            start, end = day_windows[0][0], day_windows[-1][1]
            day_start, day_stop = Calendar._day_bounds(
                zones[employee.id], days[employee.id]
            )
            lead = timedelta(minutes=max(company.simantap_push_check_in_lead, 0))
            if (
                company.simantap_push_check_in
                and start - lead <= now < start
                and employee.id not in open_ids
                and not attendances.search_count(
                    [
                        ("employee_id", "=", employee.id),
                        ("check_in", ">=", day_start),
                        ("check_in", "<", day_stop),
                    ],
                    limit=1,
                )
                and not self._already(employee, "check_in", day_start, day_stop)
            ):
                self._check_in(employee, start, now)
            if (
                company.simantap_push_check_out
                and end <= now < end + CHECK_OUT_GRACE
                and employee.id in open_ids
                and not self._already(employee, "check_out", day_start, day_stop)
            ):
                self._check_out(employee, now)

    def _already(self, employee, kind, start, stop):
        return bool(
            self.env["simantap.push.message"]
            .sudo()
            .search_count(
                [
                    ("employee_id", "=", employee.id),
                    ("kind", "=", kind),
                    ("queued_at", ">=", start),
                    ("queued_at", "<", stop),
                ],
                limit=1,
            )
        )

    def _check_in(self, employee, start, now):
        Message = self.env["simantap.push.message"].sudo()
        env = Message.with_context(lang=Message._employee_lang(employee)).env
        minutes = max(int((start - now).total_seconds() // 60), 0)
        Message._enqueue(
            employee,
            "check_in",
            env._("Time to check in"),
            env._(
                "Your working day starts in %(minutes)s minutes: check in at your "
                "workplace to avoid a late cut.",
                minutes=minutes,
            ),
            "/simantap/app/#/home",
            ttl=max(int((start - now).total_seconds()), 60),
            now=now,
        )

    def _check_out(self, employee, now):
        Message = self.env["simantap.push.message"].sudo()
        env = Message.with_context(lang=Message._employee_lang(employee)).env
        Message._enqueue(
            employee,
            "check_out",
            env._("Don't forget to check out"),
            env._(
                "Your working day is over and you are still checked in: check out "
                "before you leave, or the day counts as a missing check-out."
            ),
            "/simantap/app/#/home",
            ttl=int(CHECK_OUT_GRACE.total_seconds()) * 4,
            now=now,
        )

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .presence_common import AWAY, DAY, MonitorCase, PresenceCase, utc


@tagged("post_install", "-at_install")
class TestPresenceMonitor(MonitorCase):
    """The live monitor and the day timeline, and who sees what."""

    def rows(self, user=None, domain=()):
        Monitor = self.Monitor.with_user(user) if user else self.Monitor
        with freeze_time(self.now):
            rows = Monitor.search([("employee_id", "in", self.staff.ids), *domain])
            return {row.employee_id: row for row in rows}

    def test_monitor_shows_who_is_in_outside_silent_and_overdue(self):
        with freeze_time(self.now):
            rows = self.Monitor.search([("employee_id", "in", self.staff.ids)])
            by_employee = {row.employee_id: row for row in rows}
            employee = by_employee[self.emp_employee]
            self.assertTrue(employee.checked_in)
            self.assertTrue(employee.outside_now)
            self.assertFalse(employee.silent_now)
            self.assertEqual(employee.last_seen, utc(2, 20))
            self.assertEqual(employee.last_verdict, "outside")
            self.assertAlmostEqual(employee.last_latitude, AWAY[0])
            self.assertEqual(employee.location_id, self.office)
            self.assertIn("m", employee.map_label)
            head = by_employee[self.emp_head]
            self.assertTrue(head.silent_now)
            self.assertFalse(head.outside_now)
            colleague = by_employee[self.emp_colleague]
            self.assertTrue(colleague.spot_overdue)
            self.assertFalse(colleague.silent_now)
            self.assertEqual(colleague.pending_spot_checks, 1)
            officer = by_employee[self.emp_officer]
            self.assertFalse(officer.checked_in)
            self.assertFalse(officer.silent_now or officer.outside_now)
        self.assertEqual(
            set(self.rows(domain=[("outside_now", "=", True)])), {self.emp_employee}
        )
        self.assertEqual(
            set(self.rows(domain=[("silent_now", "=", True)])), {self.emp_head}
        )
        self.assertEqual(
            set(self.rows(domain=[("spot_overdue", "=", True)])), {self.emp_colleague}
        )
        self.assertEqual(
            set(self.rows(domain=[("silent_now", "=", False)])),
            set(self.staff - self.emp_head),
        )
        self.assertEqual(
            set(self.rows(domain=[("department_id", "child_of", self.opd.id)])),
            {self.emp_employee, self.emp_head},
        )
        self.assertEqual(
            set(self.rows(domain=[("location_id", "=", self.office.id)])),
            {self.emp_employee, self.emp_head, self.emp_colleague},
        )

    def test_silence_is_only_watched_in_working_hours(self):
        self.now = utc(5, 30)  # lunch
        self.assertFalse(self.rows(domain=[("silent_now", "=", True)]))

    def test_officer_sees_the_company_unit_head_their_units(self):
        self.assertEqual(set(self.rows(self.user_officer)), set(self.staff))
        self.assertEqual(
            set(self.rows(self.user_head)), {self.emp_employee, self.emp_head}
        )
        foreign = self.Monitor.with_user(self.user_officer).search(
            [("employee_id", "=", self.emp_foreign.id)]
        )
        self.assertFalse(foreign)

    def test_employee_has_no_monitor(self):
        with self.assertRaises(AccessError):
            self.Monitor.with_user(self.user_employee).search([])

    def test_message_the_employee_opens_a_chat(self):
        row = self.Monitor.with_user(self.user_officer).browse(self.emp_employee.id)
        action = row.action_message_employee()
        self.assertEqual(action["tag"], "mail.action_discuss")
        channel = self.env["discuss.channel"].browse(
            int(action["params"]["active_id"].split("_")[-1])
        )
        self.assertEqual(channel.channel_type, "chat")
        self.assertIn(
            self.user_employee.partner_id, channel.channel_member_ids.partner_id
        )

    def test_schedule_an_activity_for_the_unit_head(self):
        with freeze_time(self.now):
            row = self.Monitor.with_user(self.user_officer).browse(self.emp_employee.id)
            row.action_schedule_head_activity()
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "hr.employee"), ("res_id", "=", self.emp_employee.id)]
        )
        self.assertEqual(activity.user_id, self.user_head)
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("simantap_attendance.mail_activity_type_presence_followup"),
        )

    def test_unit_head_cannot_act_on_another_unit(self):
        row = self.Monitor.with_user(self.user_head).browse(self.emp_colleague.id)
        with self.assertRaises(AccessError):
            row.action_schedule_head_activity()
        with self.assertRaises(AccessError):
            row.action_message_employee()

    def test_timeline_of_the_day_in_order(self):
        self.check_in(self.emp_officer, utc(0, 50), check_out=utc(10, 5))
        self.ping(self.emp_officer, utc(1, 50))
        self.ping(self.emp_officer, utc(2, 20), where=AWAY)
        self.ping(self.emp_officer, utc(3, 20))
        self.derive(self.emp_officer, utc(12))
        row = self.Monitor.browse(self.emp_officer.id)
        with freeze_time(self.now):
            action = row.action_open_timeline()
        timeline = self.env["simantap.presence.timeline"].search(
            [*action["domain"], ("work_date", "=", DAY.date())]
        )
        self.assertEqual(
            [(entry.entry, entry.at) for entry in timeline],
            [
                ("check_in", utc(0, 50)),
                ("ping", utc(1, 50)),
                ("ping", utc(2, 20)),
                ("outside", utc(2, 20)),
                ("ping", utc(3, 20)),
                ("silent", utc(3, 20)),
                ("check_out", utc(10, 5)),
            ],
        )
        self.assertEqual(timeline[3].minutes, 60)
        self.assertEqual(len(set(timeline.ids)), 7)


@tagged("post_install", "-at_install")
class TestPresenceRecordRules(PresenceCase):
    """Pings, spot checks, episodes and timelines: own, unit, company."""

    def setUp(self):
        super().setUp()
        for employee in (self.emp_employee, self.emp_colleague, self.emp_head):
            self.check_in(employee, utc(0, 55))
        self.pings = {
            employee: self.env["simantap.presence.ping"].browse(
                self.ping(employee, utc(2))["ping_id"]
            )
            for employee in (self.emp_employee, self.emp_colleague, self.emp_head)
        }
        self.all_pings = self.env["simantap.presence.ping"].union(*self.pings.values())

    def visible(self, model, user, records):
        return self.env[model].with_user(user).search([("id", "in", records.ids)])

    def test_employee_reads_only_their_own_pings(self):
        ping = self.pings[self.emp_employee]
        self.assertEqual(
            self.visible("simantap.presence.ping", self.user_employee, self.all_pings),
            ping,
        )
        with self.assertRaises(AccessError):
            self.pings[self.emp_colleague].with_user(self.user_employee).read(
                ["verdict"]
            )

    def test_nobody_writes_a_ping(self):
        ping = self.pings[self.emp_employee]
        for user in (self.user_employee, self.user_head, self.user_officer):
            with self.assertRaises(AccessError):
                ping.with_user(user).write({"verdict": "outside"})
            with self.assertRaises(AccessError):
                ping.with_user(user).unlink()
            with self.assertRaises(AccessError):
                self.env["simantap.presence.ping"].with_user(user).create(
                    {
                        "uuid": "forged",
                        "employee_id": user.employee_id.id,
                        "captured_at": utc(2),
                        "received_at": utc(2),
                        "work_date": DAY.date(),
                        "verdict": "inside",
                    }
                )

    def test_unit_head_reads_the_unit_pings(self):
        self.assertEqual(
            self.visible("simantap.presence.ping", self.user_head, self.all_pings),
            self.pings[self.emp_employee] | self.pings[self.emp_head],
        )
        with self.assertRaises(AccessError):
            self.pings[self.emp_colleague].with_user(self.user_head).read(["verdict"])

    def test_officer_reads_the_company_pings_payroll_only_their_own(self):
        self.assertEqual(
            self.visible("simantap.presence.ping", self.user_officer, self.all_pings),
            self.all_pings,
        )
        self.assertFalse(
            self.visible("simantap.presence.ping", self.user_payroll, self.all_pings)
        )

    def test_officer_of_another_company_reads_nothing(self):
        self.user_officer.write(
            {
                "company_ids": [(6, 0, self.other_company.ids)],
                "company_id": self.other_company.id,
            }
        )
        self.assertFalse(
            self.visible("simantap.presence.ping", self.user_officer, self.all_pings)
        )

    def test_a_spot_check_is_hidden_until_the_phone_is_told(self):
        check = self.env["simantap.spot.check"].create(
            {
                "employee_id": self.emp_employee.id,
                "work_date": DAY.date(),
                "due_at": utc(4),
                "day_end": utc(10),
            }
        )
        for user in (self.user_employee, self.user_head):
            self.assertFalse(self.visible("simantap.spot.check", user, check))
        self.assertEqual(
            self.visible("simantap.spot.check", self.user_officer, check), check
        )
        with freeze_time(utc(4, 1)):
            self.Presence._today(self.emp_employee)
        for user in (self.user_employee, self.user_head, self.user_officer):
            self.assertEqual(self.visible("simantap.spot.check", user, check), check)
        self.assertFalse(
            self.visible("simantap.spot.check", self.user_colleague, check)
        )

    def test_episodes_days_and_timeline_follow_the_same_rules(self):
        self.ping(self.emp_employee, utc(2, 30), where=AWAY)
        self.ping(self.emp_colleague, utc(2, 30), where=AWAY)
        self.ping(self.emp_employee, utc(3))
        self.ping(self.emp_colleague, utc(3))
        for employee in (self.emp_employee, self.emp_colleague):
            self.derive(employee, utc(3, 10))
        for model in ("simantap.presence.episode", "simantap.presence.day"):
            records = self.env[model].search(
                [("employee_id", "in", (self.emp_employee | self.emp_colleague).ids)]
            )
            mine = records.filtered(lambda r: r.employee_id == self.emp_employee)
            self.assertTrue(mine)
            self.assertEqual(self.visible(model, self.user_employee, records), mine)
            self.assertEqual(self.visible(model, self.user_head, records), mine)
            self.assertEqual(self.visible(model, self.user_officer, records), records)
            self.assertEqual(self.visible(model, self.user_payroll, records), records)
            with self.assertRaises(AccessError):
                mine.with_user(self.user_officer).unlink()
        Timeline = self.env["simantap.presence.timeline"]
        for user, employees in (
            (self.user_employee, self.emp_employee),
            (self.user_colleague, self.emp_colleague),
            (self.user_head, self.emp_employee | self.emp_head),
            (self.user_officer, self.emp_employee | self.emp_colleague | self.emp_head),
        ):
            rows = Timeline.with_user(user).search([("work_date", "=", DAY.date())])
            self.assertEqual(rows.employee_id, employees, user.login)

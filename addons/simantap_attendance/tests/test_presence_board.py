from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .presence_common import OFFICE, MonitorCase, PresenceCase, utc


@tagged("post_install", "-at_install")
class TestPresenceBoard(MonitorCase):
    """What the officer reads on the live monitor: a status per employee, who is
    not in yet today, who came late, and the fences under the map's markers."""

    def states(self, user=None, domain=()):
        Monitor = self.Monitor.with_user(user) if user else self.Monitor
        self.env.invalidate_all()  # a new request: the states of now
        with freeze_time(self.now):
            rows = Monitor.search([("employee_id", "in", self.staff.ids), *domain])
            return {row.employee_id: row.monitor_state for row in rows}

    def test_each_employee_has_a_status(self):
        self.assertEqual(
            self.states(),
            {
                self.emp_employee: "outside",
                self.emp_head: "silent",
                self.emp_colleague: "spot_overdue",
                self.emp_officer: "absent",
            },
        )

    def test_who_is_not_in_yet_today(self):
        self.assertEqual(
            set(self.states(domain=[("monitor_state", "=", "absent")])),
            {self.emp_officer},
        )
        # before the working day starts nobody is missing yet
        self.now = utc(0, 30)
        self.assertFalse(self.states(domain=[("monitor_state", "=", "absent")]))
        self.assertEqual(self.states()[self.emp_officer], "off")

    def test_checked_out_is_not_missing(self):
        self.check_in(self.emp_officer, utc(1, 20), check_out=utc(2, 10))
        with freeze_time(self.now):
            row = self.Monitor.browse(self.emp_officer.id)
            self.assertEqual(row.monitor_state, "left")
            self.assertEqual(row.first_check_in, utc(1, 20))
            self.assertEqual(row.late_minutes, 20)
        self.assertNotIn(
            self.emp_officer,
            self.states(domain=[("monitor_state", "in", ["absent", "outside"])]),
        )

    def test_late_check_in_is_counted_from_the_start_of_working_hours(self):
        self.check_in(self.emp_officer, utc(1, 20))
        self.assertEqual(
            set(self.states(domain=[("late_minutes", ">", 0)])), {self.emp_officer}
        )
        with freeze_time(self.now):
            on_time = self.Monitor.browse(self.emp_employee.id)
            self.assertEqual(on_time.late_minutes, 0)
            self.assertEqual(on_time.first_check_in, utc(0, 55))

    def test_a_unit_head_sees_the_status_of_their_units_only(self):
        self.assertEqual(
            self.states(self.user_head),
            {self.emp_employee: "outside", self.emp_head: "silent"},
        )
        self.assertEqual(
            set(self.states(self.user_head, [("monitor_state", "=", "absent")])),
            set(),
        )

    def test_map_draws_the_fences_and_names_the_states(self):
        school = self.env["hr.work.location"].create(
            {
                "name": "SD Uji",
                "location_type": "office",
                "address_id": self.company.partner_id.id,
                "company_id": self.company.id,
                "latitude": -6.3,
                "longitude": 106.9,
                "geofence_polygon": '{"type": "Polygon", "coordinates": [[[106.9, '
                "-6.3], [106.901, -6.3], [106.901, -6.301], [106.9, -6.3]]]}",
            }
        )
        data = (
            self.Monitor.with_user(self.user_officer)
            .with_context(allowed_company_ids=self.company.ids)
            .get_map_data()
        )
        fences = {fence["id"]: fence for fence in data["fences"]}
        office = fences[self.office.id]
        self.assertEqual(
            (office["latitude"], office["longitude"], office["radius"]),
            (OFFICE[0], OFFICE[1], 100),
        )
        self.assertEqual(office["polygon"], [])
        self.assertEqual(
            fences[school.id]["polygon"],
            [[-6.3, 106.9], [-6.3, 106.901], [-6.301, 106.901]],
        )
        states = dict(data["states"])
        self.assertEqual(states["absent"], "Not In Yet")
        self.assertEqual(len(states), 8)

    def test_employee_reads_no_map(self):
        with self.assertRaises(AccessError):
            self.Monitor.with_user(self.user_employee).get_map_data()


@tagged("post_install", "-at_install")
class TestWorkLocationMapEditor(PresenceCase):
    """The work-location form's map writes the point and the polygon it draws."""

    def test_the_form_saves_what_the_map_sets(self):
        form = Form(self.office.with_user(self.env.ref("base.user_admin")))
        # what the map widget writes: a clicked point, then a drawn polygon
        form.latitude = -6.2011
        form.longitude = 106.8177
        form.geofence_radius = 150
        form.geofence_polygon = (
            '{"type": "Polygon", "coordinates": [[[106.8177, -6.2011], '
            "[106.8187, -6.2011], [106.8187, -6.2021], [106.8177, -6.2011]]]}"
        )
        form.save()
        self.assertEqual(
            (self.office.latitude, self.office.longitude, self.office.geofence_radius),
            (-6.2011, 106.8177, 150),
        )
        fence = self.office._simantap_fences()[0]
        self.assertEqual(len(fence.polygon), 3)

    def test_a_broken_polygon_is_refused(self):
        with self.assertRaises(ValidationError):
            self.office.geofence_polygon = '{"type": "Polygon", "coordinates": [[]]}'


@tagged("post_install", "-at_install")
class TestMonitorChat(PresenceCase):
    """ "Kirim pesan" opens the chat itself, not an empty Discuss."""

    def test_the_chat_is_named_in_the_action_context(self):
        row = (
            self.env["simantap.presence.monitor"]
            .with_user(self.user_officer)
            .browse(self.emp_employee.id)
        )
        action = row.action_message_employee()
        # the web client puts the button's record id in the context's active_id
        # and lets the action's own context override it: Discuss reads it first
        thread = action["context"]["active_id"]
        self.assertEqual(thread, action["params"]["active_id"])
        channel = self.env["discuss.channel"].browse(int(thread.split("_")[-1]))
        self.assertIn(
            self.user_employee.partner_id, channel.channel_member_ids.partner_id
        )
        self.assertIn(self.emp_employee.name, action["name"])

from freezegun import freeze_time
from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .checkin_common import NOW, CheckinCase


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestCheckinRecordRules(CheckinCase):
    """Attempts and selfies: the employee reads their own (read-only), the unit head
    their unit, officers their company; nobody edits the evidence."""

    def setUp(self):
        super().setUp()
        self.mine = self.attempt(self.send())
        self.theirs = self.attempt(
            self.send(
                employee=self.emp_colleague, photo=self.photos[1], device_id="HP-2"
            )
        )
        self.heads = self.attempt(
            self.send(employee=self.emp_head, photo=self.photos[2], device_id="HP-3")
        )
        payload = self.payload(photo=self.photos[3], device_id="HP-4")
        self.foreign = self.attempt(
            self.env["simantap.intake"]._record_check(
                self.env["hr.employee"].browse(self.emp_foreign.id),
                "check_in",
                payload,
            )
        )
        self.all = self.mine | self.theirs | self.heads | self.foreign
        self.assertEqual(self.foreign.company_id, self.other_company)

    def visible(self, user):
        return (
            self.env["simantap.attendance.attempt"]
            .with_user(user)
            .search([("id", "in", self.all.ids)])
        )

    def photo_attachment(self, attempt):
        return (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", attempt._name),
                    ("res_id", "=", attempt.id),
                    ("res_field", "=", "photo"),
                ]
            )
        )

    def test_employee_reads_only_their_own_attempts(self):
        self.assertEqual(self.visible(self.user_employee), self.mine)
        self.assertTrue(self.mine.with_user(self.user_employee).photo)
        with self.assertRaises(AccessError):
            self.theirs.with_user(self.user_employee).read(["status"])

    def test_employee_cannot_read_another_employees_photo(self):
        with self.assertRaises(AccessError):
            self.theirs.with_user(self.user_employee).read(["photo"])
        attachment = self.photo_attachment(self.theirs)
        self.assertEqual(len(attachment), 1)
        with self.assertRaises(AccessError):
            attachment.with_user(self.user_employee).read(["datas"])
        own = self.photo_attachment(self.mine)
        self.assertTrue(own.with_user(self.user_employee).read(["datas"])[0]["datas"])
        attendance = self.theirs.attendance_id.with_user(self.user_employee)
        with self.assertRaises(AccessError):
            attendance.read(["simantap_in_photo"])

    def test_employee_cannot_change_create_or_delete_attempts(self):
        mine = self.mine.with_user(self.user_employee)
        with self.assertRaises(AccessError):
            mine.write({"latitude": 0.0})
        with self.assertRaises(AccessError):
            mine.write({"review_state": "accepted"})
        with self.assertRaises(AccessError):
            mine.unlink()
        with self.assertRaises(AccessError):
            self.env["simantap.attendance.attempt"].with_user(
                self.user_employee
            ).create(
                {
                    "status": "accepted",
                    "company_id": self.company.id,
                    "received_at": NOW,
                }
            )

    def test_unit_head_reads_their_unit_and_sub_units(self):
        self.assertEqual(self.visible(self.user_head), self.mine | self.heads)
        with self.assertRaises(AccessError):
            self.theirs.with_user(self.user_head).read(["photo"])
        attendance = self.mine.attendance_id.with_user(self.user_head)
        self.assertTrue(attendance.simantap_in_photo)

    def test_officer_reads_the_company_only(self):
        self.assertEqual(self.visible(self.user_officer), self.all - self.foreign)
        with self.assertRaises(AccessError):
            self.foreign.with_user(self.user_officer).read(["status"])

    def test_officer_cannot_change_the_evidence(self):
        with self.assertRaises(AccessError):
            self.theirs.with_user(self.user_officer).write({"status": "refused"})

    def test_payroll_does_not_read_attempts(self):
        with self.assertRaises(AccessError):
            self.mine.with_user(self.user_payroll).read(["status"])

    def test_signals_are_readable_by_everyone(self):
        signals = self.env["simantap.fraud.signal"].with_user(self.user_employee)
        self.assertEqual(len(signals.search([])), 9)
        with self.assertRaises(AccessError):
            signals.search([], limit=1).write({"name": "x"})


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestCheckinReview(CheckinCase):
    """An officer marks a flagged check-in genuine or not, with a comment tracked in
    the chatter of the attempt and of its attendance."""

    def setUp(self):
        super().setUp()
        self.send(device_id="HP-A")
        self.flagged = self.attempt(
            self.send(
                employee=self.emp_colleague, device_id="HP-A", photo=self.photos[1]
            )
        )
        self.assertEqual(self.flagged.review_state, "to_review")
        self.attendance = self.flagged.attendance_id

    def review(self, user, attempts, decision, comment):
        action = attempts.with_user(user).action_review()
        form = Form(
            self.env[action["res_model"]]
            .with_user(user)
            .with_context(**action["context"])
        )
        form.decision = decision
        form.comment = comment
        return form.save().action_apply()

    def test_officer_accepts_a_flagged_check_in(self):
        self.review(
            self.user_officer, self.flagged, "accepted", "Borrowed phone, confirmed."
        )
        self.assertEqual(self.flagged.review_state, "accepted")
        self.assertEqual(self.flagged.reviewer_id, self.user_officer)
        self.assertEqual(self.flagged.review_comment, "Borrowed phone, confirmed.")
        self.assertEqual(self.attendance.simantap_review_state, "accepted")
        for record in (self.flagged, self.attendance):
            bodies = record.message_ids.mapped("body")
            self.assertTrue(
                any("Borrowed phone, confirmed." in body for body in bodies), record
            )

    def test_officer_rejects_from_the_attendance(self):
        action = self.attendance.with_user(self.user_officer).action_simantap_review()
        self.assertEqual(
            action["context"]["default_attempt_ids"], [(6, 0, self.flagged.ids)]
        )
        self.flagged.with_user(self.user_officer)._simantap_review(
            "rejected", "Checked in for a colleague."
        )
        self.assertEqual(self.attendance.simantap_review_state, "rejected")
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking values are written before commit
        tracked = self.flagged.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "review_state"
        )
        self.assertTrue(tracked)

    def test_a_comment_is_required(self):
        with self.assertRaises(UserError):
            self.flagged.with_user(self.user_officer)._simantap_review("rejected", "  ")

    def test_a_refused_attempt_cannot_be_accepted(self):
        refused = self.attempt(self.send(mock_location=True))
        with self.assertRaises(UserError):
            refused.with_user(self.user_officer)._simantap_review("accepted", "ok")

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")
    def test_employees_and_unit_heads_cannot_review(self):
        for user in (self.user_colleague, self.user_head):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.flagged.with_user(user)._simantap_review("accepted", "fine")
        with self.assertRaises(AccessError):
            self.env["simantap.attendance.review"].with_user(self.user_head).create(
                {"attempt_ids": [(6, 0, self.flagged.ids)], "comment": "fine"}
            )


@tagged("post_install", "-at_install")
class TestCheckinSettings(CheckinCase):
    def test_defaults(self):
        company = self.company
        self.assertEqual(company.simantap_max_accuracy, 100)
        self.assertEqual(company.simantap_sync_delay_hours, 72)
        self.assertEqual(company.simantap_late_sync_minutes, 5)
        self.assertEqual(company.simantap_clock_skew_minutes, 2)
        self.assertEqual(company.simantap_photo_max_bytes, 5 * 1024 * 1024)
        self.assertEqual(company.simantap_photo_max_megapixels, 40)
        self.assertEqual(company.simantap_photo_reuse_days, 60)
        self.assertEqual(company.simantap_photo_stale_minutes, 10)
        self.assertEqual(company.simantap_impossible_speed_kmh, 150)

    def test_settings_page_writes_the_company(self):
        settings = (
            self.env["res.config.settings"]
            .with_company(self.company)
            .create({"simantap_max_accuracy": 50, "simantap_impossible_speed_kmh": 120})
        )
        settings.execute()
        self.assertEqual(self.company.simantap_max_accuracy, 50)
        self.assertEqual(self.company.simantap_impossible_speed_kmh, 120)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestCheckinViews(CheckinCase):
    """The backend screens open for each role: the views load and every field they
    show is readable (a field an employee may not read would break the screen)."""

    def setUp(self):
        super().setUp()
        self.mine = self.attempt(self.send())

    def open(self, user, model, view_types, records):
        Model = self.env[model].with_user(user)
        views = Model.get_views([(False, view_type) for view_type in view_types])
        for view_type in view_types:
            arch = etree.fromstring(views["views"][view_type]["arch"])
            names = {
                node.get("name")
                for node in arch.iter("field")
                if not any(parent.tag == "field" for parent in node.iterancestors())
            }
            fields = views["models"][model]["fields"]
            spec = {
                name: {"fields": {"display_name": {}}}
                if fields[name]["type"] in ("many2one", "many2many", "one2many")
                else {}
                for name in names
            }
            records.with_user(user).web_read(spec)

    def test_employee_opens_their_check_ins(self):
        self.open(
            self.user_employee, self.mine._name, ["list", "form", "search"], self.mine
        )
        attendance = self.mine.attendance_id
        self.open(self.user_employee, "hr.attendance", ["form"], attendance)

    def test_officer_opens_attempts_attendances_and_maps(self):
        self.open(self.user_officer, self.mine._name, ["list", "form"], self.mine)
        map_views = (
            self.env[self.mine._name]
            .with_user(self.user_officer)
            .get_views(
                [
                    (
                        self.env.ref(
                            "simantap_attendance.simantap_attendance_attempt_view_map"
                        ).id,
                        "leaflet_map",
                    )
                ]
            )
        )
        self.assertIn("leaflet_map", map_views["views"])
        action = self.env.ref("simantap_attendance.hr_attendance_action_simantap_map")
        self.assertEqual(action.view_mode.split(",")[0], "leaflet_map")
        attendance = self.mine.attendance_id
        for view in action.view_ids:
            Attendance = self.env["hr.attendance"].with_user(self.user_officer)
            Attendance.get_views([(view.view_id.id, view.view_mode)])
        attendance.with_user(self.user_officer).read(
            [
                "date_localization",
                "simantap_map_title",
                "simantap_map_note",
                "in_latitude",
            ]
        )
        self.open(self.user_officer, "hr.attendance", ["form"], attendance)
        self.mine.with_user(self.user_officer).read(["date_localization", "map_note"])

    def test_settings_page_loads(self):
        self.env["res.config.settings"].get_views([(False, "form")])

    def test_maps_centre_on_the_company_places(self):
        self.company.partner_id.write({"partner_latitude": 0, "partner_longitude": 0})
        position = (
            self.env["res.users"]
            .with_user(self.user_officer)
            .get_default_leaflet_position("hr.attendance")
        )
        self.assertTrue(position["lat"] and position["lng"])

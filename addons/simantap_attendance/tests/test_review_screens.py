from lxml import etree

from odoo.tests import tagged

from .common import SimantapCase


@tagged("post_install", "-at_install")
class TestReviewScreens(SimantapCase):
    """What a unit head sees when reviewing field duties: lists without a "New"
    button or sample rows, the letter read inline, no requester's buttons."""

    def arch(self, user, action_xmlid, view_type):
        action = self.env.ref(action_xmlid)
        view_id = next(
            (
                view.view_id.id
                for view in action.view_ids
                if view.view_mode == view_type
            ),
            False,
        )
        Duty = self.env["simantap.field.duty"].with_user(user)
        views = Duty.get_views([(view_id, view_type)])
        return etree.fromstring(views["views"][view_type]["arch"])

    def test_approval_lists_have_no_new_button_and_no_sample_rows(self):
        for xmlid in (
            "simantap_attendance.simantap_field_duty_action_to_approve",
            "simantap_attendance.simantap_field_duty_action_all",
        ):
            arch = self.arch(self.user_head, xmlid, "list")
            self.assertEqual(arch.get("create"), "0", xmlid)
            self.assertIn(arch.get("sample"), (None, "0"), xmlid)
        # the employee's own list still files a duty
        arch = self.arch(
            self.user_employee, "simantap_attendance.simantap_field_duty_action", "list"
        )
        self.assertNotEqual(arch.get("create"), "0")

    def test_the_letter_is_previewed_and_the_requester_buttons_are_hidden(self):
        arch = self.arch(
            self.user_head, "simantap_attendance.simantap_field_duty_action", "form"
        )
        letter = arch.xpath("//page[@name='letter']")[0]
        widgets = {field.get("widget") for field in letter.xpath(".//field")}
        self.assertEqual(widgets, {"pdf_viewer", "image"})
        for name in ("Withdraw", "Cancel"):
            button = arch.xpath(f"//header/button[@string='{name}']")
            self.assertTrue(button, name)
            self.assertIn("can_decide", button[0].get("invisible"), name)

    def test_a_one_day_duty_is_one_day_in_the_calendar(self):
        arch = self.arch(
            self.user_head, "simantap_attendance.simantap_field_duty_action", "calendar"
        )
        self.assertEqual(
            (arch.get("date_start"), arch.get("date_stop")), ("date_from", "date_to")
        )

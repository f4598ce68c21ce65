from lxml import etree

from odoo.tests import freeze_time, tagged

from .test_daily_status import MON, DailyCase, utc


@tagged("post_install", "-at_install")
@freeze_time("2026-11-20 12:00:00")
class TestDayNamesAndColours(DailyCase):
    """A day is named by its date wherever it is picked or shown (an objection's
    days, the correction wizard), and its colour follows the codes in force: a day
    corrected from TK to DL is no longer red."""

    def test_a_day_is_named_by_its_date_and_its_codes(self):
        day = self.status(self.emp_employee, MON)
        self.assertEqual(day.effective_codes, "TK")
        for lang in ("en_US", "id_ID"):
            if not self.env["res.lang"]._lang_get(lang):
                continue
            named = day.with_context(lang=lang).display_name
            self.assertIn("2026", named)
            self.assertTrue(named.endswith("(TK)"), named)
            self.assertNotEqual(named, "TK")

    def test_the_colour_follows_the_corrected_codes(self):
        absent = self.status(self.emp_employee, MON)
        self.attend(self.emp_colleague, utc(MON, 8, 10), utc(MON, 16, 0))
        late = self.status(self.emp_colleague, MON)
        self.assertIn("TL", late.effective_codes)
        self.assertEqual((absent.tone, late.tone), ("absent", "cut"))
        absent.with_user(self.user_officer).action_correct("DL", "Surat tugas ada")
        absent.invalidate_recordset()
        self.assertEqual((absent.codes, absent.effective_codes), ("TK", "DL"))
        self.assertEqual(absent.tone, "normal")
        self.assertEqual(absent.display_name.split()[-1], "(DL)")
        # the list paints red and amber by the codes in force, not the computed ones
        arch = self.Status.get_view(view_type="list")["arch"]
        root = etree.fromstring(arch)
        self.assertEqual(root.get("decoration-danger"), "tone == 'absent'")
        self.assertNotIn("attendance_code", root.get("decoration-warning"))
        # the form's title is the date and the employee, not the codes
        form = etree.fromstring(self.Status.get_view(view_type="form")["arch"])
        title = form.xpath("//div[contains(@class, 'oe_title')]/h1/field/@name")
        self.assertEqual(title, ["date", "employee_id"])

    def test_the_correction_wizard_asks_for_days(self):
        wizard = self.env["simantap.daily.status.correction"]
        self.assertEqual(
            wizard.fields_get(["status_ids"])["status_ids"]["string"], "Days"
        )

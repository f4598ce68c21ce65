import pytz

from odoo.tests import TransactionCase


class TestWeeklyRecapCron(TransactionCase):
    def test_unit_heads_get_the_recap_on_monday_morning_in_jakarta(self):
        """The README promises the recap every Monday morning: 06:30 WIB."""
        cron = self.env.ref("simantap_attendance.ir_cron_weekly_recap")
        local = pytz.utc.localize(cron.nextcall).astimezone(
            pytz.timezone("Asia/Jakarta")
        )
        self.assertEqual(
            (local.strftime("%A"), local.hour, local.minute), ("Monday", 6, 30)
        )
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "weeks"))

import datetime

from odoo.tests import BaseCase, tagged

from ..lib import month_report


@tagged("post_install", "-at_install")
class TestMonthReportLib(BaseCase):
    def test_recap_counts_days_codes_minutes_and_rate(self):
        rows = month_report.recap(
            [
                (1, "H", 0, 0),
                (1, "H TL1", 20, 0),
                (1, "TK", 0, 0),
                (1, "DL", 0, 0),
                (2, "CT", None, None),
            ]
        )
        first = rows[1]
        self.assertEqual((first.days, first.present), (4, 2))
        self.assertEqual((first.codes["TL1"], first.codes["TK"]), (1, 1))
        self.assertEqual((first.minutes_late, first.minutes_early), (20, 0))
        self.assertEqual(first.rate, 75.0)  # H twice and DL once of four days
        self.assertEqual(rows[2].rate, 0.0)
        self.assertEqual(month_report.other_codes(rows.values()), ["CT"])
        self.assertEqual(month_report.RecapRow(3).rate, 0.0)

    def test_month_days_and_percent_text(self):
        days = month_report.month_days(datetime.date(2028, 2, 14))
        self.assertEqual(
            (days[0], days[-1]), (datetime.date(2028, 2, 1), datetime.date(2028, 2, 29))
        )
        self.assertEqual(month_report.percent_text(50), "50,00")

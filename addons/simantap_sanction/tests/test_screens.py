from lxml import etree

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestTreasurerScreens(TransactionCase):
    """The TPP month form as the treasurer sees it: the month picked as a month,
    and the payroll files offered where the month is read."""

    def test_the_month_is_picked_as_a_month_and_the_files_are_on_top(self):
        views = self.env["simantap.sanction.period"].get_views([(False, "form")])
        arch = etree.fromstring(views["views"]["form"]["arch"])
        month = arch.xpath("//field[@name='date_from']")[0]
        self.assertIn("'min_precision': 'months'", month.get("options"))
        alert = arch.xpath("//sheet/div[contains(@class, 'alert')]")[0]
        self.assertEqual(
            {field.get("name") for field in alert.xpath(".//field")},
            {"export_xlsx", "export_csv"},
        )
        self.assertEqual(alert.get("invisible"), "not export_xlsx")

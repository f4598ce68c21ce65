import io

from openpyxl import load_workbook

from odoo.tests import freeze_time, tagged

from . import test_objection
from .common import OCT, D
from .test_month import MonthCase


@tagged("post_install", "-at_install")
@freeze_time("2026-11-03 10:00:00")
class TestIndonesianFormats(MonthCase):
    """An Indonesian regency reads Indonesian words, dates and numbers: no English
    label inside an Indonesian sentence, no ISO date, no 2.026 for a year."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("id_ID")
        cls.env["ir.module.module"]._load_module_terms(
            ["simantap_attendance", "simantap_sanction"], ["id_ID"], overwrite=True
        )
        (cls.user_employee | cls.user_officer).write({"lang": "id_ID"})

    def setUp(self):
        super().setUp()
        self.october = self.period(OCT)
        self.october.action_compute()
        self.october.action_start_review()

    object = test_objection.TestObjection.object

    def test_employee_reads_the_decision_in_indonesian(self):
        objection = self.object(self.days[D(2026, 10, 13)], "DL")
        objection.with_user(self.user_head).action_head_endorse()
        objection.with_user(self.user_officer).action_officer_accept()
        told = objection.message_ids.filtered(
            lambda m: self.user_employee.partner_id in m.partner_ids
        )
        self.assertEqual(len(told), 1)
        self.assertIn("Keberatan Anda telah Diterima", told.body)
        self.assertNotIn("Accepted", told.body)

    def test_xlsx_names_the_rule_set_and_month_in_indonesian(self):
        october = self.october.with_user(self.user_payroll)
        october.action_lock()
        october.action_export()
        content, _ext = self.env["ir.actions.report"]._render(
            "simantap_sanction.sanction_period_xlsx", self.october.ids
        )
        sheet = load_workbook(io.BytesIO(content)).active
        self.assertIn("Oktober 2026", sheet.cell(row=1, column=1).value)
        subtitle = sheet.cell(row=2, column=1).value
        self.assertIn("Aturan TPP bawaan", subtitle)
        self.assertNotIn("Default", subtitle)

    def test_year_and_percentages_are_not_formatted_as_big_numbers(self):
        """The web client writes integers with a thousands separator (2.026 in
        Indonesian) and a field's digits as decimals (41,7500): the views say
        how a year and a percentage are shown."""
        Views = self.env["ir.ui.view"]
        for model, name, needle in (
            ("simantap.discipline.alert", "year", "'enable_formatting': False"),
            ("simantap.sanction.line", "total_percent", 'digits="[16, 2]"'),
            ("simantap.sanction.line", "capped_percent", 'digits="[16, 2]"'),
        ):
            views = Views.search(
                [("model", "=", model), ("type", "in", ("list", "form"))]
            )
            nodes = [
                line
                for arch in views.mapped("arch_db")
                for line in arch.splitlines()
                if f'name="{name}"' in line
            ]
            self.assertTrue(nodes, (model, name))
            for node in nodes:
                self.assertIn(needle, node, (model, name))

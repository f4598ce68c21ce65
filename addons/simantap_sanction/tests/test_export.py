import base64
import csv
import datetime
import io

from openpyxl import load_workbook

from odoo.tests import freeze_time, tagged

from .common import OCT
from .test_month import MonthCase


@tagged("post_install", "-at_install")
@freeze_time("2026-11-03 10:00:00")
class TestTreasurerExport(MonthCase):
    """The treasurer presses Export and gets the month's workbook in the browser:
    only the people paid TPP this month, the header row frozen while scrolling,
    amounts and dates in Indonesian formats; the CSV stays machine-readable."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.emp_employee.nip = "199001012015031001"
        cls.newcomer = cls.env["hr.employee"].create(
            {
                "name": "Pegawai Baru Tanpa Kelas",
                "company_id": cls.company.id,
                "department_id": cls.opd.id,
                "resource_calendar_id": cls.calendar.id,
            }
        )
        cls.mark(cls.newcomer, dict.fromkeys(cls.working_days(OCT), "H"))

    def setUp(self):
        super().setUp()
        self.october = self.period(OCT)
        self.october.action_compute()
        self.october.action_start_review()
        self.october.action_lock()
        self.action = self.october.action_export()

    def test_export_button_downloads_the_workbook(self):
        self.assertEqual(self.action["type"], "ir.actions.act_url")
        self.assertIn("download=true", self.action["url"])
        attachment_id = int(self.action["url"].split("/web/content/")[1].split("?")[0])
        attachment = self.env["ir.attachment"].sudo().browse(attachment_id)
        self.assertEqual(attachment.res_id, self.october.id)
        self.assertEqual(attachment.res_field, "export_xlsx")
        self.assertEqual(attachment.datas, self.october.export_xlsx)

    def test_people_outside_tpp_are_left_out(self):
        # the month still lists the newcomer (the warning names them) ...
        self.assertEqual(self.line(self.october, self.newcomer).base_source, "none")
        # ... but payroll gets nothing for them
        rows = list(
            csv.reader(io.StringIO(base64.b64decode(self.october.export_csv).decode()))
        )
        names = [row[1] for row in rows[1:]]
        self.assertEqual(len(names), 4)
        self.assertNotIn("Pegawai Baru Tanpa Kelas", names)
        sheet = self._sheet()
        sheet_names = [sheet.cell(row, 2).value for row in range(5, sheet.max_row + 1)]
        self.assertNotIn("Pegawai Baru Tanpa Kelas", sheet_names)
        self.assertEqual(sheet_names[-1], None)  # the totals row
        self.assertEqual(len(sheet_names), 5)

    def test_workbook_freezes_header_and_uses_indonesian_formats(self):
        sheet = self._sheet()
        self.assertEqual(sheet.cell(4, 1).value, "NIP")
        self.assertEqual(sheet.freeze_panes, "A5")
        row = next(r for r in range(5, 9) if sheet.cell(r, 2).value == "Pegawai Bidang")
        amount = sheet.cell(row, 5)
        self.assertEqual(amount.value, 5_000_000)  # a number, not a text
        self.assertEqual(amount.number_format, "[$-421]#,##0")
        percent = sheet.cell(row, 6)
        self.assertEqual(percent.value, 41.75)
        self.assertEqual(percent.number_format, "[$-421]#,##0.00")
        self.assertEqual(sheet.cell(9, 7).number_format, "[$-421]#,##0")  # totals
        self.assertEqual(sheet.cell(3, 1).value, "Tanggal ekspor")
        exported = sheet.cell(3, 2)
        self.assertTrue(exported.is_date)
        self.assertEqual(exported.value.date(), datetime.date(2026, 11, 3))
        self.assertEqual(exported.number_format, "[$-421]d mmmm yyyy")

    def test_csv_stays_machine_readable(self):
        content = base64.b64decode(self.october.export_csv).decode()
        rows = {row[1]: row for row in csv.reader(io.StringIO(content))}
        self.assertEqual(rows["Pegawai Bidang"][4:6], ["5000000", "41.75"])
        self.assertIn('"199001012015031001"', content)

    def _sheet(self):
        content = base64.b64decode(self.october.export_xlsx)
        return load_workbook(io.BytesIO(content)).active

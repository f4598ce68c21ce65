from odoo import models
from odoo.tools.misc import format_date

from odoo.addons.simantap_attendance.report.formats import workbook_env

HEADERS = [
    ("NIP", 20),
    ("Nama", 32),
    ("Unit", 28),
    ("Kelas Jabatan", 16),
    ("TPP", 14),
    ("Potongan (%)", 13),
    ("Potongan (Rp)", 14),
    ("Penyesuaian (Rp)", 16),
    ("TPP Bersih", 14),
]


class SanctionPeriodXlsx(models.AbstractModel):
    """A locked TPP month for payroll: one sheet, Indonesian headers, the NIP as text
    (so that spreadsheets keep all 18 digits), totals at the bottom."""

    _name = "report.simantap_sanction.sanction_period_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "TPP Month XLSX"

    def generate_xlsx_report(self, workbook, data, periods):
        bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        text = workbook.add_format({"num_format": "@"})
        money = workbook.add_format({"num_format": "#,##0"})
        percent = workbook.add_format({"num_format": "0.00"})
        env = workbook_env(self.env)
        for period in periods:
            month = format_date(env, period.date_from, date_format="MMMM y")
            rule_set = period.rule_set_id.with_context(lang=env.lang)
            sheet = workbook.add_worksheet(f"TPP {period.date_from:%Y-%m}")
            sheet.write(0, 0, f"TPP {month} {period.company_id.name}", bold)
            sheet.write(
                1, 0, f"{rule_set.name or ''} {rule_set.regulation_ref or ''}".strip()
            )
            for col, (title, width) in enumerate(HEADERS):
                sheet.write(3, col, title, bold)
                sheet.set_column(col, col, width)
            row = 4
            for line in period._simantap_export_rows():
                sheet.write_string(row, 0, line["nip"], text)
                sheet.write_string(row, 1, line["name"])
                sheet.write_string(row, 2, line["unit"])
                sheet.write_string(row, 3, line["position_class"])
                sheet.write_number(row, 4, float(line["tpp_base"]), money)
                sheet.write_number(row, 5, float(line["percent"]), percent)
                sheet.write_number(row, 6, float(line["deduction"]), money)
                sheet.write_number(row, 7, float(line["adjustment"]), money)
                sheet.write_number(row, 8, float(line["net"]), money)
                row += 1
            if row > 4:
                sheet.write(row, 3, "Jumlah", bold)
                for col in (4, 6, 7, 8):
                    letter = chr(ord("A") + col)
                    sheet.write_formula(
                        row, col, f"=SUM({letter}5:{letter}{row})", money
                    )

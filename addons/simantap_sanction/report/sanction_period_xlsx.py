from odoo import fields, models
from odoo.tools.misc import format_date

from odoo.addons.simantap_attendance.report.formats import workbook_env

# Indonesian display whatever the reader's own settings: the locale tag [$-421]
# (Indonesian) makes spreadsheets show 1.234.567 and 41,75 and month names in
# Indonesian, while the cells stay numbers and dates.
ID_MONEY = "[$-421]#,##0"
ID_PERCENT = "[$-421]#,##0.00"
ID_DATE = "[$-421]d mmmm yyyy"
HEADER_ROW = 3

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
    """A locked TPP month for payroll: one sheet, Indonesian headers frozen above
    the rows, the NIP as text (so that spreadsheets keep all 18 digits), amounts
    and dates in Indonesian formats, totals at the bottom.  Employees outside TPP
    this month are left out (see ``_simantap_export_rows``)."""

    _name = "report.simantap_sanction.sanction_period_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "TPP Month XLSX"

    def generate_xlsx_report(self, workbook, data, periods):
        bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        text = workbook.add_format({"num_format": "@"})
        money = workbook.add_format({"num_format": ID_MONEY})
        percent = workbook.add_format({"num_format": ID_PERCENT})
        date = workbook.add_format({"num_format": ID_DATE, "align": "left"})
        env = workbook_env(self.env)
        for period in periods:
            month = format_date(env, period.date_from, date_format="MMMM y")
            rule_set = period.rule_set_id.with_context(lang=env.lang)
            sheet = workbook.add_worksheet(f"TPP {period.date_from:%Y-%m}")
            sheet.write(0, 0, f"TPP {month} {period.company_id.name}", bold)
            sheet.write(
                1, 0, f"{rule_set.name or ''} {rule_set.regulation_ref or ''}".strip()
            )
            if period.exported_at:
                sheet.write_string(2, 0, "Tanggal ekspor")
                exported = fields.Datetime.context_timestamp(period, period.exported_at)
                sheet.write_datetime(2, 1, exported.date(), date)
            for col, (title, width) in enumerate(HEADERS):
                sheet.write(HEADER_ROW, col, title, bold)
                sheet.set_column(col, col, width)
            sheet.freeze_panes(HEADER_ROW + 1, 0)
            row = HEADER_ROW + 1
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

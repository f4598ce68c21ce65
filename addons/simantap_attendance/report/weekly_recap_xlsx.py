from odoo import models

from .formats import date_text, percent_text, workbook_env

HEADERS = [
    ("NIP", 20),
    ("Nama", 32),
    ("Hari Kerja", 11),
    ("Hadir", 8),
    ("Terlambat (TL)", 15),
    ("Pulang Cepat (PSW)", 18),
    ("Tanpa Keterangan (TK)", 21),
    ("Lupa Absen", 11),
    ("Dinas Luar (DL)", 15),
    ("Cuti/Izin", 10),
    ("Keluar Area", 12),
    ("Menit Terlambat", 16),
    ("Menit Pulang Cepat", 19),
    ("Menit di Luar Area", 18),
    ("Jawaban Cek Kehadiran (%)", 25),
    ("Skor Disiplin (%)", 17),
]


class WeeklyRecapXlsx(models.AbstractModel):
    """The weekly recap as a workbook: one sheet per unit, Indonesian headers, NIP as
    text (so that spreadsheets keep all 18 digits)."""

    _name = "report.simantap_attendance.weekly_recap_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Weekly Recap XLSX"

    def generate_xlsx_report(self, workbook, data, units):
        bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        text = workbook.add_format({"num_format": "@"})
        percent = workbook.add_format({"num_format": "0.0"})
        used = set()
        env = workbook_env(self.env)
        for unit in units:
            name = (unit.department_id.name or "Unit")[:28]
            for forbidden in "[]:*?/\\":
                name = name.replace(forbidden, " ")
            sheet_name, suffix = name, 2
            while sheet_name.lower() in used:
                sheet_name, suffix = f"{name[:25]} {suffix}", suffix + 1
            used.add(sheet_name.lower())
            sheet = workbook.add_worksheet(sheet_name)
            sheet.write(0, 0, f"Rekap mingguan {unit.department_id.name}", bold)
            sheet.write(
                1,
                0,
                f"Minggu mulai {date_text(env, unit.week_start)}; skor disiplin "
                f"{percent_text(env, unit.discipline_score)}; peringkat {unit.rank}",
            )
            for col, (title, width) in enumerate(HEADERS):
                sheet.write(3, col, title, bold)
                sheet.set_column(col, col, width)
            for row, line in enumerate(
                unit.line_ids.sorted(lambda recap: recap.employee_id.name), start=4
            ):
                employee = line.employee_id.sudo()
                sheet.write_string(row, 0, employee.nip or "", text)
                sheet.write_string(row, 1, employee.name)
                values = [
                    line.days_expected,
                    line.days_present,
                    line.count_late,
                    line.count_early,
                    line.count_absent,
                    line.count_missing,
                    line.count_duty,
                    line.count_leave,
                    line.count_outside,
                    line.minutes_late,
                    line.minutes_early,
                    line.minutes_outside,
                ]
                for col, value in enumerate(values, start=2):
                    sheet.write_number(row, col, value)
                if line.checks_expected:  # no check due: no rate, not 100 %
                    sheet.write_number(row, 14, line.answer_rate, percent)
                sheet.write_number(row, 15, line.discipline_score, percent)

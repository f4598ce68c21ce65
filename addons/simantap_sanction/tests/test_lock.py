import base64
import csv
import io

from openpyxl import load_workbook

from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from .common import DEC, NOV, OCT, D
from .test_month import MonthCase


@tagged("post_install", "-at_install")
@freeze_time("2026-11-03 10:00:00")
class TestLockAndAdjustments(MonthCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.emp_employee.nip = "199001012015031001"
        cls.emp_colleague.nip = "198505122010012002"

    def locked_october(self):
        period = self.period(OCT)
        period.action_compute()
        period.action_start_review()
        period.action_lock()
        return period

    def test_lock_freezes_days_and_lines(self):
        other = self.env["simantap.daily.status"].create(
            {
                "employee_id": self.emp_foreign.id,
                "date": D(2026, 10, 1),
                "effective_codes": "TK",
            }
        )
        period = self.locked_october()
        self.assertEqual(period.state, "locked")
        self.assertEqual(period.locked_by_id, self.user_payroll)
        self.assertTrue(period.locked_at)
        october = self.Status.search(
            [
                ("company_id", "=", self.company.id),
                ("date", ">=", OCT),
                ("date", "<", NOV),
            ]
        )
        self.assertEqual(len(october), 88)
        self.assertTrue(all(october.mapped("locked")))
        self.assertFalse(other.locked)  # another company's month is not ours
        # the daily evaluation never rewrites a locked day (no attendance: it would say TK)
        self.Status._evaluate(D(2026, 10, 1), D(2026, 10, 1), self.emp_employee)
        self.days[D(2026, 10, 1)].invalidate_recordset()
        self.assertEqual(self.days[D(2026, 10, 1)].effective_codes, "H TL1")
        # the ordinary correction refuses it; the lines are frozen
        with self.assertRaises(UserError):
            self.days[D(2026, 10, 13)].with_user(self.user_officer).action_correct(
                "DL", "x"
            )
        self.assertEqual(self.code_of(period.action_compute), "wrong_state")
        self.assertEqual(
            self.line(period, self.emp_employee).deduction,
            835_000,
        )

    def test_correction_after_the_lock_lands_next_month(self):
        period = self.locked_october()
        line = self.line(period, self.emp_employee)
        paid = line.deduction
        status = self.days[D(2026, 10, 13)].with_user(self.user_officer)
        adjustment = status.action_correct_locked("DL", "Surat tugas ditemukan")
        # by hand: one TK day (3%) less -> 38.75% of 2 000 000 = 775 000, 60 000 back
        self.assertEqual(adjustment.origin_line_id, line)
        self.assertEqual(adjustment.deduction_before, paid)
        self.assertEqual(adjustment.deduction_after, paid - 60_000)
        self.assertEqual(adjustment.amount, -60_000)
        self.assertEqual((adjustment.old_codes, adjustment.new_codes), ("TK", "DL"))
        # the locked day and line stay as paid
        self.assertEqual(status.effective_codes, "TK")
        self.assertEqual(line.deduction, paid)
        # it lands in November, created as a draft
        november = adjustment.period_id.with_user(self.user_payroll)
        self.assertEqual((november.date_from, november.state), (NOV, "draft"))
        self.mark(self.emp_employee, {D(2026, 11, 2): "H TL2"})
        november.action_compute()
        nov_line = self.line(november, self.emp_employee)
        # November: TL2 1% of 2 000 000 = 20 000; adjustment -60 000
        self.assertEqual(nov_line.deduction, 20_000)
        self.assertEqual(nov_line.adjustment_amount, -60_000)
        self.assertEqual(nov_line.net, 5_000_000 - 20_000 + 60_000)
        self.assertEqual(nov_line.adjustment_ids, adjustment)
        # a second correction of the same month counts from what is now paid:
        # TK -> IZIN (2%): 35.75 + 2 = 37.75% = 755 000, 20 000 back
        second = (
            self.days[D(2026, 10, 12)]
            .with_user(self.user_officer)
            .action_correct_locked("IZIN", "Izin tertulis")
        )
        self.assertEqual(second.deduction_before, paid - 60_000)
        self.assertEqual(second.amount, -20_000)
        self.assertEqual(second.period_id, november)
        # landing in a computed month, it updates the line at once
        self.assertEqual(
            self.line(november, self.emp_employee).adjustment_amount, -80_000
        )
        third = (
            self.days[D(2026, 10, 1)]
            .with_user(self.user_officer)
            .action_correct_locked("H", "Jam mesin salah")
        )
        self.assertEqual(third.amount, -10_000)
        self.assertEqual(
            self.line(november, self.emp_employee).adjustment_amount, -90_000
        )

    def test_adjustment_skips_a_locked_month(self):
        october = self.locked_october()
        november = self.period(NOV)
        self.mark(self.emp_colleague, {D(2026, 11, 2): "H"})
        november.action_compute()
        november.action_start_review()
        november.action_lock()
        # the colleague's TK on 5 October was field duty: 3% more or less changes
        # nothing, the month is capped (103% -> 100%)
        adjustment = (
            self.Status.search(
                [
                    ("employee_id", "=", self.emp_colleague.id),
                    ("date", "=", D(2026, 10, 5)),
                ]
            )
            .with_user(self.user_officer)
            .action_correct_locked("DL", "Surat tugas")
        )
        self.assertEqual(adjustment.origin_period_id, october)
        self.assertEqual(adjustment.period_id.date_from, DEC)
        self.assertEqual(adjustment.amount, 0)

    def test_correction_refusals(self):
        period = self.period(OCT)
        period.action_compute()
        status = self.days[D(2026, 10, 13)]
        officer = status.with_user(self.user_officer)
        self.assertEqual(
            self.code_of(officer.action_correct_locked, "DL", "x"), "not_locked"
        )
        period.action_start_review()
        period.action_lock()
        self.assertEqual(
            self.code_of(
                status.with_user(self.user_payroll).action_correct_locked, "DL", "x"
            ),
            "not_officer",
        )
        self.assertEqual(
            self.code_of(officer.action_correct_locked, "DL", " "), "correction_reason"
        )
        self.assertEqual(
            self.code_of(officer.action_correct_locked, "XX", "x"), "unknown_codes"
        )

    def test_locked_day_correction_wizard(self):
        self.locked_october()
        wizard = (
            self.env["simantap.locked.day.correction"]
            .with_user(self.user_officer)
            .with_context(
                active_model="simantap.daily.status",
                active_ids=self.days[D(2026, 10, 13)].ids,
            )
            .create(
                {
                    "code_ids": [
                        (6, 0, self.env.ref("simantap_attendance.status_code_dl").ids)
                    ],
                    "reason": "Surat tugas",
                }
            )
        )
        action = wizard.action_apply()
        adjustment = self.env["simantap.sanction.adjustment"].search(action["domain"])
        self.assertEqual(adjustment.amount, -60_000)

    def test_export(self):
        period = self.locked_october()
        period.action_export()
        self.assertEqual(period.state, "exported")
        self.assertEqual(period.exported_by_id, self.user_payroll)
        self.assertTrue(period.exported_at)
        self.assertEqual(period.export_csv_name, f"tpp-2026-10-{self.company.id}.csv")
        rows = list(
            csv.reader(io.StringIO(base64.b64decode(period.export_csv).decode()))
        )
        self.assertEqual(
            rows[0],
            [
                "NIP",
                "Nama",
                "Unit",
                "Kelas Jabatan",
                "TPP",
                "Potongan (%)",
                "Potongan (Rp)",
                "Penyesuaian (Rp)",
                "TPP Bersih",
            ],
        )
        by_name = {row[1]: row for row in rows[1:]}
        self.assertEqual(len(by_name), 4)
        self.assertEqual(
            by_name["Pegawai Bidang"],
            [
                "199001012015031001",
                "Pegawai Bidang",
                "Bidang Uji",
                "Kelas 9",
                "5000000",
                "41.75",
                "835000",
                "0",
                "4165000",
            ],
        )
        self.assertEqual(
            by_name["Rekan Dinas Lain"],
            [
                "198505122010012002",
                "Rekan Dinas Lain",
                "Dinas Lain",
                "Kelas 7",
                "3000000",
                "100",
                "1200000",
                "0",
                "1800000",
            ],
        )
        self.assertEqual(by_name["Kepala Dinas Uji"][5:], ["100", "6000000", "0", "0"])
        self.assertEqual(by_name["Petugas BKPSDM"][4:7], ["4000250", "0.5", "8001"])
        # the NIP is quoted text, so a spreadsheet keeps its 18 digits
        self.assertIn(
            '"199001012015031001"', base64.b64decode(period.export_csv).decode()
        )
        # units in order: Bidang Uji, Dinas Lain, Dinas Uji
        self.assertEqual([row[2] for row in rows[1:]][0], "Bidang Uji")
        book = load_workbook(io.BytesIO(base64.b64decode(period.export_xlsx)))
        sheet = book.active
        self.assertEqual(sheet.cell(4, 1).value, "NIP")
        cells = {sheet.cell(r, 2).value: r for r in range(5, 9)}
        row = cells["Pegawai Bidang"]
        self.assertEqual(sheet.cell(row, 1).value, "199001012015031001")
        self.assertEqual(sheet.cell(row, 1).data_type, "s")
        self.assertEqual(sheet.cell(row, 7).value, 835_000)
        self.assertEqual(sheet.cell(9, 4).value, "Jumlah")
        # exporting again is allowed and records who and when again
        period.action_export()
        self.assertEqual(period.state, "exported")

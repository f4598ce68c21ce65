import datetime

from odoo.tests import freeze_time, tagged

from .common import NOV, OCT, D, SanctionCase

WORKED_EXAMPLE = {
    D(2026, 10, 1): "H TL1",
    D(2026, 10, 2): "H TL2",
    D(2026, 10, 5): "H TL3",
    D(2026, 10, 6): "H TL4",
    D(2026, 10, 7): "LAM PSW1",  # no check-in: counts as TL4
    D(2026, 10, 8): "H PSW2",  # left 31-60 minutes early
    D(2026, 10, 9): "H TL1 LAP",  # no check-out: counts as PSW4
    D(2026, 10, 12): "TK",
    D(2026, 10, 13): "TK",
    D(2026, 10, 14): "DL",
    D(2026, 10, 15): "CT",
    D(2026, 10, 16): "H KA2",  # outside the area 31-60 minutes
    D(2026, 10, 19): "CS",
    D(2026, 10, 20): "CS",
    D(2026, 10, 21): "CS",
}


class MonthCase(SanctionCase):
    """October 2026 (22 working days) for four employees of the test company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        days = cls.working_days(OCT)
        example = {day: WORKED_EXAMPLE.get(day, "H") for day in days}
        cls.days = cls.mark(cls.emp_employee, example)
        moment = datetime.datetime(2026, 10, 22, 3, 0)
        cls.env["simantap.spot.check"].create(
            {
                "employee_id": cls.emp_employee.id,
                "work_date": D(2026, 10, 22),
                "due_at": moment,
                "day_end": moment + datetime.timedelta(hours=6),
                "state": "unanswered",
            }
        )
        # the colleague: unpaid leave from the 26th and one TK: 103% -> capped at 100%
        colleague = dict.fromkeys(days, "H")
        colleague[D(2026, 10, 5)] = "TK"
        for day in days[-5:]:
            colleague[day] = "CLTN"
        cls.mark(cls.emp_colleague, colleague)
        # the head: absent 10 working days in a row (1st-14th): the TPP is forfeited
        head = dict.fromkeys(days, "H")
        for day in days[:10]:
            head[day] = "TK"
        cls.mark(cls.emp_head, head)
        # the officer: individual amount, late once
        officer = dict.fromkeys(days, "H")
        officer[D(2026, 10, 1)] = "H TL1"
        cls.mark(cls.emp_officer, officer)


@tagged("post_install", "-at_install")
@freeze_time("2026-11-03 10:00:00")
class TestMonth(MonthCase):
    def test_worked_example(self):
        period = self.period(OCT)
        period.action_compute()
        self.assertEqual(period.state, "computed")
        self.assertEqual(period.rule_set_id, self.default_set)
        line = self.line(period, self.emp_employee)
        # by hand: TL1 2x0.5 = 1, TL2 1, TL3 1.25, TL4 (TL4 + LAM) 2x1.5 = 3,
        # PSW1 0.5, PSW2 1, PSW4 (LAP) 1.5, TK 2x3 = 6, DL 0, CT (no rule),
        # KA2 1 (proposal), CS 3 days in the month: 25, one unanswered spot check 0.5
        # total 41.75% of the discipline component (40% of 5 000 000 = 2 000 000)
        # = 835 000 rupiah; net 4 165 000.
        total = 41.75
        self.assertAlmostEqual(line.total_percent, total)
        self.assertAlmostEqual(line.capped_percent, total)
        self.assertEqual(line.tpp_base, 5_000_000)
        self.assertEqual(line.percent_base, 2_000_000)
        self.assertEqual(line.deduction, 835_000)
        self.assertEqual(line.net, 4_165_000)
        self.assertEqual((line.working_days, line.tk_days), (22, 2))
        self.assertEqual(line.position_class_id, self.class_9)
        self.assertEqual(line.base_source, "class")
        self.assertEqual(line.department_id, self.sub_unit)
        self.assertIn("CS 3", line.code_counts)
        self.assertIn("LAM 1", line.code_counts)
        items = {item.code: (item.count, item.percent) for item in line.item_ids}
        self.assertEqual(items["TL1"], (2, 1.0))
        self.assertEqual(items["TL4"], (2, 3.0))
        self.assertEqual(items["PSW4"], (1, 1.5))
        self.assertEqual(items["TK"], (2, 6.0))
        self.assertEqual(items["KA2"], (1, 1.0))
        self.assertEqual(items["CS"], (3, 25.0))
        # field duty and annual leave cost nothing: counted, not in the breakdown
        self.assertNotIn("DL", items)
        self.assertNotIn("CT", items)
        self.assertIn("DL 1", line.code_counts)
        self.assertIn("CT 1", line.code_counts)
        # the breakdown, day by day
        rows = {
            (detail.date, detail.code): detail.percent
            for detail in line.detail_ids
            if detail.date
        }
        self.assertEqual(rows[(D(2026, 10, 7), "LAM")], 1.5)
        self.assertEqual(rows[(D(2026, 10, 12), "TK")], 3.0)
        lam = line.detail_ids.filtered(lambda d: d.code == "LAM")
        self.assertEqual(
            lam.rule_id, self.env.ref("simantap_sanction.tpp_rule_default_tl4")
        )
        self.assertIn("TL4", lam.rule_id.display_name)
        self.assertIn("2026-10-07", lam.description)
        self.assertAlmostEqual(sum(line.detail_ids.mapped("percent")), total)
        self.assertIn("CS on 3 days", line.breakdown)

    def test_cap_forfeit_and_individual_amount(self):
        period = self.period(OCT)
        period.action_compute()
        # CLTN once in the month 100% + TK 3% = 103% -> 100% of 40% of 3 000 000
        colleague = self.line(period, self.emp_colleague)
        self.assertAlmostEqual(colleague.total_percent, 103.0)
        self.assertAlmostEqual(colleague.capped_percent, 100.0)
        self.assertEqual((colleague.deduction, colleague.net), (1_200_000, 1_800_000))
        # 10 TK working days in a row: 30% by the rules, but the whole TPP forfeited
        head = self.line(period, self.emp_head)
        self.assertTrue(head.forfeited)
        self.assertAlmostEqual(head.capped_percent, 30.0)
        self.assertEqual((head.deduction, head.net), (6_000_000, 0))
        self.assertEqual(head.detail_ids[-1].kind, "forfeit")
        # individual amount 4 000 250: 0.5% of 1 600 100 = 8 000.5 -> 8 001 (half up)
        officer = self.line(period, self.emp_officer)
        self.assertEqual(officer.base_source, "override")
        self.assertEqual((officer.tpp_base, officer.deduction), (4_000_250, 8_001))
        # totals of the month
        self.assertEqual(period.line_count, 4)
        self.assertEqual(
            period.total_deduction,
            sum(period.line_ids.mapped("deduction")),
        )

    def test_recompute_is_repeatable(self):
        period = self.period(OCT)
        period.action_compute()
        first = [
            (line.employee_id.id, line.deduction, line.net, line.code_counts)
            for line in period.line_ids.sorted("employee_id")
        ]
        details = len(period.line_ids.detail_ids)
        period.action_compute()
        period.action_compute()
        again = [
            (line.employee_id.id, line.deduction, line.net, line.code_counts)
            for line in period.line_ids.sorted("employee_id")
        ]
        self.assertEqual(first, again)
        self.assertEqual(len(period.line_ids.detail_ids), details)
        self.assertEqual(
            self.env["simantap.sanction.line"].search_count(
                [("period_id", "=", period.id)]
            ),
            4,
        )
        # a fact corrected before review changes the recomputed line
        self.days[D(2026, 10, 12)].with_user(self.user_officer).action_correct(
            "DL", "Surat tugas terlambat diunggah"
        )
        period.action_compute()
        self.assertEqual(self.line(period, self.emp_employee).tk_days, 1)

    def test_rule_set_change_between_months(self):
        # From November a company set of its own: TK 5% a day, rounded to 100 rupiah.
        new = self.default_set.copy(
            {
                "name": "Perbup Uji 2026",
                "regulation_ref": "Perbup Uji No. 7 Tahun 2026",
                "company_id": self.company.id,
                "date_from": NOV,
                "rounding_unit": 100,
            }
        )
        new.rule_ids.filtered(lambda r: r.label == "TK").percent = 5.0
        nov = self.working_days(NOV)
        self.mark(self.emp_officer, {nov[0]: "TK", nov[1]: "H TL1"})
        october, november = self.period(OCT), self.period(NOV)
        (october | november).action_compute()
        self.assertEqual(october.rule_set_id, self.default_set)
        self.assertEqual(november.rule_set_id, new)
        # November: TK 5% + TL1 0.5% of 1 600 100 = 88 005.5 -> 88 000 (to 100 rupiah)
        officer = self.line(november, self.emp_officer)
        self.assertAlmostEqual(officer.capped_percent, 5.5)
        self.assertEqual(officer.deduction, 88_000)
        self.assertEqual(
            self.env["simantap.tpp.rule.set"]._simantap_in_force(self.company, NOV), new
        )
        self.assertEqual(
            self.env["simantap.tpp.rule.set"]._simantap_in_force(
                self.other_company, NOV
            ),
            self.default_set,
        )

    def test_breakdown_survives_a_rule_deleted_after_the_computation(self):
        # the breakdown keeps its rule as an id (no foreign key): a rule deleted
        # while the month is only computed reads as none until the next compute
        new = self.default_set.copy(
            {"name": "Perbup Uji 2026", "company_id": self.company.id, "date_from": NOV}
        )
        nov = self.working_days(NOV)
        self.mark(self.emp_officer, {nov[0]: "TK", nov[1]: "H TL1"})
        november = self.period(NOV)
        november.action_compute()
        officer = self.line(november, self.emp_officer)
        tk_rule = new.rule_ids.filtered(lambda r: r.label == "TK")
        tk = officer.detail_ids.filtered(lambda d: d.code == "TK")
        self.assertEqual(tk.rule_id, tk_rule)
        self.assertEqual(set(officer.item_ids.mapped("code")), {"TK", "TL1"})
        tk_rule.unlink()
        self.env.invalidate_all()
        self.assertFalse(tk.rule_id)
        self.assertIn("TK", tk.description)
        self.assertAlmostEqual(tk.percent, 3.0)
        self.assertEqual(officer.item_ids.mapped("code"), ["TL1"])

    def test_lines_grouped_by_unit(self):
        period = self.period(OCT)
        period.action_compute()
        groups = self.env["simantap.sanction.line"].read_group(
            [("period_id", "=", period.id)],
            ["deduction:sum", "net:sum"],
            ["department_id"],
        )
        by_unit = {g["department_id"][1]: g["deduction"] for g in groups}
        self.assertEqual(by_unit["Dinas Lain"], 1_200_000 + 8_001)
        self.assertEqual(by_unit["Dinas Uji"], 6_000_000)
        self.assertEqual(
            [v for k, v in by_unit.items() if k.endswith("Bidang Uji")],
            [835_000],
        )

    def test_employee_without_assignment(self):
        newcomer = self.env["hr.employee"].create(
            {
                "name": "Pegawai Baru",
                "department_id": self.opd.id,
                "company_id": self.company.id,
            }
        )
        self.mark(newcomer, {D(2026, 10, 1): "TK"})
        period = self.period(OCT)
        period.action_compute()
        line = self.line(period, newcomer)
        self.assertEqual(
            (line.base_source, line.tpp_base, line.deduction), ("none", 0, 0)
        )
        self.assertAlmostEqual(line.capped_percent, 3.0)

    def test_assignment_in_force_on_the_first_day(self):
        # promoted on 15 October: October still pays class 9, November class 12
        self.assign_employee.date_to = D(2026, 10, 14)
        self.env["simantap.tpp.assignment"].create(
            {
                "employee_id": self.emp_employee.id,
                "position_class_id": self.class_12.id,
                "date_from": D(2026, 10, 15),
            }
        )
        self.env["simantap.position.class.amount"].create(
            {
                "position_class_id": self.class_12.id,
                "date_from": NOV,
                "amount": 6_500_000,
            }
        )
        self.mark(self.emp_employee, {D(2026, 11, 2): "H"})
        october, november = self.period(OCT), self.period(NOV)
        (october | november).action_compute()
        self.assertEqual(self.line(october, self.emp_employee).tpp_base, 5_000_000)
        self.assertEqual(self.line(november, self.emp_employee).tpp_base, 6_500_000)
        self.assertEqual(
            self.code_of(
                self.env["simantap.tpp.assignment"].create,
                {
                    "employee_id": self.emp_employee.id,
                    "position_class_id": self.class_7.id,
                    "date_from": D(2026, 12, 1),
                },
            ),
            "assignment_overlap",
        )

    def test_one_period_per_month_and_state_machine(self):
        period = self.period(D(2026, 10, 17))
        self.assertEqual(period.date_from, OCT)
        self.assertEqual(period.date_to, D(2026, 10, 31))
        self.assertEqual(self.code_of(self.period, OCT), "period_exists")
        self.assertEqual(self.code_of(period.action_start_review), "wrong_state")
        self.assertEqual(self.code_of(period.action_lock), "wrong_state")
        self.assertEqual(self.code_of(period.action_export), "wrong_state")
        period.action_compute()
        period.action_start_review()
        self.assertEqual(self.code_of(period.action_compute), "wrong_state")
        period.action_back_to_draft()
        self.assertEqual(period.state, "draft")

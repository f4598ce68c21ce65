from odoo.tests import freeze_time, tagged

from .common import NOV, OCT, D, SanctionCase


@tagged("post_install", "-at_install")
@freeze_time("2026-11-03 10:00:00")
class TestRuleSet(SanctionCase):
    def rule(self, rule_set, label):
        return rule_set.rule_ids.filtered(lambda r: r.label == label)

    def test_default_set_has_the_reference_values(self):
        rule_set = self.default_set
        self.assertFalse(rule_set.company_id)
        self.assertEqual(
            (rule_set.base_kind, rule_set.discipline_share, rule_set.cap_percent),
            ("discipline", 40.0, 100.0),
        )
        self.assertEqual(rule_set.forfeit_tk_run, 10)
        expected = {
            "TL1": 0.5,
            "TL2": 1.0,
            "TL3": 1.25,
            "TL4": 1.5,
            "PSW1": 0.5,
            "PSW2": 1.0,
            "PSW3": 1.25,
            "PSW4": 1.5,
            "TK": 3.0,
            "CB": 3.0,
            "IZIN": 2.0,
            "CLTN": 100.0,
        }
        for label, percent in expected.items():
            self.assertEqual(self.rule(rule_set, label).percent, percent, label)
        self.assertEqual(self.rule(rule_set, "TK").method, "day")
        self.assertEqual(self.rule(rule_set, "CLTN").method, "month")
        self.assertEqual(
            self.rule(rule_set, "TL4").extra_code_ids.mapped("code"), ["LAM"]
        )
        self.assertEqual(
            self.rule(rule_set, "PSW4").extra_code_ids.mapped("code"), ["LAP"]
        )
        tiers = self.rule(rule_set, "CS").tier_ids
        self.assertEqual(
            [(t.count_from, t.count_to, t.percent) for t in tiers],
            [(1, 2, 0.0), (3, 14, 25.0), (15, 31, 50.0)],
        )
        proposals = rule_set.rule_ids.filtered("is_proposal").mapped("label")
        self.assertEqual(sorted(proposals), ["KA1", "KA2", "KA3", "KA4", "SPOT"])
        self.assertFalse(self.rule(rule_set, "TK").is_proposal)

    def test_sets_never_overlap_within_a_company(self):
        RuleSet = self.env["simantap.tpp.rule.set"].with_user(self.user_payroll)
        first = RuleSet.create(
            {
                "name": "Perbup 2025",
                "company_id": self.company.id,
                "date_from": D(2025, 1, 1),
            }
        )
        self.assertEqual(
            self.code_of(
                RuleSet.create,
                {
                    "name": "Perbup 2026",
                    "company_id": self.company.id,
                    "date_from": D(2026, 1, 1),
                },
            ),
            "rule_set_overlap",
        )
        first.date_to = D(2025, 12, 31)
        second = RuleSet.create(
            {
                "name": "Perbup 2026",
                "company_id": self.company.id,
                "date_from": D(2026, 1, 1),
            }
        )
        self.assertEqual(
            self.code_of(second.write, {"date_from": D(2025, 12, 1)}),
            "rule_set_overlap",
        )
        # another company may have its own set over the same days
        self.env["simantap.tpp.rule.set"].create(
            {
                "name": "Lain",
                "company_id": self.other_company.id,
                "date_from": D(2026, 1, 1),
            }
        )

    def test_month_uses_the_set_in_force_on_its_first_day(self):
        RuleSet = self.env["simantap.tpp.rule.set"]
        until_mid = self.default_set.copy(
            {
                "name": "A",
                "company_id": self.company.id,
                "date_from": OCT,
                "date_to": D(2026, 11, 14),
            }
        )
        from_mid = self.default_set.copy(
            {"name": "B", "company_id": self.company.id, "date_from": D(2026, 11, 15)}
        )
        self.assertEqual(RuleSet._simantap_in_force(self.company, NOV), until_mid)
        self.assertEqual(
            RuleSet._simantap_in_force(self.company, D(2026, 12, 1)), from_mid
        )
        self.assertEqual(
            RuleSet._simantap_in_force(self.company, D(2026, 9, 1)), self.default_set
        )
        self.mark(self.emp_employee, {D(2026, 11, 2): "TK"})
        period = self.period(NOV)
        period.action_compute()
        self.assertEqual(period.rule_set_id, until_mid)

    def test_no_rule_set(self):
        self.default_set.active = False
        period = self.period(OCT)
        self.assertEqual(self.code_of(period.action_compute), "no_rule_set")

    def test_a_set_used_by_a_locked_month_is_frozen(self):
        own = self.default_set.copy(
            {
                "name": "Perbup Uji",
                "company_id": self.company.id,
                "date_from": D(2026, 1, 1),
            }
        )
        self.mark(self.emp_employee, {D(2026, 10, 1): "TK"})
        period = self.period(OCT)
        period.action_compute()
        # computed but not locked: still editable
        self.rule(own, "TK").with_user(self.user_payroll).percent = 4.0
        period.action_compute()
        self.assertAlmostEqual(self.line(period, self.emp_employee).capped_percent, 4.0)
        period.action_start_review()
        period.action_lock()
        own = own.with_user(self.user_payroll)
        self.assertTrue(own.used_by_locked)
        tk = self.rule(own, "TK")
        self.assertEqual(self.code_of(tk.write, {"percent": 5.0}), "rule_set_used")
        self.assertEqual(
            self.code_of(own.write, {"cap_percent": 80.0}), "rule_set_used"
        )
        self.assertEqual(self.code_of(tk.unlink), "rule_set_used")
        self.assertEqual(self.code_of(own.unlink), "rule_set_used")
        self.assertEqual(
            self.code_of(
                self.env["simantap.tpp.rule"].create,
                {"rule_set_id": own.id, "name": "APEL", "applies_to": "spot_check"},
            ),
            "rule_set_used",
        )
        self.assertEqual(
            self.code_of(self.rule(own, "CS").tier_ids[0].write, {"percent": 1.0}),
            "rule_set_used",
        )
        self.assertEqual(
            self.code_of(own.write, {"date_to": D(2026, 9, 30)}), "rule_set_used"
        )
        # a new version instead: the old one closes, the copy starts next month
        action = own.action_new_version()
        new = self.env["simantap.tpp.rule.set"].browse(action["res_id"])
        self.assertEqual(own.date_to, D(2026, 10, 31))
        self.assertEqual(new.date_from, NOV)
        self.assertFalse(new.used_by_locked)
        self.rule(new, "TK").with_user(self.user_payroll).percent = 5.0
        self.assertEqual(self.rule(own, "TK").percent, 4.0)
        self.assertEqual(len(new.rule_ids), len(own.rule_ids))

    def test_a_code_has_one_rule_per_set(self):
        lam = self.env.ref("simantap_attendance.status_code_lam")
        tl3 = self.rule(self.default_set, "TL3")
        self.assertEqual(
            self.code_of(tl3.write, {"extra_code_ids": [(4, lam.id)]}),
            "rule_set_invalid",
        )

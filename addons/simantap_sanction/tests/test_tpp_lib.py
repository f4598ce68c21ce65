from datetime import date
from decimal import Decimal

from odoo.tests import BaseCase, tagged

from ..lib import escalation, terbilang, tpp

P = Decimal


def rule(key, codes, percent, method="occurrence", tiers=()):
    return tpp.Rule(
        key=key,
        label=codes[0],
        codes=tuple(codes),
        method=method,
        percent=P(percent),
        tiers=tiers,
    )


# The reference defaults (tpp_rules_default.yaml), as the shipped data has them.
RULES = (
    rule("TL1", ["TL1"], "0.5"),
    rule("TL2", ["TL2"], "1"),
    rule("TL3", ["TL3"], "1.25"),
    rule("TL4", ["TL4", "LAM"], "1.5"),
    rule("PSW1", ["PSW1"], "0.5"),
    rule("PSW2", ["PSW2"], "1"),
    rule("PSW4", ["PSW4", "LAP"], "1.5"),
    rule("TK", ["TK"], "3", "day"),
    rule("DL", ["DL"], "0", "day"),
    rule("CLTN", ["CLTN"], "100", "month"),
    rule(
        "CS",
        ["CS"],
        "0",
        "tier",
        (tpp.Tier(1, 2, P(0)), tpp.Tier(3, 14, P(25)), tpp.Tier(15, None, P(50))),
    ),
    rule("KA2", ["KA2"], "1"),
    tpp.Rule(key="SPOT", label="SPOT", percent=P("0.5"), spot_check=True),
)
DEFAULT = tpp.RuleSet(rules=RULES, base_share=P("0.4"), forfeit_tk_run=10)


def oct_(day):
    return date(2026, 10, day)


@tagged("post_install", "-at_install")
class TestTppLib(BaseCase):
    """The month arithmetic without the database, on the worked example of the
    model tests (October 2026)."""

    def test_worked_example(self):
        month = tpp.Month(
            code_days={
                "TL1": [oct_(1), oct_(9)],
                "TL2": [oct_(2)],
                "TL3": [oct_(5)],
                "TL4": [oct_(6)],
                "LAM": [oct_(7)],
                "PSW1": [oct_(7)],
                "PSW2": [oct_(8)],
                "LAP": [oct_(9)],
                "TK": [oct_(12), oct_(13)],
                "DL": [oct_(14)],
                "CT": [oct_(15)],
                "KA2": [oct_(16)],
                "CS": [oct_(19), oct_(20), oct_(21)],
            },
            spot_days=[oct_(22)],
            tpp_base=P(5_000_000),
        )
        result = tpp.compute(DEFAULT, month)
        # TL1 2x0.5 + TL2 1 + TL3 1.25 + TL4 (TL4, LAM) 2x1.5 + PSW1 0.5 + PSW2 1
        # + PSW4 (LAP) 1.5 + TK 2x3 + KA2 1 + CS 3 days: 25 + SPOT 0.5 = 41.75
        self.assertEqual(result.total_percent, P("41.75"))
        self.assertEqual(result.capped_percent, P("41.75"))
        self.assertEqual(result.percent_base, P(2_000_000))
        self.assertEqual(result.deduction, P(835_000))
        self.assertEqual(result.net, P(4_165_000))
        items = {item.rule_key: (item.count, item.percent) for item in result.items}
        self.assertEqual(items["TL4"], (2, P(3)))
        self.assertEqual(items["PSW4"], (1, P("1.5")))
        self.assertEqual(items["CS"], (3, P(25)))
        self.assertEqual(items["DL"], (1, P(0)))
        self.assertEqual(items["SPOT"], (1, P("0.5")))
        self.assertNotIn("CT", items)  # no rule: counted, never cut
        self.assertEqual(result.counts["CT"], 1)
        # the breakdown: one row per day and code that costs, plus the tier figure
        days = [(d.day, d.code, d.percent) for d in result.details if d.day]
        self.assertIn((oct_(7), "LAM", P("1.5")), days)
        self.assertIn((oct_(7), "PSW1", P("0.5")), days)
        self.assertNotIn(oct_(14), [d[0] for d in days])  # DL costs nothing
        tier = [d for d in result.details if d.kind == "tier"]
        self.assertEqual(
            (tier[0].code, tier[0].count, tier[0].percent), ("CS", 3, P(25))
        )
        self.assertEqual(sum(d.percent for d in result.details), P("41.75"))

    def test_cap(self):
        month = tpp.Month(
            code_days={"CLTN": [oct_(1), oct_(2)], "TK": [oct_(5)]},
            tpp_base=P(3_000_000),
        )
        result = tpp.compute(DEFAULT, month)
        self.assertEqual(result.total_percent, P(103))
        self.assertEqual(result.capped_percent, P(100))
        self.assertEqual(result.deduction, P(1_200_000))
        self.assertEqual(result.net, P(1_800_000))

    def test_forfeit_after_consecutive_tk(self):
        month = tpp.Month(
            code_days={"TK": [oct_(d) for d in (1, 2, 5, 6, 7, 8, 9, 12, 13, 14)]},
            max_tk_run=10,
            tpp_base=P(6_000_000),
        )
        result = tpp.compute(DEFAULT, month)
        self.assertTrue(result.forfeited)
        self.assertEqual(result.capped_percent, P(30))
        self.assertEqual(result.deduction, P(6_000_000))
        self.assertEqual(result.net, P(0))
        self.assertEqual(result.details[-1].kind, tpp.FORFEIT)
        nine = tpp.compute(
            DEFAULT,
            tpp.Month(code_days=month.code_days, max_tk_run=9, tpp_base=P(6_000_000)),
        )
        self.assertFalse(nine.forfeited)
        self.assertEqual(nine.deduction, P(720_000))

    def test_rounding(self):
        # 4 000 250 x 40% x 0.5% = 8 000.5 rupiah
        month = tpp.Month(code_days={"TL1": [oct_(1)]}, tpp_base=P(4_000_250))
        self.assertEqual(tpp.compute(DEFAULT, month).deduction, P(8_001))
        down = tpp.RuleSet(rules=RULES, base_share=P("0.4"), rounding_method="down")
        self.assertEqual(tpp.compute(down, month).deduction, P(8_000))
        hundreds = tpp.RuleSet(rules=RULES, base_share=P("0.4"), rounding_unit=P(100))
        self.assertEqual(tpp.compute(hundreds, month).deduction, P(8_000))
        self.assertEqual(tpp.round_amount(P("8050"), P(100)), P(8_100))
        self.assertEqual(tpp.round_amount(P("8001"), P(100), "up"), P(8_100))

    def test_whole_tpp_base_and_adjustment(self):
        whole = tpp.RuleSet(rules=RULES)
        month = tpp.Month(
            code_days={"TK": [oct_(1)]}, tpp_base=P(5_000_000), adjustment=P(-60_000)
        )
        result = tpp.compute(whole, month)
        self.assertEqual(result.deduction, P(150_000))
        self.assertEqual(result.net, P(4_910_000))

    def test_tiers(self):
        cs = RULES[10]
        for days, percent in ((1, 0), (2, 0), (3, 25), (14, 25), (15, 50), (22, 50)):
            month = tpp.Month(code_days={"CS": [oct_(d) for d in range(1, days + 1)]})
            self.assertEqual(
                tpp.compute(DEFAULT, month).total_percent, P(percent), days
            )
        self.assertIsNone(tpp.tier_percent(cs.tiers, 0))

    def test_a_code_has_one_rule(self):
        twice = tpp.RuleSet(rules=(rule("A", ["TK"], "3"), rule("B", ["TK"], "5")))
        with self.assertRaises(ValueError):
            tpp.compute(twice, tpp.Month(code_days={"TK": [oct_(1)]}))

    def test_helpers(self):
        self.assertEqual(tpp.counts_text({"TL1": 2, "CS": 3}), "CS 3, TL1 2")
        self.assertEqual(tpp.dec(1.25) + tpp.dec(0.1), P("1.35"))


@tagged("post_install", "-at_install")
class TestEscalationLib(BaseCase):
    BANDS = [
        escalation.Threshold("3", 1, 3, 3),
        escalation.Threshold("4", 2, 4, 6),
        escalation.Threshold("7", 3, 7, 10),
        escalation.Threshold("11", 4, 11, 13),
        escalation.Threshold("14", 5, 14, 16),
        escalation.Threshold("17", 6, 17, 20),
        escalation.Threshold("21", 7, 21, 24),
        escalation.Threshold("25", 8, 25, 27),
        escalation.Threshold("28", 9, 28, None),
        escalation.Threshold("run", 9, consecutive=10),
    ]

    def test_bands(self):
        expected = {
            2: None,
            3: "3",
            4: "4",
            6: "4",
            7: "7",
            10: "7",
            11: "11",
            13: "11",
            14: "14",
            16: "14",
            17: "17",
            20: "17",
            21: "21",
            24: "21",
            25: "25",
            27: "25",
            28: "28",
            60: "28",
        }
        for days, key in expected.items():
            found = escalation.reached(self.BANDS, days, 1)
            self.assertEqual(found and found.key, key, days)
        self.assertEqual(escalation.reached(self.BANDS, 10, 10).key, "run")

    def test_each_band_once(self):
        self.assertEqual(escalation.to_raise(self.BANDS, 3, 1, []).key, "3")
        self.assertIsNone(escalation.to_raise(self.BANDS, 3, 1, [1]))
        self.assertEqual(escalation.to_raise(self.BANDS, 5, 1, [1]).key, "4")
        self.assertIsNone(escalation.to_raise(self.BANDS, 12, 10, [9]))


@tagged("post_install", "-at_install")
class TestTerbilang(BaseCase):
    def test_amounts_in_words_and_figures(self):
        self.assertEqual(
            terbilang.terbilang(825_000), "Delapan ratus dua puluh lima ribu rupiah"
        )
        self.assertEqual(terbilang.terbilang(1_000), "Seribu rupiah")
        self.assertEqual(terbilang.terbilang(0), "Nol rupiah")
        self.assertEqual(terbilang.terbilang(-60_000), "Minus enam puluh ribu rupiah")
        self.assertEqual(terbilang.terbilang(999.5), "Seribu rupiah")
        self.assertEqual(terbilang.rupiah(12_345_678), "12.345.678")
        self.assertEqual(terbilang.percent(38.75), "38,75")

from odoo import api, fields, models

from ..errors import SanctionError
from ..lib import tpp

METHODS = [
    ("occurrence", "Per occurrence"),
    ("day", "Per day"),
    ("month", "Once in the month"),
    ("tier", "By days in the month (tiers)"),
]


class SimantapTppRule(models.Model):
    """What one daily code costs under a rule set: a percentage per occurrence or per
    day, once in the month, or by tiers over the number of days in the month (sick
    leave).  A rule may also be triggered by other codes (a forgotten check-in counts
    as the worst late bracket), or count unanswered spot checks."""

    _name = "simantap.tpp.rule"
    _description = "TPP Rule"
    _order = "rule_set_id, sequence, id"

    rule_set_id = fields.Many2one(
        "simantap.tpp.rule.set", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    applies_to = fields.Selection(
        [("code", "Daily code"), ("spot_check", "Unanswered spot check")],
        required=True,
        default="code",
    )
    code_id = fields.Many2one(
        "simantap.status.code", string="Daily Code", ondelete="restrict"
    )
    extra_code_ids = fields.Many2many(
        "simantap.status.code",
        "simantap_tpp_rule_extra_code_rel",
        "rule_id",
        "code_id",
        string="Also Triggered By",
        help="Other daily codes that count as this one, e.g. a forgotten check-in "
        "(LAM) as the worst late bracket (TL4).",
    )
    label = fields.Char(compute="_compute_label", store=True)
    name = fields.Char(string="Description", required=True, translate=True)
    method = fields.Selection(
        METHODS, string="Applies", required=True, default="occurrence"
    )
    percent = fields.Float(
        string="Cut (%)",
        digits=(16, 4),
        help="Percent of what the rule set's percentages apply to, per occurrence, "
        "per day or once in the month.",
    )
    tier_ids = fields.One2many(
        "simantap.tpp.rule.tier", "rule_id", string="Tiers", copy=True
    )
    is_proposal = fields.Boolean(
        string="Simantap Proposal",
        help="Not in any regulation seen: a rule Simantap proposes for its own codes "
        "(keluar area, unanswered spot checks).  Confirm or remove it.",
    )
    source = fields.Char(help="Where the figure comes from.")
    active = fields.Boolean(default=True)

    @api.depends("applies_to", "code_id.code")
    def _compute_label(self):
        for rule in self:
            rule.label = (
                "SPOT" if rule.applies_to == "spot_check" else rule.code_id.code or ""
            )

    @api.constrains("applies_to", "code_id", "extra_code_ids", "rule_set_id", "active")
    def _check_codes(self):
        for rule_set in self.rule_set_id:
            seen = {}
            for rule in rule_set.rule_ids.filtered("active"):
                if rule.applies_to == "code" and not rule.code_id:
                    raise SanctionError(
                        "rule_set_invalid",
                        self.env._("A rule on daily codes names its code."),
                    )
                for code in rule.code_id | rule.extra_code_ids:
                    if code.code in seen and seen[code.code] != rule:
                        raise SanctionError(
                            "rule_set_invalid",
                            self.env._(
                                "The code %(code)s has two rules in %(set)s.",
                                code=code.code,
                                set=rule_set.display_name,
                            ),
                        )
                    seen[code.code] = rule

    def _compute_display_name(self):
        for rule in self:
            rule.display_name = f"{rule.label} – {rule.name}"

    # ------------------------------------------------------------------ frozen sets
    @api.model_create_multi
    def create(self, vals_list):
        rule_sets = self.env["simantap.tpp.rule.set"].browse(
            [vals["rule_set_id"] for vals in vals_list if vals.get("rule_set_id")]
        )
        rule_sets._simantap_check_editable()
        return super().create(vals_list)

    def write(self, vals):
        self.rule_set_id._simantap_check_editable()
        if vals.get("rule_set_id"):
            self.rule_set_id.browse(vals["rule_set_id"])._simantap_check_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        self.rule_set_id._simantap_check_editable()

    def _simantap_lib(self):
        self.ensure_one()
        codes = tuple((self.code_id | self.extra_code_ids).mapped("code"))
        return tpp.Rule(
            key=self.id,
            label=self.label,
            codes=() if self.applies_to == "spot_check" else codes,
            method=self.method,
            percent=tpp.dec(self.percent),
            tiers=tuple(
                tpp.Tier(t.count_from, t.count_to or None, tpp.dec(t.percent))
                for t in self.tier_ids.sorted("count_from")
            ),
            spot_check=self.applies_to == "spot_check",
        )

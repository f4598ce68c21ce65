from odoo import api, fields, models


class SimantapTppRuleTier(models.Model):
    """A tier of a rule counted by days in the month: from ``count_from`` to
    ``count_to`` days (0: no upper bound) the month costs ``percent``."""

    _name = "simantap.tpp.rule.tier"
    _description = "TPP Rule Tier"
    _order = "rule_id, count_from"

    rule_id = fields.Many2one(
        "simantap.tpp.rule", required=True, index=True, ondelete="cascade"
    )
    count_from = fields.Integer(string="From (days)", required=True)
    count_to = fields.Integer(string="To (days)", help="0: no upper bound.")
    percent = fields.Float(string="Cut (%)", digits=(16, 4))

    @api.model_create_multi
    def create(self, vals_list):
        rules = self.env["simantap.tpp.rule"].browse(
            [vals["rule_id"] for vals in vals_list if vals.get("rule_id")]
        )
        rules.rule_set_id._simantap_check_editable()
        return super().create(vals_list)

    def write(self, vals):
        self.rule_id.rule_set_id._simantap_check_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        self.rule_id.rule_set_id._simantap_check_editable()

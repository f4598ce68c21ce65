from odoo import fields, models, tools
from odoo.tools import SQL


class SimantapSanctionLineItem(models.Model):
    """One rule's share of a month line: how many times it applied, how many percent.
    A view summing the line's breakdown per rule, so that computing a month writes
    each figure once."""

    _name = "simantap.sanction.line.item"
    _description = "TPP Month Line Rule"
    _auto = False
    _order = "line_id, rule_id"

    line_id = fields.Many2one("simantap.sanction.line", readonly=True)
    rule_id = fields.Many2one("simantap.tpp.rule", readonly=True)
    rule_name = fields.Char(related="rule_id.name", string="Rule Description")
    code = fields.Char(related="rule_id.label")
    count = fields.Integer(readonly=True)
    percent = fields.Float(string="Cut (%)", digits=(16, 4), readonly=True)

    def init(self):
        # reads the breakdown table (created before: models load in order); a
        # deleted rule's share is left out
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """CREATE VIEW %s AS
                   SELECT min(d.id) AS id, d.line_id, d.rule_ref AS rule_id,
                          sum(d.count)::int AS count, sum(d.percent) AS percent
                     FROM simantap_sanction_line_detail d
                     JOIN simantap_tpp_rule r ON r.id = d.rule_ref
                 GROUP BY d.line_id, d.rule_ref""",
                SQL.identifier(self._table),
            )
        )

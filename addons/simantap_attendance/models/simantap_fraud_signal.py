from odoo import api, fields, models, tools


class SimantapFraudSignal(models.Model):
    """A fraud signal: something about an event that does not refuse it by itself but
    that an attendance officer should look at (a reused selfie, an impossible
    journey...).  The code is stable; the name and description are translated."""

    _name = "simantap.fraud.signal"
    _description = "Fraud signal"
    _order = "sequence, id"

    code = fields.Char(required=True, readonly=True)
    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    sequence = fields.Integer(default=10)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "A fraud signal code is used once."),
    ]

    @api.model
    @tools.ormcache()
    def _ids_by_code(self):
        return {signal.code: signal.id for signal in self.sudo().search([])}

    @api.model
    def _from_codes(self, codes):
        """The signal records of ``codes`` (unknown codes are ignored)."""
        ids_by_code = self._ids_by_code()
        return self.browse([ids_by_code[code] for code in codes if code in ids_by_code])

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        if "code" in vals:
            self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

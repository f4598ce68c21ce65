from psycopg2 import errors

from odoo import api, fields, models

from ..concurrency import retry_on_duplicate


class SimantapApiRequestMixin(models.AbstractModel):
    """A document the phone creates through the mobile API: the request's UUID is
    kept, so that a request sent again returns the document it created instead of
    creating a second one."""

    _name = "simantap.api.request.mixin"
    _description = "Created from the Phone"

    api_uuid = fields.Char(
        string="Phone Request UUID", readonly=True, copy=False, index="btree_not_null"
    )

    _sql_constraints = [
        ("api_uuid_uniq", "unique(api_uuid)", "A phone request creates one document."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        """A request stored meanwhile by a concurrent copy of it makes this one
        run again (then answered as a replay), not a raw unique violation."""
        try:
            return super().create(vals_list)
        except errors.UniqueViolation as exc:
            retry = retry_on_duplicate(exc, {f"{self._table}_api_uuid_uniq"})
            if retry is None:
                raise
            raise retry from exc

    @api.model
    def _api_find_request(self, uuid):
        """The document created by the phone request ``uuid`` (any owner), or an
        empty recordset."""
        return (
            self.sudo()
            .with_context(active_test=False)
            .search([("api_uuid", "=", str(uuid))], limit=1)
        )


class SimantapFieldDuty(models.Model):
    _name = "simantap.field.duty"
    _inherit = ["simantap.field.duty", "simantap.api.request.mixin"]


class SimantapSanctionObjection(models.Model):
    _name = "simantap.sanction.objection"
    _inherit = ["simantap.sanction.objection", "simantap.api.request.mixin"]

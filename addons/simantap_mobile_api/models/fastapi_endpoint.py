from odoo import fields, models

from ..routers import meta_router


class FastapiEndpoint(models.Model):
    _inherit = "fastapi.endpoint"

    app = fields.Selection(
        selection_add=[("simantap", "Simantap Mobile API")],
        ondelete={"simantap": "cascade"},
    )

    def _get_fastapi_routers(self):
        if self.app == "simantap":
            return [meta_router]
        return super()._get_fastapi_routers()

    def _prepare_fastapi_app_params(self):
        params = super()._prepare_fastapi_app_params()
        if self.app == "simantap":
            params["title"] = "Simantap Mobile API"
            params["version"] = "1"
        return params

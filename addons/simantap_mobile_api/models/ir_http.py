from odoo import models
from odoo.http import request

from .. import bodylimit
from ..errors import resolve_lang


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _pre_dispatch(cls, rule, args):
        super()._pre_dispatch(rule, args)
        if rule.endpoint.routing.get("type") != "fastapi":
            return
        httprequest = request.httprequest
        Endpoint = request.env["fastapi.endpoint"].sudo()
        endpoint = Endpoint._get_endpoint(httprequest.path)
        limit = endpoint and Endpoint._simantap_body_limit(endpoint.id)
        if limit is None:
            return
        env = request.env(
            context=dict(
                request.env.context,
                lang=resolve_lang(
                    request.env, httprequest.headers.get("Accept-Language")
                ),
            )
        )
        # the werkzeug request under Odoo's, as the fastapi dispatcher reads it
        wrapped = getattr(httprequest, "_HTTPRequest__wrapped", httprequest)
        bodylimit.guard(wrapped, limit, env)

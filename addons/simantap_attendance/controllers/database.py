"""No database manager on a regency's server: with the database list off
(``list_db = False``), Odoo refuses the manager's operations but still shows its
pages; Simantap does not show them either."""

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.tools import config

from odoo.addons.web.controllers.database import Database


class SimantapDatabase(Database):
    @http.route()
    def selector(self, **kw):
        if not config["list_db"]:
            raise NotFound()
        return super().selector(**kw)

    @http.route()
    def manager(self, **kw):
        if not config["list_db"]:
            raise NotFound()
        return super().manager(**kw)

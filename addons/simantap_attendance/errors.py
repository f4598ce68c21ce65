"""The one error base of Simantap's services (field duty here, the TPP month in
simantap_sanction): a refused action with a code of the catalogue
(:mod:`.lib.refusals`), which gives its HTTP status and its own words."""

from odoo.exceptions import UserError

from .lib import refusals


class SimantapError(UserError):
    """A refused action: ``code`` is in :data:`.lib.refusals.CATALOGUE`; ``message``
    the translated sentence the service built (none: the catalogue's, untranslated,
    its ``params`` filled)."""

    def __init__(self, code, message=None, **params):
        super().__init__(message or refusals.render(code, params))
        self.code = code
        self.params = params

    @property
    def http_status(self):
        return refusals.status(self.code)

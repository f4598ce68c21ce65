from odoo import api, models


class ResLang(models.Model):
    _inherit = "res.lang"

    @api.model
    def _get_lang_from_accept_language(self, accept_language):
        """The OCA fastapi dispatcher's reading of Accept-Language, which raises on
        a malformed header (``en;q=`` or ``;``) and so answers 500 before any app
        runs: a header that cannot be read chooses no language instead (the
        mobile API then answers in its default language)."""
        try:
            return super()._get_lang_from_accept_language(accept_language)
        except ValueError:
            return None

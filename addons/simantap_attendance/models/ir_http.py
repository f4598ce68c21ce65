from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    def session_info(self):
        """Each role lands in its Simantap home, unless the user chose a home
        action of their own (Preferences)."""
        info = super().session_info()
        if info.get("uid") and not info.get("home_action_id"):
            home = self.env.user._simantap_home_action()
            if home:
                info["home_action_id"] = home.id
        return info

from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def get_default_leaflet_position(self, model_name):
        """Centre the maps on the company's own places when its address has no
        coordinates (the usual case): on the first work location with a geofence."""
        position = super().get_default_leaflet_position(model_name)
        if position.get("lat") or position.get("lng"):
            return position
        location = (
            self.env["hr.work.location"]
            .sudo()
            .search(
                [
                    ("company_id", "in", self.env.companies.ids),
                    ("latitude", "!=", 0),
                ],
                limit=1,
            )
        )
        if location:
            return {"lat": location.latitude, "lng": location.longitude}
        return position

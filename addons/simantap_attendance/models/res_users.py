from odoo import api, models

# (group, home action) from the widest role down: the first the user has wins
HOME_ACTIONS = [
    (
        "simantap_attendance.group_simantap_officer",
        "simantap_attendance.simantap_presence_monitor_action",
    ),
    (
        "simantap_attendance.group_simantap_unit_head",
        "simantap_attendance.simantap_field_duty_action_to_approve",
    ),
    (
        "simantap_attendance.group_simantap_employee",
        "simantap_attendance.simantap_daily_status_action_my_month",
    ),
]


class ResUsers(models.Model):
    _inherit = "res.users"

    def _simantap_home_actions(self):
        """(group xml id, action xml id) pairs, the widest role first; extended by
        the addons that add roles."""
        return list(HOME_ACTIONS)

    def _simantap_home_action(self):
        """The Simantap home of this user's widest role (the live monitor, the
        approvals, ...), or None."""
        self.ensure_one()
        for group, action in self._simantap_home_actions():
            if self.has_group(group):
                return self.env.ref(action, raise_if_not_found=False)
        return None

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

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib import geofence
from .res_company import GEOFENCE_POLICIES


class HrWorkLocation(models.Model):
    """A place where attendance is allowed: an office or a school compound, with its
    geofence (a circle, or a GeoJSON polygon for odd-shaped compounds)."""

    _inherit = "hr.work.location"

    simantap_kind = fields.Selection(
        [("office", "Office"), ("school", "School"), ("other", "Other")],
        string="Kind of Place",
        default="office",
    )
    latitude = fields.Float(digits=(10, 7), aggregator=None)
    longitude = fields.Float(digits=(10, 7), aggregator=None)
    geofence_radius = fields.Integer(
        string="Geofence Radius (m)",
        default=100,
        help="The fence: a circle of this radius around the point. The geofence "
        "policy decides how much of a fix's GPS accuracy counts towards it.",
    )
    simantap_geofence_policy = fields.Selection(
        GEOFENCE_POLICIES,
        string="Geofence Policy",
        help="Leave empty to follow the company's policy (Settings > Simantap).",
    )
    simantap_geofence_tolerance = fields.Integer(
        string="Geofence Tolerance (m)",
        default=int(geofence.DEFAULT_TOLERANCE),
        help="With this location's capped policy, the most of a fix's accuracy that "
        "counts.",
    )
    geofence_polygon = fields.Text(
        string="Geofence Polygon (GeoJSON)",
        help="Optional: a GeoJSON Polygon ([longitude, latitude] points) for a compound "
        "that a circle fits badly; when set, it replaces the circle.",
    )

    _sql_constraints = [
        (
            "geofence_radius_positive",
            "CHECK(geofence_radius > 0)",
            "The geofence radius must be a positive number of metres.",
        ),
    ]

    @api.constrains("latitude", "longitude", "geofence_polygon")
    def _check_geofence(self):
        for location in self:
            if (
                not -90 <= location.latitude <= 90
                or not -180 <= location.longitude <= 180
            ):
                raise ValidationError(
                    self.env._(
                        "%(location)s: latitude must lie between -90 and 90 and "
                        "longitude between -180 and 180.",
                        location=location.name,
                    )
                )
            try:
                geofence.parse_polygon(location.geofence_polygon)
            except geofence.PolygonError as error:
                raise ValidationError(
                    self.env._(
                        "%(location)s: the geofence polygon is not a GeoJSON Polygon "
                        "of at least 3 valid [longitude, latitude] points.",
                        location=location.name,
                    )
                ) from error

    def _simantap_fences(self):
        """These locations as :class:`geofence.Fence` values for the pure judge."""
        return [
            geofence.Fence(
                key=location.id,
                latitude=location.latitude,
                longitude=location.longitude,
                radius=location.geofence_radius,
                polygon=geofence.parse_polygon(location.geofence_polygon),
                **location._simantap_policy(),
            )
            for location in self
            if location.geofence_polygon or location.latitude or location.longitude
        ]

    def _simantap_policy(self):
        """``{'policy', 'tolerance'}`` that judge a fix at this location: its own,
        else its company's (else the current company's)."""
        self.ensure_one()
        if self.simantap_geofence_policy:
            return {
                "policy": self.simantap_geofence_policy,
                "tolerance": self.simantap_geofence_tolerance,
            }
        return self.env["hr.work.location"]._simantap_company_policy(
            self.company_id or self.env.company
        )

    @api.model
    def _simantap_company_policy(self, company):
        return {
            "policy": company.simantap_geofence_policy or geofence.DEFAULT_POLICY,
            "tolerance": company.simantap_geofence_tolerance,
        }

    @api.model
    def _simantap_rule_text(self, policy, tolerance, allowance):
        """The geofence rule ``policy`` in plain words: said by a refusal."""
        if policy == "strict":
            return self.env._(
                "Rule: strict, the position itself must be inside the fence."
            )
        if policy == "capped":
            return self.env._(
                "Rule: the GPS accuracy counts for at most %(tolerance)s m.",
                tolerance=tolerance,
            )
        if policy == "lenient":
            return self.env._(
                "Rule: lenient, inside when the GPS accuracy circle (%(accuracy)s m) "
                "reaches the fence.",
                accuracy=allowance,
            )
        return ""

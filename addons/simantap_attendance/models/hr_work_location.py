from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib import geofence


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
        help="A fix counts as inside when its accuracy circle reaches this circle "
        "around the point.",
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
            )
            for location in self
            if location.geofence_polygon or location.latitude or location.longitude
        ]

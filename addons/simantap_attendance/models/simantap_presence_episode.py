from odoo import api, fields, models
from odoo.tools.sql import create_index

KINDS = [
    ("outside", "Outside"),
    ("silent", "Silent"),
    ("travel", "Travel Anomaly"),
]


class SimantapPresenceEpisode(models.Model):
    """A stretch of a working day worth a look, derived from the stored facts of the
    day (pings, spot-check answers, check-in and check-out) by
    ``simantap.presence._derive_days``, which deletes and recreates a day's episodes:
    never edited, never derived from anything but what is stored.

    * outside: fixes outside every allowed fence with no approved duty covering them;
    * silent: no contact for longer than the cadence plus the grace while checked in
      (the phone off, the app killed);
    * travel: two fixes that imply an impossible speed."""

    _name = "simantap.presence.episode"
    _inherit = ["simantap.employee.record.mixin"]
    _description = "Presence Episode"
    _order = "start desc, id desc"

    work_date = fields.Date(required=True, readonly=True, index=True)
    kind = fields.Selection(KINDS, required=True, readonly=True, index=True)
    start = fields.Datetime(required=True, readonly=True)
    stop = fields.Datetime(required=True, readonly=True)
    minutes = fields.Integer(
        readonly=True,
        aggregator="sum",
        help="Watched minutes (checked in and within working hours) of the episode.",
    )
    max_distance = fields.Float(
        string="Farthest Distance (m)",
        readonly=True,
        aggregator="max",
        help="Outside: farthest distance from the nearest allowed fence. Travel: "
        "distance between the two fixes.",
    )
    speed_kmh = fields.Float(
        string="Speed (km/h)",
        readonly=True,
        aggregator="max",
        help="Travel anomaly: the lowest speed the two fixes imply.",
    )

    def init(self):
        create_index(
            self.env.cr,
            "simantap_presence_episode_employee_day_idx",
            self._table,
            ["employee_id", "work_date"],
        )

    @api.depends("employee_id", "kind", "minutes")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for episode in self:
            episode.display_name = self.env._(
                "%(kind)s: %(employee)s, %(minutes)s min",
                kind=kinds.get(episode.kind, ""),
                employee=episode.employee_id.name,
                minutes=episode.minutes,
            )

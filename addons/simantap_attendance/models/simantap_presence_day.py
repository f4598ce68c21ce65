from odoo import fields, models

DAY_STATES = [("open", "Open"), ("closed", "Closed")]


class SimantapPresenceDay(models.Model):
    """The presence figures of one employee's day, written by the day derivation
    next to the episodes.  A day is *closed* once no late fact can arrive any more
    (the offline sync limit has passed) and it has been derived a last time; closed
    days are never derived again, so that purging their raw pings loses nothing."""

    _name = "simantap.presence.day"
    _inherit = ["simantap.employee.record.mixin"]
    _description = "Presence Day"
    _order = "work_date desc, employee_id"
    _rec_name = "work_date"

    work_date = fields.Date(required=True, readonly=True, index=True)
    state = fields.Selection(DAY_STATES, default="open", required=True, readonly=True)
    to_derive = fields.Boolean(
        readonly=True,
        help="A fact arrived since the last derivation; the cron derives it again.",
    )
    derived_at = fields.Datetime(readonly=True)
    ping_count = fields.Integer(string="Pings", readonly=True, aggregator="sum")
    outside_minutes = fields.Integer(readonly=True, aggregator="sum")
    silent_minutes = fields.Integer(readonly=True, aggregator="sum")
    travel_count = fields.Integer(
        string="Travel Anomalies", readonly=True, aggregator="sum"
    )
    max_distance = fields.Float(
        string="Farthest Distance (m)", readonly=True, aggregator="max"
    )

    _sql_constraints = [
        (
            "employee_day_uniq",
            "unique(employee_id, work_date)",
            "One presence day per employee and date.",
        ),
    ]

from odoo import api, fields, models
from odoo.tools import SQL

from .simantap_presence_episode import KINDS
from .simantap_presence_ping import VERDICTS
from .simantap_spot_check import STATES

ENTRIES = [
    ("check_in", "Check-in"),
    ("ping", "Ping"),
    ("spot_check", "Spot Check"),
    *KINDS,
    ("check_out", "Check-out"),
]
# Each source's rows get ids of their own: source id * 8 + this offset.
OFFSETS = {"check_in": 1, "check_out": 2, "ping": 3, "episode": 4, "spot_check": 5}
# At the same time: the check-in, then the facts, then what they mean, then the
# check-out.
SEQUENCES = {"check_in": 1, "ping": 2, "spot_check": 3, "episode": 4, "check_out": 5}


class SimantapPresenceTimeline(models.Model):
    """One employee's day in order, for investigating a case: check-in, pings,
    spot checks, episodes, check-out.  A SQL view over the stored facts (spot
    checks appear once the phone was told about them, or once closed)."""

    _name = "simantap.presence.timeline"
    _description = "Presence Timeline"
    _auto = False
    _order = "at, seq, id"
    _rec_name = "entry"

    employee_id = fields.Many2one("hr.employee", readonly=True)
    department_id = fields.Many2one("hr.department", string="Unit", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    work_date = fields.Date(readonly=True)
    at = fields.Datetime(string="Time", readonly=True)
    seq = fields.Integer(
        string="Sequence", readonly=True, help="Order of entries at the same time."
    )
    stop = fields.Datetime(string="Until", readonly=True)
    entry = fields.Selection(ENTRIES, readonly=True)
    verdict = fields.Selection(VERDICTS, readonly=True)
    spot_state = fields.Selection(STATES, string="Spot Check State", readonly=True)
    distance = fields.Float(string="Distance (m)", aggregator="max", readonly=True)
    minutes = fields.Integer(readonly=True, aggregator="sum")
    speed_kmh = fields.Float(string="Speed (km/h)", aggregator="max", readonly=True)
    location_id = fields.Many2one(
        "hr.work.location", string="Nearest Allowed Location", readonly=True
    )
    latitude = fields.Float(digits=(10, 7), aggregator=None, readonly=True)
    longitude = fields.Float(digits=(10, 7), aggregator=None, readonly=True)
    accuracy = fields.Float(string="Accuracy (m)", aggregator=None, readonly=True)
    late_sync = fields.Boolean(readonly=True)
    date_localization = fields.Date(readonly=True)

    @property
    def _table_query(self):
        local_day = SQL(
            "((%s AT TIME ZONE 'UTC') AT TIME ZONE %s)::date",
            SQL.identifier("a", "check_in"),
            self.env["simantap.calendar"]._tz_sql("r"),
        )
        local_out = SQL(
            "((%s AT TIME ZONE 'UTC') AT TIME ZONE %s)::date",
            SQL.identifier("a", "check_out"),
            self.env["simantap.calendar"]._tz_sql("r"),
        )
        return SQL(
            """
            SELECT a.id::bigint * 8 + %(in)s AS id, a.employee_id,
                   e.department_id, e.company_id, %(local_day)s AS work_date,
                   a.check_in AS at, %(seq_in)s AS seq, NULL::timestamp AS stop,
                   'check_in'::varchar AS entry, NULL::varchar AS verdict,
                   NULL::varchar AS spot_state, NULL::float8 AS distance,
                   NULL::int AS minutes, NULL::float8 AS speed_kmh,
                   NULL::int AS location_id, a.in_latitude AS latitude,
                   a.in_longitude AS longitude, NULL::float8 AS accuracy,
                   FALSE AS late_sync, %(local_day)s AS date_localization
              FROM hr_attendance a
              JOIN hr_employee e ON e.id = a.employee_id
              JOIN resource_resource r ON r.id = e.resource_id
            UNION ALL
            SELECT a.id::bigint * 8 + %(out)s, a.employee_id, e.department_id,
                   e.company_id, %(local_out)s, a.check_out, %(seq_out)s, NULL,
                   'check_out',
                   NULL, NULL, NULL, NULL, NULL, NULL, a.out_latitude,
                   a.out_longitude, NULL, FALSE, %(local_out)s
              FROM hr_attendance a
              JOIN hr_employee e ON e.id = a.employee_id
              JOIN resource_resource r ON r.id = e.resource_id
             WHERE a.check_out IS NOT NULL
            UNION ALL
            SELECT p.id::bigint * 8 + %(ping)s, p.employee_id, p.department_id,
                   p.company_id, p.work_date, p.captured_at, %(seq_ping)s, NULL,
                   'ping',
                   p.verdict, NULL, p.distance, NULL, NULL, p.location_id,
                   p.latitude, p.longitude, p.accuracy, p.late_sync, p.work_date
              FROM simantap_presence_ping p
            UNION ALL
            SELECT x.id::bigint * 8 + %(episode)s, x.employee_id, x.department_id,
                   x.company_id, x.work_date, x.start, %(seq_episode)s, x.stop,
                   x.kind, NULL, NULL,
                   x.max_distance, x.minutes, x.speed_kmh, NULL, NULL, NULL, NULL,
                   FALSE, x.work_date
              FROM simantap_presence_episode x
            UNION ALL
            SELECT s.id::bigint * 8 + %(spot)s, s.employee_id, s.department_id,
                   s.company_id, s.work_date, COALESCE(s.captured_at, s.due_at),
                   %(seq_spot)s, s.deadline, 'spot_check', s.verdict, s.state, s.distance, NULL,
                   NULL, s.location_id, s.latitude, s.longitude, s.accuracy,
                   COALESCE(s.late_sync, FALSE), s.work_date
              FROM simantap_spot_check s
             WHERE s.notified_at IS NOT NULL OR s.state <> 'pending'
            """,
            local_day=local_day,
            local_out=local_out,
            **{
                "in": OFFSETS["check_in"],
                "out": OFFSETS["check_out"],
                "ping": OFFSETS["ping"],
                "episode": OFFSETS["episode"],
                "spot": OFFSETS["spot_check"],
                "seq_in": SEQUENCES["check_in"],
                "seq_out": SEQUENCES["check_out"],
                "seq_ping": SEQUENCES["ping"],
                "seq_episode": SEQUENCES["episode"],
                "seq_spot": SEQUENCES["spot_check"],
            },
        )

    @api.depends("entry", "at")
    def _compute_display_name(self):
        entries = dict(self._fields["entry"]._description_selection(self.env))
        for row in self:
            when = (
                fields.Datetime.context_timestamp(row, row.at).strftime("%H:%M")
                if row.at
                else ""
            )
            row.display_name = f"{entries.get(row.entry, '')} {when}".strip()

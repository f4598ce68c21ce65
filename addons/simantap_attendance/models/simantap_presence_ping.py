from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import create_index

from ..lib import sqlarray

VERDICTS = [
    ("inside", "Inside"),
    ("on_duty", "On Duty"),
    ("outside", "Outside"),
]


class SimantapPresencePing(models.Model):
    """A position the phone sent while its owner was checked in (or on approved
    duty): a fact, stored once per client UUID and never changed.  Stored only
    through ``simantap.presence._record_ping`` / ``_ingest_pings``, which validate
    and judge it; refused pings are not stored (they come back with a reason)."""

    _name = "simantap.presence.ping"
    _inherit = ["simantap.employee.record.mixin"]
    _description = "Presence Ping"
    _order = "captured_at desc, id desc"
    _rec_name = "uuid"

    uuid = fields.Char(required=True, readonly=True)
    device_id = fields.Char(readonly=True)
    captured_at = fields.Datetime(
        required=True,
        readonly=True,
        help="When the fix was taken: the phone's clock, corrected by its offset "
        "when the phone said when it sent the ping.",
    )
    clock_offset = fields.Integer(
        string="Phone Clock Offset (s)",
        readonly=True,
        help="The server's clock minus the phone's when the ping was sent (network "
        "delay included); the capture time above is corrected by it.",
    )
    received_at = fields.Datetime(
        required=True, readonly=True, help="The server's clock when the ping arrived."
    )
    work_date = fields.Date(
        required=True,
        readonly=True,
        index=True,
        help="The employee's local day the capture time belongs to.",
    )
    latitude = fields.Float(digits=(10, 7), aggregator=None, readonly=True)
    longitude = fields.Float(digits=(10, 7), aggregator=None, readonly=True)
    accuracy = fields.Float(string="Accuracy (m)", aggregator=None, readonly=True)
    mock_location = fields.Boolean(readonly=True)
    verdict = fields.Selection(VERDICTS, required=True, readonly=True)
    location_id = fields.Many2one(
        "hr.work.location",
        string="Nearest Allowed Location",
        readonly=True,
        ondelete="set null",
    )
    distance = fields.Float(
        string="Distance (m)",
        aggregator="max",
        readonly=True,
        help="Metres from the fix to the nearest allowed fence, 0 inside.",
    )
    attendance_id = fields.Many2one(
        "hr.attendance", readonly=True, ondelete="set null", index="btree_not_null"
    )
    late_sync = fields.Boolean(
        readonly=True,
        help="Received long after its capture: it was sent from the phone's offline "
        "queue.",
    )
    date_localization = fields.Date(
        related="work_date",
        string="Map Date",
        help="Technical: the map view needs this field.",
    )

    _sql_constraints = [
        ("uuid_uniq", "unique(uuid)", "A ping with this UUID is already stored."),
    ]

    def init(self):
        create_index(
            self.env.cr,
            "simantap_presence_ping_employee_captured_idx",
            self._table,
            ["employee_id", "captured_at DESC"],
        )
        create_index(
            self.env.cr,
            "simantap_presence_ping_employee_day_idx",
            self._table,
            ["employee_id", "work_date"],
        )

    @api.depends("employee_id", "captured_at")
    def _compute_display_name(self):
        for ping in self:
            ping.display_name = self.env._(
                "%(employee)s at %(time)s",
                employee=ping.employee_id.name,
                time=fields.Datetime.to_string(
                    fields.Datetime.context_timestamp(ping, ping.captured_at)
                )
                if ping.captured_at
                else "",
            )

    @api.model
    def _insert_rows(self, rows):
        """Insert judged pings with one statement, skipping UUIDs stored meanwhile
        (by a concurrent request).  ``rows`` are dicts of column values; returns
        ``{uuid: id}`` of the rows inserted."""
        if not rows:
            return {}
        self.env["hr.employee"].flush_model(["department_id", "company_id"])
        columns = [
            ("uuid", "varchar"),
            ("employee_id", "int4"),
            ("device_id", "varchar"),
            ("captured_at", "timestamp"),
            ("clock_offset", "int4"),
            ("received_at", "timestamp"),
            ("work_date", "date"),
            ("latitude", "numeric"),
            ("longitude", "numeric"),
            ("accuracy", "float8"),
            ("mock_location", "bool"),
            ("verdict", "varchar"),
            ("location_id", "int4"),
            ("distance", "float8"),
            ("attendance_id", "int4"),
            ("late_sync", "bool"),
        ]
        arrays = [
            SQL("%s::%s[]", sqlarray.literal(row.get(name) for row in rows), SQL(kind))
            for name, kind in columns
        ]
        names = [SQL.identifier(name) for name, _kind in columns]
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO simantap_presence_ping (%(names)s, department_id,
                    company_id, create_uid, create_date, write_uid, write_date)
                SELECT %(values)s, e.department_id, e.company_id,
                    %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM unnest(%(arrays)s) AS v(%(names)s)
                  JOIN hr_employee e ON e.id = v.employee_id
                ON CONFLICT (uuid) DO NOTHING
                RETURNING uuid, id
                """,
                names=SQL(", ").join(names),
                values=SQL(", ").join(
                    SQL("v.%s", SQL.identifier(name)) for name, _kind in columns
                ),
                arrays=SQL(", ").join(arrays),
                uid=self.env.uid,
                now=fields.Datetime.now(),
            )
        )
        inserted = dict(self.env.cr.fetchall())
        self.invalidate_model()
        return inserted

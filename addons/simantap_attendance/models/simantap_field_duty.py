import html

from odoo import api, fields, models

from odoo.addons.base.models.res_partner import _tz_get

from ..errors import SimantapError
from ..lib import duty as duty_lib
from ..lib import geofence, refusals

OFFICER_GROUP = "simantap_attendance.group_simantap_officer"
ACTIVITY_APPROVAL = "simantap_attendance.mail_activity_type_field_duty_approval"
# States in which a duty excuses office presence.
COVERING_STATES = ("approved", "done")
# Fields only the workflow actions write (never a form, never an import).
WORKFLOW_FIELDS = frozenset(
    {
        "state",
        "approver_user_id",
        "submitted_on",
        "decided_by_id",
        "decided_on",
        "reject_reason",
        "retroactive_days",
    }
)
# Fields that decide which days a duty covers.
COVERAGE_FIELDS = frozenset(
    {
        "employee_id",
        "employee_ids",
        "duty_kind",
        "date_from",
        "date_to",
        "hour_from",
        "hour_to",
        "tz",
    }
)

# The codes a field-duty action is refused with: their words and HTTP statuses
# are in lib/refusals.py (group "duty"; a photo too large shares the selfie's code).
REFUSAL_CODES = [
    (entry.code, entry.message)
    for entry in refusals.CATALOGUE.values()
    if entry.group == "duty" or entry.code == "photo_too_large"
]


class FieldDutyError(SimantapError):
    """A refused field-duty action: ``code`` is one of :data:`REFUSAL_CODES`."""


class SimantapFieldDuty(models.Model):
    """Field duty (dinas luar): one or several employees away from the office on an
    assignment letter (surat tugas), approved by the unit head.  An approved duty
    excuses office presence during its range; the check-in and the presence checks
    then judge a fix against the destination fence when one is given."""

    _name = "simantap.field.duty"
    _description = "Field Duty (Dinas Luar)"
    _inherit = [
        "simantap.employee.record.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "start_datetime desc, id desc"
    _check_company_auto = True
    _mail_post_access = "read"

    name = fields.Char(
        string="Reference", readonly=True, copy=False, default="/", index=True
    )
    employee_id = fields.Many2one(
        default=lambda self: self.env.user.employee_id,
        tracking=True,
        check_company=True,
        help="Who files the duty (the leader of a team): their unit head approves it.",
    )
    employee_ids = fields.Many2many(
        "hr.employee",
        "simantap_field_duty_employee_rel",
        "duty_id",
        "employee_id",
        string="Employees on Duty",
        check_company=True,
        tracking=True,
        help="Everyone the assignment letter names; the filing employee is always "
        "one of them.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )

    # --- when ---
    duty_kind = fields.Selection(
        [("full_day", "Whole days"), ("part_day", "Part of a day")],
        string="Duration",
        default="full_day",
        required=True,
        tracking=True,
    )
    date_from = fields.Date(string="From", required=True, tracking=True)
    date_to = fields.Date(
        string="To",
        compute="_compute_date_to",
        store=True,
        readonly=False,
        tracking=True,
        help="Last day of the duty (the first day for part of a day).",
    )
    hour_from = fields.Float(
        string="From Hour",
        default=8.0,
        help="Local time the part-day duty starts (e.g. 13:00).",
    )
    hour_to = fields.Float(
        string="To Hour",
        default=12.0,
        help="Local time the part-day duty ends.",
    )
    tz = fields.Selection(
        _tz_get,
        string="Timezone",
        compute="_compute_tz",
        store=True,
        readonly=False,
        help="The dates and hours are read in this timezone (the employee's, "
        "Asia/Jakarta by default).",
    )
    start_datetime = fields.Datetime(
        string="Start", compute="_compute_span", store=True, index=True
    )
    end_datetime = fields.Datetime(
        string="End", compute="_compute_span", store=True, index=True
    )

    # --- what and where ---
    purpose = fields.Text(required=True, tracking=True)
    destination_name = fields.Char(string="Destination", required=True, tracking=True)
    destination_latitude = fields.Float(
        string="Latitude", digits=(10, 7), aggregator=None, tracking=True
    )
    destination_longitude = fields.Float(
        string="Longitude", digits=(10, 7), aggregator=None, tracking=True
    )
    destination_radius = fields.Integer(
        string="Radius (m)",
        default=200,
        tracking=True,
        help="With a point, fixes during the duty are judged against this circle "
        "around it: inside is on duty, outside is outside.",
    )
    has_destination_fence = fields.Boolean(
        string="Destination Fence",
        compute="_compute_has_destination_fence",
        store=True,
        help="A point is given: fixes are judged against the destination. Without "
        "one, every fix during the duty counts as on duty.",
    )
    destination_map_url = fields.Char(
        string="Map", compute="_compute_destination_map_url"
    )

    # --- the assignment letter (surat tugas) and the proof ---
    letter_number = fields.Char(
        string="Assignment Letter No.", required=True, tracking=True
    )
    letter_date = fields.Date(
        string="Assignment Letter Date", required=True, tracking=True
    )
    letter_file = fields.Binary(
        string="Assignment Letter",
        attachment=True,
        copy=False,
        help="The signed surat tugas: a PDF, JPEG or PNG scan.",
    )
    letter_filename = fields.Char(copy=False)
    photo_ids = fields.Many2many(
        "ir.attachment",
        "simantap_field_duty_photo_rel",
        "duty_id",
        "attachment_id",
        string="Photos at the Destination",
        copy=False,
        help="JPEG or PNG pictures taken at the destination.",
    )

    # --- approval ---
    approver_user_id = fields.Many2one(
        "res.users",
        string="Approver",
        readonly=True,
        copy=False,
        tracking=True,
        help="The unit head who decides: the manager of the employee's unit, or of "
        "the nearest unit above when that manager is on the duty, absent or "
        "archived.  Attendance officers may decide as well.",
    )
    submitted_on = fields.Datetime(readonly=True, copy=False)
    retroactive_days = fields.Integer(
        string="Working Days Late",
        readonly=True,
        copy=False,
        help="Working days between the duty's first day and its submission.",
    )
    decided_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    decided_on = fields.Datetime(readonly=True, copy=False)
    reject_reason = fields.Text(
        string="Rejection Reason", readonly=True, copy=False, tracking=True
    )
    can_decide = fields.Boolean(compute="_compute_can_decide")
    can_edit = fields.Boolean(compute="_compute_can_edit")

    # --- map view (web_view_leaflet_map reads these) ---
    date_localization = fields.Date(related="date_from", string="Map Date")
    map_title = fields.Char(compute="_compute_map_popup")
    map_address = fields.Char(compute="_compute_map_popup")

    _sql_constraints = [
        (
            "destination_radius_positive",
            "CHECK(destination_radius > 0)",
            "The destination radius must be a positive number of metres.",
        ),
    ]

    # ------------------------------------------------------------------ computes

    @api.depends("date_from", "duty_kind")
    def _compute_date_to(self):
        for duty in self:
            if duty.duty_kind == "part_day" or not duty.date_to:
                duty.date_to = duty.date_from
            elif duty.date_from and duty.date_to < duty.date_from:
                duty.date_to = duty.date_from

    @api.depends("employee_id")
    def _compute_tz(self):
        for duty in self:
            duty.tz = duty.employee_id.sudo().tz or duty.tz or duty_lib.DEFAULT_TZ

    @api.depends("date_from", "date_to", "duty_kind", "hour_from", "hour_to", "tz")
    def _compute_span(self):
        for duty in self:
            span = duty._simantap_span()
            duty.start_datetime = span.start if span else False
            duty.end_datetime = span.end if span else False

    @api.depends("destination_latitude", "destination_longitude")
    def _compute_has_destination_fence(self):
        for duty in self:
            duty.has_destination_fence = bool(
                duty.destination_latitude or duty.destination_longitude
            )

    @api.depends("destination_latitude", "destination_longitude")
    def _compute_destination_map_url(self):
        for duty in self:
            if duty.has_destination_fence:
                lat, lon = duty.destination_latitude, duty.destination_longitude
                duty.destination_map_url = (
                    "https://www.openstreetmap.org/"
                    f"?mlat={lat:.6f}&mlon={lon:.6f}#map=17/{lat:.6f}/{lon:.6f}"
                )
            else:
                duty.destination_map_url = False

    @api.depends("name", "employee_ids", "destination_name", "date_from", "date_to")
    def _compute_map_popup(self):
        # The leaflet map inserts these into HTML unescaped: escape them here.
        for duty in self:
            names = ", ".join(duty.sudo().employee_ids.mapped("name"))
            duty.map_title = html.escape(f"{duty.name} · {names}")
            days = (
                f"{duty.date_from}"
                if duty.date_from == duty.date_to
                else f"{duty.date_from} – {duty.date_to}"
            )
            duty.map_address = html.escape(f"{duty.destination_name or ''} ({days})")

    @api.depends("state", "approver_user_id", "employee_ids")
    @api.depends_context("uid")
    def _compute_can_decide(self):
        for duty in self:
            duty.can_decide = (
                duty.state == "submitted" and not duty._simantap_decide_refusal()
            )

    @api.depends("state", "employee_id")
    @api.depends_context("uid")
    def _compute_can_edit(self):
        officer = self._simantap_is_officer()
        for duty in self:
            duty.can_edit = officer or (
                duty.state == "draft"
                and duty.sudo().employee_id.user_id
                in (self.env.user, self.env["res.users"])
            )

    @api.depends("name", "destination_name")
    def _compute_display_name(self):
        for duty in self:
            duty.display_name = (
                f"{duty.name} – {duty.destination_name}"
                if duty.destination_name
                else duty.name
            )

    # ------------------------------------------------------------------ helpers

    def _simantap_span(self):
        self.ensure_one()
        return duty_lib.utc_span(
            self.date_from,
            self.date_to,
            self.tz or duty_lib.DEFAULT_TZ,
            whole_days=self.duty_kind != "part_day",
            hour_from=self.hour_from,
            hour_to=self.hour_to,
        )

    def _simantap_local_days(self):
        """The local dates this duty covers."""
        self.ensure_one()
        return duty_lib.local_days(
            self.start_datetime, self.end_datetime, self.tz or duty_lib.DEFAULT_TZ
        )

    def _simantap_fence(self):
        """The destination as a :class:`geofence.Fence`, or ``None``."""
        self.ensure_one()
        duty = self.sudo()
        if not duty.has_destination_fence:
            return None
        return geofence.Fence(
            key=None,
            latitude=duty.destination_latitude,
            longitude=duty.destination_longitude,
            radius=duty.destination_radius,
        )

    def _simantap_is_officer(self):
        return self.env.user.has_group(OFFICER_GROUP)

    def _simantap_user_on_duty(self):
        """Whether the current user is one of this duty's employees."""
        self.ensure_one()
        return self.env.user in self.sudo().employee_ids.user_id

    def _simantap_max_bytes(self):
        company = self.company_id or self.env.company
        return company.sudo().simantap_duty_max_bytes or duty_lib.DEFAULT_MAX_BYTES

    # ------------------------------------------------------------------ constraints

    @api.constrains("date_from", "date_to", "duty_kind", "hour_from", "hour_to")
    def _check_range(self):
        for duty in self:
            if not duty._simantap_span():
                if duty.duty_kind == "part_day":
                    message = self.env._(
                        "%(duty)s: a part-day duty needs a start hour before its end "
                        "hour, both between 00:00 and 24:00.",
                        duty=duty.display_name,
                    )
                else:
                    message = self.env._(
                        "%(duty)s: the last day cannot be before the first day.",
                        duty=duty.display_name,
                    )
                raise FieldDutyError("range_invalid", message)

    @api.constrains("destination_latitude", "destination_longitude")
    def _check_destination(self):
        for duty in self:
            if not (
                -90 <= duty.destination_latitude <= 90
                and -180 <= duty.destination_longitude <= 180
            ):
                raise FieldDutyError(
                    "fence_invalid",
                    self.env._(
                        "%(duty)s: latitude must lie between -90 and 90 and longitude "
                        "between -180 and 180.",
                        duty=duty.display_name,
                    ),
                )

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                workflow = {key for key in WORKFLOW_FIELDS & set(vals) if vals[key]} - (
                    {"state"} if vals.get("state") == "draft" else set()
                )
                if workflow:
                    raise FieldDutyError(
                        "workflow_field",
                        self.env._(
                            "A field duty starts as a draft; its state and approval "
                            "change through the Submit, Approve and Reject buttons."
                        ),
                    )
        sequence = self.env["ir.sequence"].sudo()
        for vals in vals_list:
            if vals.get("duty_kind") == "part_day" or not vals.get("date_to"):
                vals["date_to"] = vals.get("date_from")
            if vals.get("name", "/") == "/":
                vals["name"] = sequence.next_by_code("simantap.field.duty") or "/"
        duties = super().create(vals_list)
        duties._simantap_sync_members()
        duties._simantap_attach_photos()
        return duties

    def write(self, vals):
        if "date_to" in vals and not vals["date_to"]:
            vals = {key: value for key, value in vals.items() if key != "date_to"}
        if not self.env.su:
            self._simantap_check_editable(vals)
        changes_coverage = bool(COVERAGE_FIELDS & set(vals))
        covering = self.filtered(lambda d: d.state in COVERING_STATES)
        before = covering._simantap_coverage() if changes_coverage else {}
        result = super().write(vals)
        if "employee_id" in vals or "employee_ids" in vals:
            self._simantap_sync_members()
        if "photo_ids" in vals:
            self._simantap_attach_photos()
        if changes_coverage and covering:
            covering._simantap_reevaluate_days(extra=before)
        return result

    def _simantap_check_editable(self, vals):
        """Refuse, with a clear message, edits an employee may not make: workflow
        fields at any time, and anything but photos once the duty left draft.
        Attendance officers correct any duty (tracked in the chatter)."""
        mail_fields = set(self.env["mail.thread"]._fields) | set(
            self.env["mail.activity.mixin"]._fields
        )
        changed = set(vals) - mail_fields
        if not changed:
            return
        if changed & WORKFLOW_FIELDS:
            raise FieldDutyError(
                "workflow_field",
                self.env._(
                    "The state and the approval of a field duty change through the "
                    "Submit, Approve, Reject, Done and Cancel buttons only."
                ),
            )
        if self._simantap_is_officer():
            return
        new_filer = self.env["hr.employee"].sudo().browse(vals.get("employee_id"))
        if "employee_id" in vals and new_filer.user_id != self.env.user:
            raise FieldDutyError(
                "not_allowed",
                self.env._(
                    "A field duty is filed in one's own name: only an attendance "
                    "officer can put it in another employee's name."
                ),
            )
        locked = self.filtered(lambda d: d.state != "draft")
        if not locked:
            return
        if changed <= {"photo_ids"} and all(
            state in COVERING_STATES for state in locked.mapped("state")
        ):
            return
        duty = locked[0]
        raise FieldDutyError(
            "duty_locked",
            self.env._(
                "%(duty)s is %(state)s and can no longer be edited: only photos "
                "taken at the destination can still be added to an approved duty. "
                "Ask an attendance officer for a correction.",
                duty=duty.display_name,
                state=dict(self._fields["state"]._description_selection(self.env))[
                    duty.state
                ],
            ),
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        for duty in self:
            if duty.state not in ("draft", "cancelled"):
                raise FieldDutyError(
                    "wrong_state",
                    self.env._(
                        "%(duty)s cannot be deleted: only draft or cancelled duties "
                        "can. Cancel it instead.",
                        duty=duty.display_name,
                    ),
                )

    def _simantap_sync_members(self):
        """The filing employee is always one of the employees on duty."""
        for duty in self.sudo():
            if duty.employee_id and duty.employee_id not in duty.employee_ids:
                duty.employee_ids = [fields.Command.link(duty.employee_id.id)]

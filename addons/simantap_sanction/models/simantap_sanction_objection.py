from odoo import Command, api, fields, models
from odoo.tools import SQL

from ..errors import SanctionError

STATES = [
    ("submitted", "Waiting for the Unit Head"),
    ("endorsed", "Waiting for an Officer"),
    ("accepted", "Accepted"),
    ("rejected", "Rejected"),
    ("lapsed", "Lapsed at the Lock"),
]
OPEN = ("submitted", "endorsed")


class SimantapSanctionObjection(models.Model):
    """An employee's objection (keberatan) to some days of a month under review: the
    codes they should have, a reason and a supporting document.  Their unit head
    endorses or rejects it, then an attendance officer accepts or rejects it; an
    accepted objection corrects the days through the daily-status correction and
    recomputes the employee's line.  A lock over open objections lets them lapse."""

    _name = "simantap.sanction.objection"
    _inherit = [
        "simantap.employee.record.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _description = "TPP Objection (keberatan)"
    _order = "id desc"

    employee_id = fields.Many2one(
        default=lambda self: self.env.user.employee_id, tracking=True
    )
    period_id = fields.Many2one(
        "simantap.sanction.period",
        string="Month",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('state', '=', 'review')]",
    )
    status_ids = fields.Many2many(
        "simantap.daily.status",
        "simantap_sanction_objection_status_rel",
        "objection_id",
        "status_id",
        string="Days",
        required=True,
        domain="[('employee_id', '=', employee_id)]",
    )
    requested_code_ids = fields.Many2many(
        "simantap.status.code",
        "simantap_sanction_objection_code_rel",
        "objection_id",
        "code_id",
        string="Codes Asked For",
        required=True,
        help="What the days should say, e.g. DL for field duty on an assignment letter.",
    )
    reason = fields.Text(required=True)
    attachment = fields.Binary(
        string="Supporting Document",
        attachment=True,
        help="Letter, photo, certificate.",
    )
    attachment_name = fields.Char()
    state = fields.Selection(
        STATES, default="submitted", required=True, readonly=True, tracking=True
    )
    is_open = fields.Boolean(compute="_compute_is_open", search="_search_is_open")
    head_user_id = fields.Many2one("res.users", string="Unit Head", readonly=True)
    head_decided_at = fields.Datetime(readonly=True)
    head_note = fields.Text(string="Unit Head's Note")
    officer_user_id = fields.Many2one("res.users", string="Officer", readonly=True)
    officer_decided_at = fields.Datetime(readonly=True)
    officer_note = fields.Text(string="Officer's Note")
    applied_codes = fields.Char(readonly=True)

    @api.depends("state")
    def _compute_is_open(self):
        for objection in self:
            objection.is_open = objection.state in OPEN

    def _search_is_open(self, operator, value):
        positive = (operator == "=") == bool(value)
        return [("state", "in" if positive else "not in", OPEN)]

    @api.depends("employee_id.name", "period_id.name")
    @api.depends_context("lang")
    def _compute_display_name(self):
        # in the reader's language: a mail sent in another one computes it too
        for objection in self:
            objection.display_name = self.env._(
                "Objection of %(employee)s, %(period)s",
                employee=objection.employee_id.name,
                period=objection.period_id.display_name,
            )

    # ------------------------------------------------------------------ filing
    def _simantap_is_officer(self):
        return self.env.user.has_group("simantap_attendance.group_simantap_officer")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._simantap_check_attachment(
                vals.get("attachment"), vals.get("period_id")
            )
        objections = super().create(vals_list)
        for objection in objections:
            objection._simantap_check_filing()
            objection._simantap_notify_head()
        return objections

    def write(self, vals):
        if vals.get("attachment"):
            for objection in self:
                self._simantap_check_attachment(
                    vals["attachment"], objection.sudo().period_id.id
                )
        return super().write(vals)

    @api.model
    def _simantap_file(self, employee, dates, code_names, reason, **values):
        """The objection ``employee`` files (from the phone) to their evaluated days
        on ``dates``, asking for the codes named ``code_names``: the month is the
        one holding the first date.  Refuses with ``objection_period`` when that
        month is not under review, ``objection_days`` when a date has no status of
        the employee, ``unknown_codes``; the checks of :meth:`create` follow.
        ``values`` are further fields (attachment, api_uuid...)."""
        dates = sorted(set(dates))
        period = self.env["simantap.sanction.period"]._simantap_of_day(
            employee.company_id, dates[0]
        )
        if period.state != "review":
            raise SanctionError(
                "objection_period",
                self.env._(
                    "This month is not open for objections (only while it is under "
                    "review)."
                ),
            )
        days = self.env["simantap.daily.status"].search(
            [("employee_id", "=", employee.id), ("date", "in", dates)]
        )
        if len(days) != len(dates):
            raise SanctionError(
                "objection_days",
                self.env._(
                    "Object to evaluated days of one month only: some of these days "
                    "have no status yet."
                ),
            )
        wanted = sorted({name.strip() for name in code_names})
        codes, unknown = self.env["simantap.status.code"]._simantap_resolve(wanted)
        if unknown:
            raise SanctionError(
                "unknown_codes",
                self.env._(
                    "Unknown attendance codes: %(codes)s.", codes=", ".join(unknown)
                ),
            )
        return self.create(
            {
                "employee_id": employee.id,
                "period_id": period.id,
                "status_ids": [Command.set(days.ids)],
                "requested_code_ids": [Command.set(codes.ids)],
                "reason": reason,
                **values,
            }
        )

    def _simantap_check_filing(self):
        self.ensure_one()
        period = self.period_id.sudo()
        if period.state != "review":
            raise SanctionError(
                "objection_period",
                self.env._(
                    "%(period)s is not under review.", period=period.display_name
                ),
            )
        if (
            self.employee_id.user_id != self.env.user
            and not self._simantap_is_officer()
        ):
            raise SanctionError(
                "objection_not_own",
                self.env._("Employees object to their own days only."),
            )
        if not (self.reason or "").strip():
            raise SanctionError(
                "objection_reason", self.env._("An objection needs a reason.")
            )
        days = self.status_ids.sudo()
        self._simantap_check_one_open_per_day(days)
        if not days or any(
            day.employee_id != self.employee_id
            or day.company_id != period.company_id
            or not period.date_from <= day.date <= period.date_to
            for day in days
        ):
            raise SanctionError(
                "objection_days",
                self.env._(
                    "An objection names days of the employee within %(period)s.",
                    period=period.display_name,
                ),
            )

    @api.model
    def _simantap_check_attachment(self, value, period_id=None):
        """The supporting document (base64), before anything stores it: a PDF that
        parses, or a JPEG or PNG that decodes, within the company's caps (those of
        assignment letters)."""
        if not value:
            return
        Duty = self.env["simantap.field.duty"]
        period = self.env["simantap.sanction.period"].sudo().browse(period_id or [])
        refusal = Duty._simantap_document_refusal(
            Duty._simantap_decode(value),
            self.env._("supporting document"),
            {"too_large": "document_too_large", "type": "document_type"},
            company=period.company_id,
        )
        if refusal:
            raise SanctionError(*refusal)

    def _simantap_check_one_open_per_day(self, days):
        """One open objection per day.  The days' rows are updated first (to the
        same values): a concurrent objection to one of them waits for this one
        and, once it is committed, fails with a serialization failure, so that
        Odoo runs it again and it meets this one here."""
        if not days:
            return
        self.env.cr.execute(
            SQL(
                "UPDATE simantap_daily_status SET write_date = write_date "
                "WHERE id = ANY(%s)",
                days.ids,
            )
        )
        other = self.sudo().search(
            [
                ("id", "not in", self.ids),
                ("status_ids", "in", days.ids),
                ("state", "in", OPEN),
            ],
            limit=1,
        )
        if other:
            raise SanctionError(
                "objection_open",
                self.env._(
                    "Some of these days already have an open objection: wait for "
                    "its decision before objecting again."
                ),
            )

    def _simantap_direct_heads(self):
        """Users of the nearest manager up the unit tree (not the employee)."""
        self.ensure_one()
        unit = self.sudo().department_id
        while unit:
            user = unit.manager_id.user_id
            if user and unit.manager_id != self.sudo().employee_id:
                return user
            unit = unit.parent_id
        return self.env["res.users"]

    def _simantap_notify_head(self):
        for user in self._simantap_direct_heads():
            self.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=user.id,
                summary=self.env._("Decide a TPP objection"),
            )

    # ------------------------------------------------------------------ decisions
    def _simantap_check_state(self, allowed):
        for objection in self:
            if objection.state not in allowed:
                raise SanctionError(
                    "wrong_state",
                    self.env._(
                        "%(objection)s is %(state)s.",
                        objection=objection.display_name,
                        state=objection._simantap_state_label(),
                    ),
                )

    def _simantap_state_label(self):
        """The state's label in the environment's language."""
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _simantap_check_not_own(self):
        if self.filtered(lambda o: o.employee_id.user_id == self.env.user):
            raise SanctionError(
                "objection_self", self.env._("Nobody decides their own objection.")
            )

    def _simantap_check_head(self):
        self._simantap_check_not_own()
        for objection in self:
            heads = objection.sudo().department_id.head_user_ids
            if self.env.user in heads:
                continue
            if self._simantap_is_officer() and not objection._simantap_direct_heads():
                continue  # a unit without a head: an officer takes the first step
            raise SanctionError(
                "objection_not_head",
                self.env._("Only the employee's unit head decides this step."),
            )

    def _simantap_check_officer(self):
        self._simantap_check_not_own()
        if not self._simantap_is_officer():
            raise SanctionError(
                "objection_not_officer",
                self.env._("Only an attendance officer decides this step."),
            )

    def _simantap_check_review(self):
        for objection in self:
            if objection.period_id.sudo().state != "review":
                raise SanctionError(
                    "objection_period",
                    self.env._(
                        "%(period)s is no longer under review.",
                        period=objection.period_id.sudo().display_name,
                    ),
                )

    def _simantap_done_activities(self):
        self.sudo().activity_ids.filtered(
            lambda a: a.user_id == self.env.user
        ).action_done()

    @api.model
    def _simantap_decision(self, state, step, note):
        """The values of a decision taken now by the current user at ``step``
        ('head' or 'officer')."""
        values = {
            "state": state,
            f"{step}_user_id": self.env.uid,
            f"{step}_decided_at": fields.Datetime.now(),
        }
        if note:
            values[f"{step}_note"] = note
        return values

    def _simantap_check_rejection_note(self, step, note):
        for objection in self:
            if not (note or objection[f"{step}_note"] or "").strip():
                raise SanctionError(
                    "decision_note", self.env._("Say why the objection is rejected.")
                )

    def action_head_endorse(self, note=None):
        """The unit head supports the objection: it goes to an attendance officer."""
        self._simantap_check_state(("submitted",))
        self._simantap_check_head()
        self._simantap_check_review()
        self.write(self._simantap_decision("endorsed", "head", note))
        self._simantap_done_activities()
        return True

    def action_head_reject(self, note=None):
        """The unit head rejects the objection (with a note): it ends there."""
        self._simantap_check_state(("submitted",))
        self._simantap_check_head()
        self._simantap_check_rejection_note("head", note)
        self.write(self._simantap_decision("rejected", "head", note))
        self._simantap_done_activities()
        return True

    def action_officer_accept(self, note=None):
        """The officer accepts: the days get the codes asked for (through the
        daily-status correction) and the employee's line is recomputed."""
        self._simantap_check_state(("endorsed",))
        self._simantap_check_officer()
        self._simantap_check_review()
        for objection in self:
            codes = " ".join(objection.requested_code_ids.mapped("code"))
            objection.status_ids.action_correct(
                codes,
                self.env._(
                    "Objection accepted: %(reason)s", reason=objection.reason.strip()
                ),
            )
            objection.write(
                dict(
                    self._simantap_decision("accepted", "officer", note),
                    applied_codes=codes,
                )
            )
            objection.period_id.sudo()._simantap_compute(objection.employee_id.ids)
            objection._simantap_tell_employee()
        return True

    def action_officer_reject(self, note=None):
        self._simantap_check_state(("endorsed",))
        self._simantap_check_officer()
        self._simantap_check_rejection_note("officer", note)
        self.write(self._simantap_decision("rejected", "officer", note))
        for objection in self:
            objection._simantap_tell_employee()
        return True

    def _simantap_tell_employee(self):
        partner = self.sudo().employee_id.user_id.partner_id
        if partner:
            # in the employee's language, the state's label included
            env = self.with_context(lang=partner.lang or self.env.lang).env
            states = dict(self._fields["state"]._description_selection(env))
            self.sudo().message_post(
                body=env._("Your objection was %(state)s.", state=states[self.state]),
                partner_ids=partner.ids,
            )

    def _simantap_lapse(self, reason):
        """The month was locked over these open objections."""
        self.write({"state": "lapsed"})
        for objection in self:
            objection.activity_ids.unlink()
            objection.message_post(
                body=self.env._(
                    "The month was locked before a decision: %(reason)s. An officer "
                    "can still correct the days; the difference then lands in the "
                    "next month.",
                    reason=reason,
                )
            )

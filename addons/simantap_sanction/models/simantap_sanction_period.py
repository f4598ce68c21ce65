from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL, split_every

from ..constants import LOCKED_STATES, OPEN_STATES, PAYROLL
from ..errors import SanctionError
from ..lib import copyload, tpp
from .simantap_sanction_month_facts import empty_facts

STATES = [
    ("draft", "Draft"),
    ("computed", "Computed"),
    ("review", "Under Review"),
    ("locked", "Locked"),
    ("exported", "Exported"),
]


class SimantapSanctionPeriod(models.Model):
    """The TPP month of a company: daily codes x the rule set in force on its first
    day -> one line per employee.  Draft -> Computed (repeatable) -> Under Review
    (employees object) -> Locked (the days behind it are frozen; a later correction
    becomes an adjustment in the next open month) -> Exported to payroll."""

    _name = "simantap.sanction.period"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "simantap.sanction.export",
    ]
    _description = "TPP Month"
    _order = "date_from desc, company_id"

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(
        string="Month",
        required=True,
        index=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
        help="Any day of the month: the month starts on its first day.",
    )
    date_to = fields.Date(compute="_compute_date_to", store=True)
    state = fields.Selection(
        STATES, required=True, default="draft", readonly=True, tracking=True
    )
    rule_set_id = fields.Many2one(
        "simantap.tpp.rule.set",
        readonly=True,
        tracking=True,
        ondelete="restrict",
        help="The rule set in force on the month's first day.",
    )
    line_ids = fields.One2many("simantap.sanction.line", "period_id", readonly=True)
    objection_ids = fields.One2many(
        "simantap.sanction.objection", "period_id", readonly=True
    )
    adjustment_ids = fields.One2many(
        "simantap.sanction.adjustment",
        "period_id",
        string="Adjustments Landing Here",
        readonly=True,
    )
    computed_at = fields.Datetime(readonly=True)
    computed_by_id = fields.Many2one("res.users", readonly=True)
    locked_at = fields.Datetime(readonly=True)
    locked_by_id = fields.Many2one("res.users", readonly=True)
    lock_override_reason = fields.Text(
        readonly=True,
        help="Why the month was locked while objections were still open.",
    )

    line_count = fields.Integer(compute="_compute_totals", string="Employees")
    total_base = fields.Monetary(compute="_compute_totals", string="TPP")
    total_deduction = fields.Monetary(compute="_compute_totals", string="Deductions")
    total_adjustment = fields.Monetary(compute="_compute_totals", string="Adjustments")
    total_net = fields.Monetary(compute="_compute_totals", string="Net TPP")
    open_objection_count = fields.Integer(compute="_compute_open_objection_count")

    _sql_constraints = [
        (
            "company_month_uniq",
            "unique(company_id, date_from)",
            "A company has one TPP period per month.",
        ),
    ]

    @api.depends("date_from", "company_id")
    def _compute_name(self):
        for period in self:
            period.name = f"TPP {period.date_from:%Y-%m}" if period.date_from else "TPP"

    @api.depends("date_from")
    def _compute_date_to(self):
        for period in self:
            period.date_to = period.date_from and period.date_from + relativedelta(
                day=31
            )

    def _compute_totals(self):
        groups = dict.fromkeys(self.ids)
        if self.ids:
            for period, count, base, deduction, adjustment, net in self.env[
                "simantap.sanction.line"
            ]._read_group(
                [("period_id", "in", self.ids)],
                ["period_id"],
                [
                    "__count",
                    "tpp_base:sum",
                    "deduction:sum",
                    "adjustment_amount:sum",
                    "net:sum",
                ],
            ):
                groups[period.id] = (count, base, deduction, adjustment, net)
        for period in self:
            values = groups.get(period.id) or (0, 0, 0, 0, 0)
            (
                period.line_count,
                period.total_base,
                period.total_deduction,
                period.total_adjustment,
                period.total_net,
            ) = values

    @api.depends("objection_ids.state")
    def _compute_open_objection_count(self):
        for period in self:
            period.open_objection_count = len(
                period.objection_ids.filtered(lambda o: o.is_open)
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("date_from"):
                vals["date_from"] = fields.Date.to_date(vals["date_from"]).replace(
                    day=1
                )
            company_id = vals.get("company_id") or self.env.company.id
            if self.sudo().search_count(
                [
                    ("company_id", "=", company_id),
                    ("date_from", "=", vals.get("date_from")),
                ],
                limit=1,
            ):
                raise SanctionError(
                    "period_exists",
                    self.env._("This month already has a TPP period."),
                )
        return super().create(vals_list)

    def write(self, vals):
        if {"date_from", "company_id"} & set(vals):
            if any(period.state != "draft" or period.line_ids for period in self):
                raise SanctionError(
                    "wrong_state",
                    self.env._("The month and company of a computed month stay."),
                )
            if vals.get("date_from"):
                vals = dict(
                    vals,
                    date_from=fields.Date.to_date(vals["date_from"]).replace(day=1),
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        if any(period.state in LOCKED_STATES for period in self):
            raise SanctionError(
                "wrong_state",
                self.env._("A locked or exported TPP month is never deleted."),
            )

    # ------------------------------------------------------------------ objections
    @api.model
    def _simantap_of_day(self, company, day):
        """The TPP month of ``company`` holding ``day`` (sudo), or an empty one."""
        return self.sudo().search(
            [
                ("company_id", "=", company.id),
                ("date_from", "<=", day),
                ("date_to", ">=", day),
            ],
            limit=1,
        )

    def _simantap_objectable_codes(self):
        """The codes an employee may object to in this month: while it is under
        review, those that cut TPP under its rule set; otherwise none."""
        if not self or self.state != "review":
            return set()
        return self.rule_set_id._simantap_costly_codes()

    # ------------------------------------------------------------------ checks
    def _simantap_check_payroll(self):
        if not self.env.user.has_group(PAYROLL):
            raise SanctionError(
                "not_payroll",
                self.env._("Only a payroll officer computes, locks or exports TPP."),
            )

    def _simantap_check_state(self, allowed):
        for period in self:
            if period.state not in allowed:
                states = dict(self._fields["state"]._description_selection(self.env))
                raise SanctionError(
                    "wrong_state",
                    self.env._(
                        "%(period)s is %(state)s: not possible now.",
                        period=period.display_name,
                        state=states[period.state],
                    ),
                )

    # ------------------------------------------------------------------ workflow
    def action_compute(self):
        """Compute (or recompute) every line of the month; repeatable until review."""
        self._simantap_check_payroll()
        self._simantap_check_state(("draft", "computed"))
        for period in self:
            period._simantap_compute()
            period.write({"state": "computed"})
        return True

    def action_start_review(self):
        """Open the month to employees: they read their statement and may object."""
        self._simantap_check_payroll()
        self._simantap_check_state(("computed",))
        self.write({"state": "review"})
        for period in self:
            period.message_post(
                body=self.env._(
                    "The month is under review: employees may object to their days "
                    "until it is locked."
                )
            )
        return True

    def action_back_to_draft(self):
        self._simantap_check_payroll()
        self._simantap_check_state(("computed", "review"))
        for period in self:
            if period.open_objection_count:
                raise SanctionError(
                    "open_objections",
                    self.env._("Decide the open objections first."),
                )
        self.write({"state": "draft"})
        return True

    def action_lock(self, override_reason=None):
        """Freeze the days of the month (they are never recomputed again), recompute
        the lines from exactly those days and freeze them.  Refused while objections
        are open, unless ``override_reason`` says why (the open objections lapse).
        Raises the PP 94/2021 alerts for the year up to the month's end."""
        self._simantap_check_payroll()
        self._simantap_check_state(("review",))
        for period in self:
            open_objections = period.objection_ids.filtered(lambda o: o.is_open)
            reason = (override_reason or "").strip()
            if open_objections and not reason:
                if override_reason is None and len(self) == 1:
                    return period._simantap_lock_wizard()
                raise SanctionError(
                    "open_objections" if override_reason is None else "override_reason",
                    self.env._(
                        "%(count)s objection(s) are still open: decide them, or "
                        "give a reason to lock anyway.",
                        count=len(open_objections),
                    ),
                )
            period._simantap_lock_days()
            period._simantap_compute()
            values = {
                "state": "locked",
                "locked_at": fields.Datetime.now(),
                "locked_by_id": self.env.uid,
            }
            if open_objections:
                values["lock_override_reason"] = reason
                open_objections.sudo()._simantap_lapse(reason)
            period.write(values)
            period.message_post(
                body=self.env._(
                    "Locked: %(count)s lines, deductions %(total)s.",
                    count=period.line_count,
                    total=period.total_deduction,
                )
            )
            self.env["simantap.discipline.alert"].sudo()._simantap_escalate(
                period.company_id, period.date_to.year, period.date_to
            )
        return True

    def _simantap_lock_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Lock with open objections"),
            "res_model": "simantap.sanction.lock",
            "view_mode": "form",
            "target": "new",
            "context": {"default_period_id": self.id},
        }

    def _simantap_lock_days(self):
        self.ensure_one()
        self.env["simantap.daily.status"].flush_model()
        self.env.cr.execute(
            SQL(
                """UPDATE simantap_daily_status SET locked = TRUE
                    WHERE company_id = %s AND date BETWEEN %s AND %s
                      AND NOT COALESCE(locked, FALSE)""",
                self.company_id.id,
                self.date_from,
                self.date_to,
            )
        )
        self.env["simantap.daily.status"].invalidate_model(["locked"])

    def action_open_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "simantap_sanction.simantap_sanction_line_action"
        )
        action["domain"] = [("period_id", "=", self.id)]
        action["context"] = {"search_default_group_department": 1}
        action["name"] = self.display_name
        return action

    # ------------------------------------------------------------------ adjustments
    @api.model
    def _simantap_open_period_after(self, company, day):
        """The first open month of ``company`` after the month of ``day``, created
        as a draft when there is none."""
        month = day.replace(day=1)
        later = self.sudo().search(
            [("company_id", "=", company.id), ("date_from", ">", month)],
            order="date_from",
        )
        for period in later:
            if period.state in OPEN_STATES:
                return period
        start = month + relativedelta(months=1)
        if later:
            start = max(start, later[-1].date_from + relativedelta(months=1))
        return self.sudo().create({"company_id": company.id, "date_from": start})

    # ------------------------------------------------------------------ computation
    def _simantap_compute(self, employee_ids=None):
        """(Re)compute the lines of this month, for every employee with days in it
        (or only ``employee_ids``): one aggregation of the daily statuses, the rule
        arithmetic in :mod:`..lib.tpp`, then the lines and their breakdown written
        in a few statements."""
        self.ensure_one()
        rule_set = self.rule_set_id
        if not rule_set or (
            employee_ids is None and self.state in ("draft", "computed")
        ):
            rule_set = self.env["simantap.tpp.rule.set"]._simantap_in_force(
                self.company_id, self.date_from
            )
        if not rule_set:
            raise SanctionError(
                "no_rule_set",
                self.env._(
                    "No TPP rule set is in force on %(day)s for %(company)s.",
                    day=self.date_from,
                    company=self.company_id.name,
                ),
            )
        if self.rule_set_id != rule_set:
            self.rule_set_id = rule_set
        lib_set = rule_set._simantap_lib()
        Facts = self.env["simantap.sanction.month.facts"]
        facts = Facts._simantap_month_facts(
            self.company_id.id,
            self.date_from,
            self.date_to,
            employee_ids,
            run_from=lib_set.forfeit_tk_run,
        )
        adjustments = Facts._simantap_adjustment_sums(self.id, employee_ids)
        for employee_id in adjustments:
            facts.setdefault(employee_id, empty_facts())
        bases = Facts._simantap_bases(list(facts), self.date_from, self.date_to)
        no_base = (None, None, None, "none", 0)

        def line(employee_id):
            fact = facts[employee_id]
            department_id, nip, class_id, source, amount = bases.get(
                employee_id, no_base
            )
            result = tpp.compute(
                lib_set,
                tpp.Month(
                    code_days=fact["code_days"],
                    spot_days=fact["spot_days"],
                    max_tk_run=fact["max_tk_run"],
                    tpp_base=tpp.dec(amount),
                    adjustment=tpp.dec(adjustments.get(employee_id, 0)),
                ),
            )
            values = (  # in the order of LINE_COLUMNS after the head
                employee_id,
                department_id,
                nip,
                class_id,
                source,
                result.tpp_base,
                result.percent_base,
                result.total_percent,
                result.capped_percent,
                result.forfeited,
                result.deduction,
                result.adjustment,
                result.net,
                fact["days"],
                len(fact["code_days"].get("TK", ())),
                tpp.counts_text(result.counts),
            )
            return values, result.details

        self._simantap_store(map(line, sorted(facts)), len(facts), employee_ids)
        self.write(
            {"computed_at": fields.Datetime.now(), "computed_by_id": self.env.uid}
        )
        return True

    def _simantap_store(self, lines, count, employee_ids=None):
        """Replace the lines (of ``employee_ids``, or all) by the ``count``
        ``lines`` (an iterable of ``(values, details)``, computed as it is read:
        a line's values in the order of ``LINE_COLUMNS`` after the period's head,
        and its :class:`..lib.tpp.Detail` breakdown): ids drawn from the
        sequence in one statement, then the lines and their breakdown loaded with
        COPY (the bulk path PostgreSQL offers; Odoo uses it too), a chunk of
        employees at a time, PostgreSQL loading one while the next is computed."""
        cr = self.env.cr
        Line = self.env["simantap.sanction.line"]
        Line.flush_model()
        self.env["simantap.sanction.line.detail"].flush_model()
        where = SQL("period_id = %s", self.id)
        if employee_ids is not None:
            where = SQL("%s AND employee_id = ANY(%s)", where, list(employee_ids))
        cr.execute(SQL("DELETE FROM simantap_sanction_line WHERE %s", where))
        if count:
            cr.execute(
                SQL(
                    "SELECT nextval(%s) FROM generate_series(1, %s)",
                    "simantap_sanction_line_id_seq",
                    count,
                )
            )
            line_ids = [row[0] for row in cr.fetchall()]
            uid, now = self.env.uid, fields.Datetime.now()
            head = (self.id, self.company_id.id, uid, uid, now, now)
            numbered = zip(line_ids, lines, strict=True)
            with copyload.Loader(cr) as loader:
                for chunk in split_every(STORE_CHUNK, numbered, list):
                    loader.send(
                        "simantap_sanction_line",
                        LINE_COLUMNS,
                        [
                            (line_id, *head, *values)
                            for line_id, (values, _details) in chunk
                        ],
                    )
                    loader.send(
                        "simantap_sanction_line_detail",
                        DETAIL_COLUMNS,
                        [
                            (
                                line_id,
                                detail.day,
                                detail.code,
                                detail.rule_key,
                                detail.kind,
                                detail.count,
                                detail.percent,
                            )
                            for line_id, (_values, details) in chunk
                            for detail in details
                        ],
                    )
        for model in (
            "simantap.sanction.line",
            "simantap.sanction.line.item",
            "simantap.sanction.line.detail",
        ):
            self.env[model].invalidate_model()
        self.invalidate_recordset(["line_ids"])


# employees per COPY: small enough for PostgreSQL to load one chunk while the next
# is computed, large enough for few statements
STORE_CHUNK = 5000
LINE_COLUMNS = (
    "id",
    "period_id",
    "company_id",
    "create_uid",
    "write_uid",
    "create_date",
    "write_date",
    "employee_id",
    "department_id",
    "nip",
    "position_class_id",
    "base_source",
    "tpp_base",
    "percent_base",
    "total_percent",
    "capped_percent",
    "forfeited",
    "deduction",
    "adjustment_amount",
    "net",
    "working_days",
    "tk_days",
    "code_counts",
)
DETAIL_COLUMNS = ("line_id", "date", "code", "rule_ref", "kind", "count", "percent")

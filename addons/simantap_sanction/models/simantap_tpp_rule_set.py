from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from ..constants import LOCKED_STATES
from ..errors import SanctionError
from ..lib import tpp

# Fields a used rule set may still change: closing it for a new version, archiving.
FREE_FIELDS = frozenset({"date_to", "active"})


class SimantapTppRuleSet(models.Model):
    """The TPP cuts of one regent's regulation (Perbup) version: from when to when it
    is in force, what the percentages apply to (the whole TPP or its discipline
    component), the monthly cap, how rupiah are rounded, and one rule per daily code.

    Rule sets of a company never overlap; a set without a company serves every
    company that has none of its own.  A month uses the set in force on its first
    day; once a locked month used a set, the set is frozen: a change is a new
    version (:meth:`action_new_version`)."""

    _name = "simantap.tpp.rule.set"
    _inherit = ["mail.thread"]
    _description = "TPP Rule Set"
    _order = "date_from desc, id desc"

    name = fields.Char(required=True, tracking=True, translate=True)
    regulation_ref = fields.Char(
        string="Regulation",
        tracking=True,
        translate=True,
        help="The regent's regulation this set implements, e.g. \"Perbup No. 12 "
        'Tahun 2026 tentang Tambahan Penghasilan Pegawai".',
    )
    company_id = fields.Many2one(
        "res.company",
        index=True,
        tracking=True,
        help="Empty: the set serves every company without a set of its own.",
    )
    currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_currency_id",
        help="Currency of the rounding unit.",
    )
    date_from = fields.Date(string="In Force From", required=True, tracking=True)
    date_to = fields.Date(
        string="In Force Until", tracking=True, help="Empty: until further notice."
    )
    base_kind = fields.Selection(
        [
            ("discipline", "Discipline component of the TPP"),
            ("total", "Whole TPP"),
        ],
        string="Percentages Apply To",
        required=True,
        default="discipline",
        tracking=True,
    )
    discipline_share = fields.Float(
        string="Discipline Component (%)",
        digits=(16, 4),
        default=40.0,
        tracking=True,
        help="The share of the TPP paid for discipline (attendance); the rest pays "
        "for performance.  Only used when percentages apply to the discipline "
        "component.",
    )
    cap_percent = fields.Float(
        string="Monthly Cap (%)",
        digits=(16, 4),
        default=100.0,
        required=True,
        tracking=True,
        help="The most a month can cut, in percent of what the percentages apply to.",
    )
    rounding_unit = fields.Integer(
        string="Round Deductions To",
        default=1,
        required=True,
        tracking=True,
        help="In rupiah: 1 (whole rupiah), 100, 1000...",
    )
    rounding_method = fields.Selection(
        [("half_up", "Nearest (half up)"), ("down", "Down"), ("up", "Up")],
        default="half_up",
        required=True,
        tracking=True,
    )
    forfeit_tk_run = fields.Integer(
        string="Forfeit After Consecutive TK Days",
        default=10,
        tracking=True,
        help="Absent without a valid reason (TK) on this many working days in a row "
        "within the month: the whole TPP of the month is forfeited.  0: never.",
    )
    rule_ids = fields.One2many(
        "simantap.tpp.rule", "rule_set_id", string="Rules", copy=True
    )
    note = fields.Text(help="Sources, status, what differs from the regulation text.")
    active = fields.Boolean(default=True)
    period_ids = fields.One2many("simantap.sanction.period", "rule_set_id")
    used_by_locked = fields.Boolean(
        string="Used by a Locked Month",
        compute="_compute_used_by_locked",
        help="A locked month used this set: it can no longer be edited.",
    )

    @api.depends("company_id")
    def _compute_currency_id(self):
        for rule_set in self:
            rule_set.currency_id = (
                rule_set.company_id.currency_id or self.env.company.currency_id
            )

    @api.depends("period_ids.state")
    def _compute_used_by_locked(self):
        used = self._simantap_used_ids()
        for rule_set in self:
            rule_set.used_by_locked = rule_set.id in used

    def _simantap_used_ids(self):
        ids = [rule_set_id for rule_set_id in self.ids if rule_set_id]
        if not ids:
            return set()
        groups = (
            self.env["simantap.sanction.period"]
            .sudo()
            ._read_group(
                [("rule_set_id", "in", ids), ("state", "in", LOCKED_STATES)],
                ["rule_set_id"],
            )
        )
        return {rule_set.id for (rule_set,) in groups}

    # ------------------------------------------------------------------ integrity
    @api.constrains("date_from", "date_to", "company_id", "active")
    def _check_no_overlap(self):
        for rule_set in self.filtered("active"):
            if rule_set.date_to and rule_set.date_to < rule_set.date_from:
                raise SanctionError(
                    "rule_set_invalid",
                    self.env._(
                        "%(set)s ends before it starts.", set=rule_set.display_name
                    ),
                )
            domain = [
                ("id", "!=", rule_set.id),
                ("company_id", "=", rule_set.company_id.id),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", rule_set.date_from),
            ]
            if rule_set.date_to:
                domain.append(("date_from", "<=", rule_set.date_to))
            other = self.sudo().search(domain, limit=1)
            if other:
                raise SanctionError(
                    "rule_set_overlap",
                    self.env._(
                        "%(set)s would be in force on the same days as %(other)s; "
                        "close %(other)s first (set its end date).",
                        set=rule_set.display_name,
                        other=other.display_name,
                    ),
                )

    @api.constrains("discipline_share", "cap_percent", "rounding_unit")
    def _check_figures(self):
        for rule_set in self:
            if not 0 < rule_set.discipline_share <= 100 or rule_set.cap_percent < 0:
                raise SanctionError(
                    "rule_set_invalid",
                    self.env._(
                        "The discipline component is a share between 0 and 100 "
                        "percent and the cap cannot be negative."
                    ),
                )
            if rule_set.rounding_unit < 1:
                raise SanctionError(
                    "rule_set_invalid",
                    self.env._("Deductions are rounded to at least one rupiah."),
                )

    def _simantap_check_editable(self, vals=None):
        """Refuse changing a set that a locked month used (``vals``: the fields
        written; None: any change, e.g. to a rule).  Closing it (end date after the
        last locked month) and archiving stay allowed."""
        used = self._simantap_used_ids()
        if not used:
            return
        if vals is not None and set(vals) <= FREE_FIELDS:
            if vals.get("date_to"):
                last = (
                    self.env["simantap.sanction.period"]
                    .sudo()
                    .search(
                        [("rule_set_id", "in", list(used))],
                        order="date_from desc",
                        limit=1,
                    )
                )
                if last and fields.Date.to_date(vals["date_to"]) < last.date_from:
                    raise SanctionError(
                        "rule_set_used",
                        self.env._(
                            "%(month)s used this rule set: it cannot end before "
                            "that month.",
                            month=last.display_name,
                        ),
                    )
            return
        rule_set = self.browse(sorted(used)[0])
        raise SanctionError(
            "rule_set_used",
            self.env._(
                "%(set)s was used by a locked TPP month and cannot be changed. "
                "Create a new version instead (New Version).",
                set=rule_set.display_name,
            ),
        )

    def write(self, vals):
        tracking_only = set(vals) <= {"message_main_attachment_id"}
        if not tracking_only:
            self._simantap_check_editable(vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        self._simantap_check_editable()

    # ------------------------------------------------------------------ lookup
    @api.model
    def _simantap_in_force(self, company, day):
        """The set in force on ``day`` for ``company``: the company's own, else a
        set for every company."""
        RuleSet = self.sudo().with_context(active_test=True)
        for company_id in (company.id, False):
            rule_set = RuleSet.search(
                [
                    ("company_id", "=", company_id),
                    ("date_from", "<=", day),
                    "|",
                    ("date_to", "=", False),
                    ("date_to", ">=", day),
                ],
                limit=1,
            )
            if rule_set:
                return rule_set
        return RuleSet.browse()

    def _simantap_costly_codes(self):
        """The daily codes that cut TPP under this set (a rule with a percentage,
        or tiers with one, on the code or on a code that counts as it): the days
        worth an objection."""
        codes = set()
        for rule in self.sudo().rule_ids.filtered(
            lambda r: r.active and r.applies_to == "code"
        ):
            if rule.percent > 0 or any(tier.percent > 0 for tier in rule.tier_ids):
                codes.update((rule.code_id | rule.extra_code_ids).mapped("code"))
        return codes

    def _simantap_lib(self):
        """This set as a :class:`..lib.tpp.RuleSet`."""
        self.ensure_one()
        rules = []
        for rule in self.rule_ids.filtered("active").sorted(
            lambda r: (r.sequence, r.id)
        ):
            rules.append(rule._simantap_lib())
        share = (
            tpp.dec(self.discipline_share) / tpp.HUNDRED
            if self.base_kind == "discipline"
            else tpp.Decimal(1)
        )
        return tpp.RuleSet(
            rules=tuple(rules),
            cap_percent=tpp.dec(self.cap_percent),
            base_share=share,
            rounding_unit=tpp.Decimal(self.rounding_unit),
            rounding_method=self.rounding_method,
            forfeit_tk_run=self.forfeit_tk_run,
        )

    # ------------------------------------------------------------------ versions
    def action_new_version(self):
        """A copy of this set in force from the month after the last month that used
        it (or from next month), this set closing the day before; opens the copy."""
        self.ensure_one()
        last = (
            self.env["simantap.sanction.period"]
            .sudo()
            .search([("rule_set_id", "=", self.id)], order="date_from desc", limit=1)
        )
        today = fields.Date.context_today(self)
        start = (last.date_from if last else today).replace(day=1) + relativedelta(
            months=1
        )
        if start <= self.date_from:
            start = self.date_from + relativedelta(months=1, day=1)
        old_end = self.date_to
        self.date_to = start - relativedelta(days=1)
        copy = self.copy(
            {
                "name": self.env._("%(name)s (new version)", name=self.name),
                "date_from": start,
                "date_to": old_end if old_end and old_end >= start else False,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": copy.id,
            "view_mode": "form",
        }

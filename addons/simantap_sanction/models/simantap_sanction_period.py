import base64
import csv
import io
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..errors import SanctionError
from ..lib import copyload, tpp

STATES = [
    ("draft", "Draft"),
    ("computed", "Computed"),
    ("review", "Under Review"),
    ("locked", "Locked"),
    ("exported", "Exported"),
]
OPEN_STATES = ("draft", "computed", "review")
LOCKED_STATES = ("locked", "exported")
CSV_HEADER = [
    "NIP",
    "Nama",
    "Unit",
    "Kelas Jabatan",
    "TPP",
    "Potongan (%)",
    "Potongan (Rp)",
    "Penyesuaian (Rp)",
    "TPP Bersih",
]
PAYROLL = "simantap_attendance.group_simantap_payroll"
PAYSLIP_CODE = "TPP_CUT"


class SimantapSanctionPeriod(models.Model):
    """The TPP month of a company: daily codes x the rule set in force on its first
    day -> one line per employee.  Draft -> Computed (repeatable) -> Under Review
    (employees object) -> Locked (the days behind it are frozen; a later correction
    becomes an adjustment in the next open month) -> Exported to payroll."""

    _name = "simantap.sanction.period"
    _inherit = ["mail.thread", "mail.activity.mixin"]
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
    exported_at = fields.Datetime(readonly=True)
    exported_by_id = fields.Many2one("res.users", readonly=True)
    export_csv = fields.Binary(
        string="CSV for Payroll",
        attachment=True,
        readonly=True,
        copy=False,
        groups=PAYROLL,
    )
    export_csv_name = fields.Char(readonly=True)
    export_xlsx = fields.Binary(
        string="XLSX for Payroll",
        attachment=True,
        readonly=True,
        copy=False,
        groups=PAYROLL,
    )
    export_xlsx_name = fields.Char(readonly=True)

    line_count = fields.Integer(compute="_compute_totals", string="Employees")
    total_base = fields.Monetary(compute="_compute_totals", string="TPP")
    total_deduction = fields.Monetary(compute="_compute_totals", string="Deductions")
    total_adjustment = fields.Monetary(compute="_compute_totals", string="Adjustments")
    total_net = fields.Monetary(compute="_compute_totals", string="Net TPP")
    open_objection_count = fields.Integer(compute="_compute_open_objection_count")
    payroll_installed = fields.Boolean(
        compute="_compute_payroll_installed",
        help="The OCA payroll addon is installed: the deductions can be written on "
        "the payslips.",
    )

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

    def _compute_payroll_installed(self):
        self.payroll_installed = "hr.payslip.input" in self.env

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

    # ------------------------------------------------------------------ checks
    def _simantap_check_payroll(self):
        if not self.env.user.has_group("simantap_attendance.group_simantap_payroll"):
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

    def action_export(self):
        """The payroll files of a locked month (CSV and XLSX), stored on the month
        with who and when; repeatable."""
        self._simantap_check_payroll()
        self._simantap_check_state(LOCKED_STATES)
        for period in self:
            stem = f"tpp-{period.date_from:%Y-%m}-{period.company_id.id}"
            xlsx, _format = (
                self.env["ir.actions.report"]
                .sudo()
                ._render_xlsx("simantap_sanction.sanction_period_xlsx", period.ids, {})
            )
            period.write(
                {
                    "export_csv": base64.b64encode(period._simantap_csv()),
                    "export_csv_name": f"{stem}.csv",
                    "export_xlsx": base64.b64encode(xlsx),
                    "export_xlsx_name": f"{stem}.xlsx",
                    "exported_at": fields.Datetime.now(),
                    "exported_by_id": self.env.uid,
                    "state": "exported",
                }
            )
            period.message_post(
                body=self.env._("Exported for payroll (CSV and XLSX)."),
            )
        return True

    def action_send_to_payroll(self):
        """Where the OCA ``payroll`` addon is installed (no dependency on it): write
        each line's deduction plus adjustments as the input ``TPP_CUT`` of the
        employee's payslip of the month still in draft or waiting; writing again
        updates it.  Returns the number of payslips written."""
        self._simantap_check_payroll()
        self._simantap_check_state(LOCKED_STATES)
        if "hr.payslip.input" not in self.env:
            raise SanctionError(
                "no_payroll",
                self.env._("The payroll addon (OCA payroll) is not installed."),
            )
        Payslip = self.env["hr.payslip"].sudo()
        Input = self.env["hr.payslip.input"].sudo()
        written = 0
        for period in self:
            lines = {
                line.employee_id.id: line
                for line in period.sudo().line_ids
                if line.deduction or line.adjustment_amount
            }
            slips = Payslip.search(
                [
                    ("employee_id", "in", list(lines)),
                    ("state", "in", ("draft", "verify")),
                    ("date_from", "<=", period.date_to),
                    ("date_to", ">=", period.date_from),
                    ("contract_id", "!=", False),
                ]
            )
            existing = {
                line.payslip_id.id: line
                for line in Input.search(
                    [("payslip_id", "in", slips.ids), ("code", "=", PAYSLIP_CODE)]
                )
            }
            name = self.env._("TPP cut %(month)s", month=f"{period.date_from:%Y-%m}")
            to_create = []
            for slip in slips:
                line = lines[slip.employee_id.id]
                values = {
                    "name": name,
                    "amount": line.deduction + line.adjustment_amount,
                }
                if slip.id in existing:
                    existing[slip.id].write(values)
                else:
                    to_create.append(
                        dict(
                            values,
                            payslip_id=slip.id,
                            contract_id=slip.contract_id.id,
                            code=PAYSLIP_CODE,
                            sequence=90,
                        )
                    )
            Input.create(to_create)
            written += len(slips)
            period.message_post(
                body=self.env._(
                    "Deductions written on %(count)s payslips (input %(code)s).",
                    count=len(slips),
                    code=PAYSLIP_CODE,
                )
            )
        return written

    def _simantap_export_rows(self):
        """The payroll rows, sorted by unit and name: dicts with nip, name, unit,
        position_class, tpp_base, percent, deduction, adjustment, net."""
        self.ensure_one()
        lines = (
            self.env["simantap.sanction.line"]
            .sudo()
            .search([("period_id", "=", self.id)])
        )
        rows = [
            {
                "nip": line.nip or "",
                "name": line.employee_id.name,
                "unit": line.department_id.name or "",
                "position_class": line.position_class_id.name or "",
                "tpp_base": line.tpp_base,
                "percent": line.capped_percent if not line.forfeited else 100.0,
                "deduction": line.deduction,
                "adjustment": line.adjustment_amount,
                "net": line.net,
                "forfeited": line.forfeited,
            }
            for line in lines
        ]
        rows.sort(key=lambda row: (row["unit"], row["name"]))
        return rows

    def _simantap_csv(self):
        """The CSV (UTF-8, comma): the NIP quoted as text so spreadsheets keep its
        18 digits; amounts in whole rupiah as rounded by the rule set."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
        writer.writerow(CSV_HEADER)
        for row in self._simantap_export_rows():
            writer.writerow(
                [
                    row["nip"],
                    row["name"],
                    row["unit"],
                    row["position_class"],
                    _number(row["tpp_base"]),
                    _number(row["percent"]),
                    _number(row["deduction"]),
                    _number(row["adjustment"]),
                    _number(row["net"]),
                ]
            )
        return buffer.getvalue().encode("utf-8")

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
    @api.model
    def _simantap_month_facts(
        self,
        company_id,
        date_from,
        date_to,
        employee_ids=None,
        overlay=None,
        run_from=1,
    ):
        """Set-based facts of a month: ``{employee_id: {'code_days': {code: [days]},
        'days': working days, 'max_tk_run': n, 'spot_days': [days]}}``.

        ``overlay`` (``{daily_status_id: codes}``) replaces the codes of some days
        (a correction after the lock, before it is applied).  The longest TK run is
        only worked out for those with at least ``run_from`` TK days (0: never)."""
        self.env["simantap.daily.status"].flush_model()
        where = SQL(
            "s.company_id = %s AND s.date BETWEEN %s AND %s",
            company_id,
            date_from,
            date_to,
        )
        if employee_ids is not None:
            where = SQL("%s AND s.employee_id = ANY(%s)", where, list(employee_ids))
        if overlay:
            days = SQL(
                """SELECT s.employee_id, s.date,
                          COALESCE(o.codes, s.effective_codes, '') AS codes
                     FROM simantap_daily_status s
                LEFT JOIN unnest(%s::int[], %s::varchar[]) AS o(status_id, codes)
                       ON o.status_id = s.id
                    WHERE %s""",
                list(overlay),
                list(overlay.values()),
                where,
            )
        else:
            days = SQL(
                """SELECT s.employee_id, s.date, COALESCE(s.effective_codes, '') AS codes
                     FROM simantap_daily_status s WHERE %s""",
                where,
            )
        facts = defaultdict(
            lambda: {"code_days": {}, "days": 0, "max_tk_run": 0, "spot_days": []}
        )
        # 1. per employee and code: the days, read as offsets from the first day
        # (an array of integers is read several times faster than one of dates)
        self.env.cr.execute(
            SQL(
                """WITH d AS (%s)
                   SELECT d.employee_id, c.code,
                          array_agg(d.date - %s::date ORDER BY d.date)
                     FROM d
               CROSS JOIN LATERAL unnest(string_to_array(d.codes, ' ')) AS c(code)
                    WHERE c.code NOT IN ('', 'H')
                 GROUP BY d.employee_id, c.code""",
                days,
                date_from,
            )
        )
        month = [date_from + relativedelta(days=n) for n in range(32)]
        for employee_id, code, offsets in self.env.cr.fetchall():
            facts[employee_id]["code_days"][code] = [month[n] for n in offsets]
        # 2. per employee: working days
        self.env.cr.execute(
            SQL(
                "WITH d AS (%s) SELECT employee_id, count(*) FROM d GROUP BY employee_id",
                days,
            )
        )
        for employee_id, count in self.env.cr.fetchall():
            facts[employee_id]["days"] = count
        # 3. the longest run of TK working days, of those with enough TK days for a
        # run of ``run_from`` (the TK days after the same number of other days form
        # one run)
        candidates = [
            employee_id
            for employee_id, fact in facts.items()
            if run_from and len(fact["code_days"].get("TK", ())) >= run_from
        ]
        if candidates:
            self.env.cr.execute(
                SQL(
                    """WITH d AS (%s),
                       n AS (SELECT employee_id, tk,
                                    count(*) FILTER (WHERE NOT tk) OVER (
                                        PARTITION BY employee_id ORDER BY date) AS grp
                               FROM (SELECT employee_id, date,
                                            'TK' = ANY(string_to_array(codes, ' ')) AS tk
                                       FROM d WHERE employee_id = ANY(%s::int[])) x)
                       SELECT employee_id, max(run)::int
                         FROM (SELECT employee_id, count(*) FILTER (WHERE tk) AS run
                                 FROM n GROUP BY employee_id, grp) g
                     GROUP BY employee_id""",
                    days,
                    _int_array(candidates),
                )
            )
            for employee_id, max_run in self.env.cr.fetchall():
                facts[employee_id]["max_tk_run"] = max_run
        # 4. unanswered spot checks
        if "simantap.spot.check" in self.env:
            self.env["simantap.spot.check"].flush_model()
            spot_where = SQL(
                """state = 'unanswered' AND company_id = %s
                   AND work_date BETWEEN %s AND %s""",
                company_id,
                date_from,
                date_to,
            )
            if employee_ids is not None:
                spot_where = SQL(
                    "%s AND employee_id = ANY(%s)", spot_where, list(employee_ids)
                )
            self.env.cr.execute(
                SQL(
                    """SELECT employee_id, array_agg(work_date ORDER BY work_date)
                         FROM simantap_spot_check WHERE %s GROUP BY employee_id""",
                    spot_where,
                )
            )
            for employee_id, dates in self.env.cr.fetchall():
                facts[employee_id]["spot_days"] = dates
        return dict(facts)

    def _simantap_bases(self, employee_ids):
        """``{employee_id: (department_id, nip, position_class_id, source, amount)}``:
        the assignment in force on the month's first day (else the first starting
        in the month); its individual amount, else its class amount on that day."""
        self.ensure_one()
        for model in (
            "hr.employee",
            "simantap.tpp.assignment",
            "simantap.position.class",
            "simantap.position.class.amount",
        ):
            self.env[model].flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT e.id, e.department_id, e.nip, a.position_class_id,
                          CASE WHEN a.id IS NULL THEN 'none'
                               WHEN a.use_override THEN 'override'
                               ELSE 'class' END,
                          CASE WHEN a.id IS NULL THEN 0
                               WHEN a.use_override THEN COALESCE(a.override_amount, 0)
                               ELSE COALESCE(
                                   (SELECT pa.amount
                                      FROM simantap_position_class_amount pa
                                     WHERE pa.position_class_id = a.position_class_id
                                       AND pa.date_from <= GREATEST(%s, a.date_from)
                                  ORDER BY pa.date_from DESC LIMIT 1),
                                   pc.tpp_amount, 0) END
                     FROM hr_employee e
                LEFT JOIN LATERAL (
                          SELECT * FROM simantap_tpp_assignment x
                           WHERE x.employee_id = e.id AND x.date_from <= %s
                             AND (x.date_to IS NULL OR x.date_to >= %s)
                        ORDER BY x.date_from LIMIT 1) a ON TRUE
                LEFT JOIN simantap_position_class pc ON pc.id = a.position_class_id
                    WHERE e.id = ANY(%s::int[])""",
                self.date_from,
                self.date_to,
                self.date_from,
                _int_array(employee_ids),
            )
        )
        return {row[0]: row[1:] for row in self.env.cr.fetchall()}

    def _simantap_adjustment_sums(self, employee_ids=None):
        self.ensure_one()
        self.env["simantap.sanction.adjustment"].flush_model()
        where = SQL("period_id = %s", self.id)
        if employee_ids is not None:
            where = SQL("%s AND employee_id = ANY(%s)", where, list(employee_ids))
        self.env.cr.execute(
            SQL(
                """SELECT employee_id, SUM(amount) FROM simantap_sanction_adjustment
                    WHERE %s GROUP BY employee_id""",
                where,
            )
        )
        return dict(self.env.cr.fetchall())

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
        facts = self._simantap_month_facts(
            self.company_id.id,
            self.date_from,
            self.date_to,
            employee_ids,
            run_from=lib_set.forfeit_tk_run,
        )
        adjustments = self._simantap_adjustment_sums(employee_ids)
        for employee_id in adjustments:
            facts.setdefault(
                employee_id,
                {"code_days": {}, "days": 0, "max_tk_run": 0, "spot_days": []},
            )
        bases = self._simantap_bases(list(facts))
        lines = []
        for employee_id in sorted(facts):
            fact = facts[employee_id]
            department_id, nip, class_id, source, amount = bases.get(
                employee_id, (None, None, None, "none", 0)
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
            lines.append(
                (
                    employee_id,
                    department_id,
                    nip,
                    class_id,
                    source,
                    result,
                    fact["days"],
                    len(fact["code_days"].get("TK", ())),
                )
            )
        self._simantap_store(lines, employee_ids)
        self.write(
            {"computed_at": fields.Datetime.now(), "computed_by_id": self.env.uid}
        )
        return True

    def _simantap_store(self, lines, employee_ids=None):
        """Replace the lines (of ``employee_ids``, or all) by ``lines``: ids drawn
        from the sequence in one statement, then the lines and their breakdown
        loaded with COPY (the bulk path PostgreSQL offers; Odoo uses it too)."""
        cr = self.env.cr
        Line = self.env["simantap.sanction.line"]
        Line.flush_model()
        self.env["simantap.sanction.line.detail"].flush_model()
        where = SQL("period_id = %s", self.id)
        if employee_ids is not None:
            where = SQL("%s AND employee_id = ANY(%s)", where, list(employee_ids))
        cr.execute(SQL("DELETE FROM simantap_sanction_line WHERE %s", where))
        if lines:
            cr.execute(
                SQL(
                    "SELECT nextval(%s) FROM generate_series(1, %s)",
                    "simantap_sanction_line_id_seq",
                    len(lines),
                )
            )
            line_ids = [row[0] for row in cr.fetchall()]
            uid, now = self.env.uid, fields.Datetime.now()
            head = (self.id, self.company_id.id, uid, uid, now, now)
            copyload.copy_rows(
                cr,
                "simantap_sanction_line",
                LINE_COLUMNS,
                (
                    (line_id, *head, *_line_values(*line))
                    for line_id, line in zip(line_ids, lines, strict=True)
                ),
            )
            copyload.copy_rows(
                cr,
                "simantap_sanction_line_detail",
                DETAIL_COLUMNS,
                (
                    (
                        line_id,
                        detail.day,
                        detail.code,
                        detail.rule_key,
                        detail.kind,
                        detail.count,
                        detail.percent,
                    )
                    for line_id, line in zip(line_ids, lines, strict=True)
                    for detail in line[5].details
                ),
            )
        for model in (
            "simantap.sanction.line",
            "simantap.sanction.line.item",
            "simantap.sanction.line.detail",
        ):
            self.env[model].invalidate_model()
        self.invalidate_recordset(["line_ids"])


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
DETAIL_COLUMNS = ("line_id", "date", "code", "rule_id", "kind", "count", "percent")


def _line_values(
    employee_id, department_id, nip, class_id, source, result, days, tk_days
):
    return (
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
        days,
        tk_days,
        tpp.counts_text(result.counts),
    )


def _int_array(values):
    """Integers as the text of a PostgreSQL array, one parameter to cast
    (``%s::int[]``): much faster to parse than ``ARRAY[...]`` for large arrays."""
    return "{" + ",".join(map(str, values)) + "}"


def _number(value):
    """Whole numbers without a trailing .0, others as they are."""
    value = float(value or 0)
    return int(value) if value.is_integer() else round(value, 4)

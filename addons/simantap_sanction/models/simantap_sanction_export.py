import base64
import csv
import io

from odoo import fields, models

from ..constants import LOCKED_STATES, PAYROLL
from ..errors import SanctionError

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
PAYSLIP_CODE = "TPP_CUT"


class SimantapSanctionExport(models.AbstractModel):
    """What leaves a locked TPP month for payroll: the CSV and XLSX files stored on
    the month, and, where the OCA payroll addon is installed, the deductions written
    on the payslips.  The month (``simantap.sanction.period``) inherits it: its
    workflow and computation stay apart from the export."""

    _name = "simantap.sanction.export"
    _description = "TPP Export to Payroll"

    exported_at = fields.Datetime(readonly=True)
    exported_by_id = fields.Many2one("res.users", readonly=True)
    export_csv = fields.Binary(
        string="CSV for Payroll",
        help="For payroll software: UTF-8, comma-separated, the NIP quoted as text, "
        "amounts in whole rupiah without thousands separator and a point as decimal "
        "mark (41.75). The XLSX shows the same figures in Indonesian formats.",
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
    payroll_installed = fields.Boolean(
        compute="_compute_payroll_installed",
        help="The OCA payroll addon is installed: the deductions can be written on "
        "the payslips.",
    )

    def _compute_payroll_installed(self):
        # the OCA payroll addon is optional: no dependency on it
        self.payroll_installed = "hr.payslip.input" in self.env

    def action_export(self):
        """The payroll files of a locked month (CSV and XLSX), stored on the month
        with who and when; repeatable.  For one month, the browser downloads the
        XLSX (the CSV stays on the month's form)."""
        self._simantap_check_payroll()
        self._simantap_check_state(LOCKED_STATES)
        for period in self:
            stem = f"tpp-{period.date_from:%Y-%m}-{period.company_id.id}"
            # who and when first: the workbook shows the date of this export
            period.write(
                {
                    "exported_at": fields.Datetime.now(),
                    "exported_by_id": self.env.uid,
                    "state": "exported",
                }
            )
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
                }
            )
            period.message_post(
                body=self.env._("Exported for payroll (CSV and XLSX)."),
            )
        if len(self) != 1:
            return True
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("res_field", "=", "export_xlsx"),
                ],
                limit=1,
            )
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "download",
        }

    def action_send_to_payroll(self):
        """Where the OCA ``payroll`` addon is installed (no dependency on it): write
        each line's deduction plus adjustments as the input ``TPP_CUT`` of the
        employee's payslip of the month still in draft or waiting; writing again
        updates it; employees outside TPP this month are left alone.  Returns the
        number of payslips written."""
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
                if _in_tpp(line) and (line.deduction or line.adjustment_amount)
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
        position_class, tpp_base, percent, deduction, adjustment, net.  Employees
        outside TPP this month (no TPP assignment, or an amount of 0) are left out:
        payroll has nothing to pay or cut for them."""
        self.ensure_one()
        lines = (
            self.env["simantap.sanction.line"]
            .sudo()
            .search(
                [
                    ("period_id", "=", self.id),
                    ("base_source", "!=", "none"),
                    ("tpp_base", ">", 0),
                ]
            )
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
        """The CSV for payroll software, kept machine-readable rather than in
        Indonesian display formats: UTF-8, comma-separated, the NIP quoted as text
        so spreadsheets keep its 18 digits; amounts in whole rupiah as rounded by
        the rule set, without thousands separator; a point as decimal mark
        (41.75); no dates.  Officers read the XLSX, which shows Indonesian
        formats."""
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


def _in_tpp(line):
    """The employee is in TPP this month: an assignment with an amount."""
    return line.base_source != "none" and line.tpp_base > 0


def _number(value):
    """Whole numbers without a trailing .0, others as they are."""
    value = float(value or 0)
    return int(value) if value.is_integer() else round(value, 4)

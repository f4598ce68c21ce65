from collections import defaultdict

from odoo import api, models
from odoo.exceptions import AccessError

from ..constants import LOCKED_STATES, PAYROLL
from ..lib import terbilang


class ReportTppCuts(models.AbstractModel):
    """Daftar potongan TPP: the month's cuts of each paying unit (an OPD or a
    school with its sub-units), with totals in figures and in words, signed by the
    unit head and the treasurer.  Official once the month is locked; before, every
    page carries a DRAFT watermark."""

    _name = "report.simantap_sanction.report_tpp_cuts"
    _inherit = "simantap.report.common"
    _description = "List of TPP Cuts"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        only = self.env["hr.department"].browse(data.get("department_id") or [])
        if not self.env.user.has_group(PAYROLL):
            # a unit head prints the list of their own unit only
            if not only:
                raise AccessError(
                    self.env._("Only a payroll officer prints the whole list.")
                )
            self._simantap_check_unit(only)
        periods = self.env["simantap.sanction.period"].browse(docids)
        units = []
        draft = False
        for period in periods:
            period.check_access("read")
            draft = draft or period.state not in LOCKED_STATES
            units.extend(self._simantap_units(period.sudo(), only.sudo()))
        return {
            "doc_ids": docids,
            "doc_model": "simantap.sanction.period",
            "docs": periods,
            "units": units,
            "watermark": self.env._("DRAFT") if draft else "",
            "draft_note": self.env._(
                "DRAFT: the month is not locked; this list is not valid for payment."
            )
            if draft
            else "",
            "rupiah": terbilang.rupiah,
            "percent": terbilang.percent,
        }

    def _simantap_units(self, period, only):
        lines = period.line_ids
        if only:
            lines = lines.filtered(
                lambda line: (
                    line.department_id
                    and line.department_id._simantap_office() == only._simantap_office()
                )
            )
        groups = defaultdict(lambda: self.env["simantap.sanction.line"])
        for line in lines.sorted(lambda line: line.employee_id.name or ""):
            unit = (
                line.department_id._simantap_office()
                if line.department_id
                else self.env["hr.department"]
            )
            groups[unit] |= line
        units = []
        for unit, unit_lines in sorted(
            groups.items(), key=lambda item: item[0].name or ""
        ):
            rows = []
            for line in unit_lines:
                cut = line.deduction + line.adjustment_amount
                rows.append(
                    {
                        "line": line,
                        "employee": line.employee_id,
                        "nip": line.nip or line.employee_id.nip,
                        "position_class": line.position_class_id.name or "",
                        "base": line.tpp_base,
                        "percent": 100.0 if line.forfeited else line.capped_percent,
                        "cut": cut,
                        "net": line.net,
                    }
                )
            total_base = sum(row["base"] for row in rows)
            total_cut = sum(row["cut"] for row in rows)
            total_net = sum(row["net"] for row in rows)
            treasurer = unit._simantap_treasurer() if unit else unit
            units.append(
                {
                    "period": period,
                    "department": unit,
                    "head": self._simantap_head(period.company_id, unit),
                    "month_label": self._simantap_month_label(period.date_from),
                    "rows": rows,
                    "total_base": total_base,
                    "total_cut": total_cut,
                    "total_net": total_net,
                    "cut_words": terbilang.terbilang(total_cut),
                    "net_words": terbilang.terbilang(total_net),
                    "place_date": self._simantap_place_date(period.company_id),
                    "signers": [
                        self._simantap_unit_head_signer(
                            unit, caption=self.env._("Approved by,")
                        )
                        if unit
                        else self._simantap_signer(self.env["hr.employee"]),
                        self._simantap_signer(
                            treasurer,
                            position=treasurer.sudo().job_title
                            or self.env._("Treasurer"),
                        ),
                    ],
                }
            )
        return units

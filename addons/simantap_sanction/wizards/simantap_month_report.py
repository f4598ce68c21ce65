from odoo import fields, models

from ..errors import SanctionError


class SimantapMonthReport(models.TransientModel):
    """The monthly reports offer the list of TPP cuts of a unit too."""

    _inherit = "simantap.month.report"

    report = fields.Selection(
        selection_add=[("tpp", "List of TPP Cuts")], ondelete={"tpp": "cascade"}
    )

    def _simantap_reports(self):
        return dict(
            super()._simantap_reports(),
            tpp="simantap_sanction.action_report_tpp_cuts",
        )

    def _simantap_records(self):
        if self.report != "tpp":
            return super()._simantap_records()
        period = self.env["simantap.sanction.period"].search(
            [
                ("company_id", "=", self.env.company.id),
                ("date_from", "=", self.month.replace(day=1)),
            ],
            limit=1,
        )
        if not period:
            raise SanctionError(
                "no_period",
                self.env._(
                    "There is no TPP month for %(month)s yet.",
                    month=self.month.strftime("%m/%Y"),
                ),
            )
        return period

    def _simantap_data(self):
        data = super()._simantap_data()
        if self.report == "tpp" and self.department_id:
            data["department_id"] = self.department_id.id
        return data

from odoo import models

PAPER = {
    "a4": "simantap_attendance.paperformat_simantap_a4",
    "f4": "simantap_attendance.paperformat_simantap_f4",
}


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def get_paperformat(self):
        """Simantap's signed reports are printed on the company's paper (A4 or F4)."""
        if self.report_name and self.report_name.startswith("simantap_"):
            paper = self.env.ref(
                PAPER.get(self.env.company.simantap_paper_format, PAPER["a4"]),
                raise_if_not_found=False,
            )
            if paper:
                return paper
        return super().get_paperformat()

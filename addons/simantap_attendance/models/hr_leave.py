from odoo import models


class HrLeave(models.Model):
    _inherit = "hr.leave"

    def write(self, vals):
        with self.env["simantap.presence"]._simantap_door():
            result = super().write(vals)
            if "state" in vals or {"date_from", "date_to"} & set(vals):
                self._simantap_reevaluate_days()
        return result

    def _simantap_reevaluate_days(self):
        """An approved, refused or moved leave changes the daily status of the past
        days it covers."""
        Status = self.env["simantap.daily.status"].sudo()
        for leave in self.sudo():
            if not leave.employee_id or not leave.date_from:
                continue
            first = leave.date_from.date()
            span = (leave.date_to.date() - first).days
            days = [first.fromordinal(first.toordinal() + i) for i in range(span + 1)]
            Status._simantap_reevaluate(leave.employee_id, days)

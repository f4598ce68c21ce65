from odoo import models

from ..constants import LOCKED_STATES
from ..errors import SanctionError


class SimantapDailyStatus(models.Model):
    """The correction path for days of a locked TPP month: the day stays as it was
    paid; the correction becomes an adjustment in the next open month."""

    _inherit = "simantap.daily.status"

    def action_correct_locked(self, codes, reason):
        """An attendance officer corrects locked days: one adjustment per day,
        computed as the difference, landing in the next open month."""
        if not self.env.user.has_group("simantap_attendance.group_simantap_officer"):
            raise SanctionError(
                "not_officer", self.env._("Only an attendance officer corrects a day.")
            )
        reason = (reason or "").strip()
        if not reason:
            raise SanctionError(
                "correction_reason", self.env._("A correction needs a reason.")
            )
        wanted = (codes or "").split()
        _records, unknown = self.env["simantap.status.code"]._simantap_resolve(wanted)
        if not wanted or unknown:
            raise SanctionError(
                "unknown_codes",
                self.env._(
                    "Unknown attendance code(s): %(codes)s",
                    codes=", ".join(unknown) or "-",
                ),
            )
        Adjustment = self.env["simantap.sanction.adjustment"].sudo()
        adjustments = Adjustment.browse()
        for day in self.sorted("date"):
            if not day.locked:
                raise SanctionError(
                    "not_locked",
                    self.env._(
                        "%(day)s is not in a locked month: correct it directly.",
                        day=day.date,
                    ),
                )
            line = day._simantap_locked_line()
            if not line:
                raise SanctionError(
                    "no_locked_line",
                    self.env._(
                        "The locked month of %(day)s has no line for %(employee)s.",
                        day=day.date,
                        employee=day.employee_id.name,
                    ),
                )
            adjustment = Adjustment._simantap_record(
                day, " ".join(wanted), reason, line
            )
            adjustments |= adjustment
            day.sudo().message_post(
                body=self.env._(
                    "Corrected after the lock by %(user)s: %(old)s → %(new)s (%(reason)s). "
                    "The difference lands in %(period)s.",
                    user=self.env.user.name,
                    old=adjustment.old_codes,
                    new=adjustment.new_codes,
                    reason=reason,
                    period=adjustment.period_id.display_name,
                )
            )
        return adjustments

    def _simantap_locked_line(self):
        """The line of the locked month that paid this day (empty when none)."""
        self.ensure_one()
        period = (
            self.env["simantap.sanction.period"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("date_from", "=", self.date.replace(day=1)),
                    ("state", "in", LOCKED_STATES),
                ],
                limit=1,
            )
        )
        Line = self.env["simantap.sanction.line"].sudo()
        if not period:
            return Line
        return Line.search(
            [("period_id", "=", period.id), ("employee_id", "=", self.employee_id.id)],
            limit=1,
        )

    def _simantap_holiday_locked(self, holiday):
        """A public holiday added for days of a locked month is a correction after
        the lock: each day whose codes cost money becomes an adjustment to no codes
        (a free day), landing in the next open month."""
        result = super()._simantap_holiday_locked(holiday)
        Adjustment = self.env["simantap.sanction.adjustment"].sudo()
        for day in self.sorted("date"):
            line = day._simantap_locked_line()
            earlier = Adjustment.search(
                [("origin_line_id", "=", line.id), ("status_id", "=", day.id)],
                order="id desc",
                limit=1,
            )
            codes = earlier.new_codes if earlier else day.effective_codes
            if not line or not set((codes or "").split()) - {"H"}:
                continue
            Adjustment._simantap_record(
                day,
                "",
                self.env._(
                    "Public holiday added after the lock: %(holiday)s",
                    holiday=holiday.name,
                ),
                line,
                skip_zero=True,
            )
        return result

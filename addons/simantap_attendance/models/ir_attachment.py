from odoo import models
from odoo.exceptions import AccessError

DUTY = "simantap.field.duty"
# what may still change on an evidence file: the link a portal share adds
HARMLESS = {"access_token"}


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def unlink(self):
        self._simantap_check_evidence_kept()
        return super().unlink()

    def write(self, vals):
        if set(vals) - HARMLESS:
            self._simantap_check_evidence_kept()
        return super().write(vals)

    def _simantap_check_evidence_kept(self):
        """A field duty's photos and letter are evidence once it left draft: no one
        but the system (retention, the service) deletes or changes them, whatever
        door is used (the duty refuses it through its fields; this is ir.attachment's
        own, which checks only that the user may write on the duty)."""
        if self.env.su or not self:
            return
        attachments = self.sudo()
        duties = self.env[DUTY].sudo().with_context(active_test=False)
        letters = {
            a.res_id
            for a in attachments
            if a.res_model == DUTY and a.res_field == "letter_file" and a.res_id
        }
        kept = duties.browse(letters).exists() | duties.search(
            [("photo_ids", "in", attachments.ids)]
        )
        kept = kept.filtered(lambda duty: duty.state != "draft")
        if kept:
            raise AccessError(
                self.env._(
                    "The photos and the assignment letter of %(duty)s are evidence: "
                    "once the duty has left draft they are neither deleted nor "
                    "changed.",
                    duty=kept[0].display_name,
                )
            )

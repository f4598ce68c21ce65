import logging
import os
import uuid

from odoo import api, models
from odoo.exceptions import AccessError

_logger = logging.getLogger(__name__)

DUTY = "simantap.field.duty"
# what may still change on an evidence file: the link a portal share adds
HARMLESS = {"access_token"}


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.model
    def _file_write(self, bin_value, checksum):
        """Odoo's filestore write, made atomic: the file is written under a
        temporary name and renamed.  Odoo writes it in place, so a request storing
        the same bytes at the same moment (two phones sending one picture, a
        replayed selfie) found the file half-written and refused its upload as
        "The attachment collides with an existing file"."""
        fname, full_path = self._get_path(bin_value, checksum)
        if not os.path.exists(full_path):
            temporary = f"{full_path}.{uuid.uuid4().hex}.tmp"
            try:
                with open(temporary, "wb") as fp:
                    fp.write(bin_value)
                os.replace(temporary, full_path)
                # add fname to checklist, in case the transaction aborts
                self._mark_for_gc(fname)
            except OSError:
                _logger.info("_file_write writing %s", full_path, exc_info=True)
                if os.path.exists(temporary):
                    os.unlink(temporary)
        return fname

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

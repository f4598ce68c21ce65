import base64
import logging

from odoo import api, fields, models
from odoo.tools.sql import create_index

from ..lib import photo as photo_lib

_logger = logging.getLogger(__name__)


class SimantapAttendanceAttempt(models.Model):
    """The selfie of a check-in or check-out is checked and hashed during the
    request, but a JPEG is stored as the phone sent it and re-encoded (at most
    1024 pixels, camera metadata removed) by a background job within minutes:
    re-encoding was most of a check-in's cost, and nothing waits for it."""

    _inherit = "simantap.attendance.attempt"

    photo_pending = fields.Boolean(
        string="Selfie Not Yet Re-encoded",
        readonly=True,
        copy=False,
        help="The selfie is stored as the phone sent it, camera metadata included, "
        "until the background job re-encodes it (every few minutes).",
    )

    def init(self):
        result = super().init()
        create_index(
            self.env.cr,
            "simantap_attendance_attempt_photo_pending_idx",
            self._table,
            ["id"],
            where="photo_pending",
        )
        return result

    @api.model
    def _cron_reencode_photos(self, batch=200):
        """Re-encode the selfies stored as sent, oldest first, in batches; the
        cron runs again while some remain."""
        attempts = self.sudo().search(
            [("photo_pending", "=", True)], order="id", limit=batch
        )
        for attempt in attempts:
            attempt._simantap_reencode_photo()
        remaining = self.sudo().search_count([("photo_pending", "=", True)])
        self.env["ir.cron"]._notify_progress(done=len(attempts), remaining=remaining)

    def _simantap_reencode_photo(self):
        self.ensure_one()
        data = base64.b64decode(self.photo or b"")
        company = self.company_id
        try:
            photo = photo_lib.process(
                data,
                max_bytes=company.simantap_photo_max_bytes
                or photo_lib.DEFAULT_MAX_BYTES,
                max_megapixels=company.simantap_photo_max_megapixels
                or photo_lib.DEFAULT_MAX_MEGAPIXELS,
            )
        except photo_lib.PhotoError as error:  # checked at intake: kept as sent
            _logger.warning("Selfie of attempt %s kept as sent: %s", self.id, error)
            self.photo_pending = False
            return
        self.write({"photo": base64.b64encode(photo.jpeg), "photo_pending": False})

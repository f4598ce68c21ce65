import base64
import binascii

from odoo import api, fields, models

from ..lib import document as document_lib
from ..lib import x2many
from .simantap_field_duty import COVERING_STATES, FieldDutyError


class SimantapFieldDuty(models.Model):
    """The evidence of a field duty: its assignment letter and the photos taken at
    the destination.  Only the caller's own fresh uploads are linked as photos
    (never another record's attachment: a selfie, another duty's photo, an
    employee's picture), and a photo, once linked, is never moved nor deleted by
    an employee: it stays on the duty."""

    _inherit = "simantap.field.duty"

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._simantap_check_letter_value(vals.get("letter_file"))
            if vals.get("photo_ids") and not self.env.su:
                self.browse()._simantap_check_photo_commands(vals["photo_ids"])
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("letter_file"):
            self._simantap_check_letter_value(vals["letter_file"])
        if not self.env.su and "photo_ids" in vals:
            for duty in self:
                duty._simantap_check_photo_commands(vals["photo_ids"])
        return super().write(vals)

    def _simantap_check_photo_commands(self, commands):
        """Refuse photo changes a user may not make on this duty (empty when it is
        being created): linking anything but their own fresh uploads, creating or
        changing attachments through the duty, deleting a photo, or taking one off a
        duty that left draft (officers may take one off; it stays attached)."""
        current = self.sudo().photo_ids.ids if self else []
        try:
            change = x2many.changes(commands, current)
        except (TypeError, ValueError) as error:
            raise self._simantap_not_own_error() from error
        if change.written:
            raise self._simantap_not_own_error()
        if change.deleted or (
            change.unlinked
            and self
            and self.state != "draft"
            and not self._simantap_is_officer()
        ):
            raise FieldDutyError(
                "evidence_kept",
                self.env._(
                    "Photos taken at the destination are evidence: they are never "
                    "deleted, and once %(duty)s has left draft none is taken off it.",
                    duty=self.display_name or self.env._("the duty"),
                ),
            )
        if change.linked:
            uploads = self._simantap_check_fresh_uploads(change.linked)
            self._simantap_check_photo_bytes([(a.name, a.raw) for a in uploads])

    def _simantap_not_own_error(self):
        return FieldDutyError(
            "photo_not_own",
            self.env._(
                "Only pictures you have just uploaded yourself can be added as "
                "photos of a field duty."
            ),
        )

    def _simantap_check_fresh_uploads(self, attachment_ids):
        """Each id is an attachment the current user uploaded and nothing holds
        yet: no record but this duty, no binary field, no other duty's photos."""
        ids = sorted(attachment_ids)
        attachments = self.env["ir.attachment"].sudo().browse(ids).exists()
        own_duty = self.id or 0
        fresh = attachments.filtered(
            lambda a: (
                a.create_uid == self.env.user
                and not a.res_field
                and (
                    (not a.res_model and not a.res_id)
                    or (a.res_model == self._name and (a.res_id or 0) in (0, own_duty))
                )
            )
        )
        taken = (
            self.sudo()
            .with_context(active_test=False)
            .search_count([("photo_ids", "in", ids), ("id", "!=", own_duty)], limit=1)
        )
        if len(fresh) != len(ids) or taken:
            raise self._simantap_not_own_error()
        return fresh

    def _simantap_attach_photos(self):
        """Photos uploaded before the duty was saved belong to no record yet: attach
        them, so that whoever reads the duty reads its photos.  An attachment that
        belongs to another record is never moved."""
        for duty in self.sudo():
            loose = duty.photo_ids.filtered(
                lambda a, duty=duty: (
                    not a.res_id
                    and not a.res_field
                    and a.res_model in (False, duty._name)
                )
            )
            if loose:
                loose.write({"res_model": duty._name, "res_id": duty.id})

    # ------------------------------------------------------------------ documents

    @api.model
    def _simantap_document_refusal(self, data, what, codes, kinds=None, company=None):
        """None when ``data`` is a document of ``kinds`` (the letter's by default)
        within the company's caps (bytes, the selfie's megapixels, pages), else
        ``(code, message)``: ``codes`` maps 'too_large' and 'type' to the caller's
        refusal codes (a picture of too many pixels or a PDF of too many pages is
        too large; a file that is not what its first bytes claim is of the wrong
        type)."""
        company = (company or self.env.company).sudo()
        try:
            document_lib.check_document(
                data,
                max_bytes=company.simantap_duty_max_bytes
                or document_lib.DEFAULT_MAX_BYTES,
                kinds=kinds or document_lib.LETTER_KINDS,
                max_megapixels=company.simantap_photo_max_megapixels
                or document_lib.DEFAULT_MAX_MEGAPIXELS,
            )
        except document_lib.DocumentError as error:
            large = error.code in (
                "document_too_large",
                "document_too_many_pixels",
                "document_too_many_pages",
            )
            return (
                codes["too_large" if large else "type"],
                self._simantap_document_message(error, what),
            )
        return None

    @api.model
    def _simantap_document_message(self, error, what):
        params = dict(error.params, what=what)
        if error.code == "document_too_large":
            return self.env._(
                "The %(what)s is %(size)s; at most %(maximum)s is accepted.", **params
            )
        if error.code == "document_type":
            return self.env._(
                "The %(what)s must be a %(allowed)s file (checked from its content, "
                "not its name).",
                **params,
            )
        if error.code == "document_too_many_pixels":
            return self.env._(
                "The %(what)s has too many pixels (%(megapixels)s megapixels; at "
                "most %(maximum)s).",
                **params,
            )
        if error.code == "document_too_many_pages":
            return self.env._(
                "The %(what)s has %(pages)s pages; at most %(maximum)s are accepted.",
                **params,
            )
        if error.code == "document_unreadable":
            return self.env._(
                "The %(what)s is not a readable %(kind)s file: it is damaged, cut "
                "short or not what it claims to be.",
                **params,
            )
        return self.env._("The %(what)s is empty.", **params)

    def _simantap_check_letter_value(self, value):
        """Refuse an assignment letter (base64, as written to ``letter_file``)
        before anything stores it."""
        if not value:
            return
        company = self[:1].company_id or self.env.company
        refusal = self._simantap_document_refusal(
            self._simantap_decode(value),
            self.env._("assignment letter"),
            {"too_large": "letter_too_large", "type": "letter_type"},
            company=company,
        )
        if refusal:
            raise FieldDutyError(*refusal)

    def _simantap_check_photo_bytes(self, files):
        """Refuse pictures (``[(name, bytes)]``) before anything stores them."""
        company = self[:1].company_id or self.env.company
        for name, data in files:
            refusal = self._simantap_document_refusal(
                data,
                self.env._("photo %(name)s", name=name),
                {"too_large": "photo_too_large", "type": "photo_type"},
                kinds=document_lib.PHOTO_KINDS,
                company=company,
            )
            if refusal:
                raise FieldDutyError(*refusal)

    @api.model
    def _simantap_decode(self, value):
        if not value:
            return b""
        if isinstance(value, str):
            value = value.encode("ascii", "ignore")
        try:
            return base64.b64decode(value, validate=False)
        except (binascii.Error, ValueError):
            return b"?"  # not base64: of no allowed type

    # ------------------------------------------------------------------ API

    def _simantap_add_photos(self, files):
        """Add pictures taken at the destination, as ``[(filename, bytes), ...]``: for
        the employees on duty (while it is a draft or approved) and officers; the
        mobile API calls this.  Returns the new attachments."""
        self.ensure_one()
        if not (self._simantap_is_officer() or self._simantap_user_on_duty()):
            raise FieldDutyError(
                "not_allowed",
                self.env._(
                    "Only an employee on %(duty)s or an attendance officer can add "
                    "photos to it.",
                    duty=self.display_name,
                ),
            )
        self._simantap_refuse_state(("draft", *COVERING_STATES))
        self._simantap_check_photo_bytes(files)
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                [
                    {
                        "name": name,
                        "raw": data,
                        "res_model": self._name,
                        "res_id": self.id,
                    }
                    for name, data in files
                ]
            )
        )
        self.sudo().write(
            {"photo_ids": [fields.Command.link(a.id) for a in attachments]}
        )
        return attachments.sudo(False)

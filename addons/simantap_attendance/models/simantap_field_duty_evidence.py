import base64
import binascii

from odoo import api, fields, models

from ..lib import duty as duty_lib
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
        if not self.env.su:
            for vals in vals_list:
                if vals.get("photo_ids"):
                    self.browse()._simantap_check_photo_commands(vals["photo_ids"])
        return super().create(vals_list)

    def write(self, vals):
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
            self._simantap_check_fresh_uploads(change.linked)

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
    def _simantap_document_message(self, error, what):
        if error.code == "document_too_large":
            return self.env._(
                "The %(what)s is %(size)s; at most %(maximum)s is accepted.",
                what=what,
                **error.params,
            )
        if error.code == "document_type":
            return self.env._(
                "The %(what)s must be a %(allowed)s file (checked from its content, "
                "not its name).",
                what=what,
                **error.params,
            )
        return self.env._("The %(what)s is empty.", what=what)

    @api.constrains("letter_file")
    def _check_letter_file(self):
        codes = {
            "document_too_large": "letter_too_large",
            "document_type": "letter_type",
        }
        for duty in self.filtered("letter_file"):
            data = duty._simantap_decode(duty.with_context(bin_size=False).letter_file)
            try:
                duty_lib.check_document(data, duty._simantap_max_bytes())
            except duty_lib.DocumentError as error:
                raise FieldDutyError(
                    codes.get(error.code, "letter_type"),
                    self._simantap_document_message(
                        error, self.env._("assignment letter")
                    ),
                ) from error

    @api.constrains("photo_ids")
    def _check_photos(self):
        codes = {
            "document_too_large": "photo_too_large",
            "document_type": "photo_type",
            "document_missing": "photo_type",
        }
        for duty in self:
            for photo in duty.sudo().photo_ids:
                try:
                    duty_lib.check_document(
                        photo.raw, duty._simantap_max_bytes(), duty_lib.PHOTO_KINDS
                    )
                except duty_lib.DocumentError as error:
                    raise FieldDutyError(
                        codes[error.code],
                        self._simantap_document_message(
                            error,
                            self.env._("photo %(name)s", name=photo.name),
                        ),
                    ) from error

    @api.model
    def _simantap_decode(self, value):
        if not value:
            return b""
        try:
            return base64.b64decode(value, validate=False)
        except (binascii.Error, ValueError):
            return b""

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

import base64

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, freeze_time, tagged

from ..lib import document as document_lib
from ..lib import x2many
from .checkin_common import make_photo
from .documents import FAKE_JPEG, FAKE_PDF, PDF, PNG, make_pdf, png_bomb
from .test_field_duty import FieldDutyCase

JPEG = make_photo(7, size=(64, 48))


@tagged("post_install", "-at_install")
class TestX2manyChanges(TransactionCase):
    def test_what_commands_do_to_a_relation(self):
        change = x2many.changes([(6, 0, [2, 3])], current_ids=[1, 2])
        self.assertEqual((change.linked, change.unlinked), ({3}, {1}))
        change = x2many.changes([(4, 5), (3, 1), (2, 2)], current_ids=[1, 2])
        self.assertEqual(
            (change.linked, change.unlinked, change.deleted), ({5}, {1}, {2})
        )
        self.assertEqual(x2many.changes([(5,)], [1, 2]).unlinked, {1, 2})
        self.assertEqual(x2many.changes([7, 8], [8]).linked, {7})
        self.assertTrue(x2many.changes([(0, 0, {"name": "x"})]).written)
        with self.assertRaises(ValueError):
            x2many.changes([(9, 1)])


@tagged("post_install", "-at_install")
@freeze_time("2026-11-02 01:00:00")
class TestDutyPhotosAreOwnFreshUploads(FieldDutyCase):
    """Issue #13 (1): a duty's photos are the caller's own fresh uploads; another
    employee's selfie, another duty's photo or a partner's image is never taken."""

    def _upload(self, user, **values):
        return (
            self.env["ir.attachment"]
            .with_user(user)
            .sudo()
            .create({"name": "foto.jpg", "raw": JPEG, **values})
        )

    def _victims(self):
        selfie = self._upload(
            self.user_colleague,
            res_model="simantap.attendance.attempt",
            res_id=1,
            res_field="photo",
        )
        their_duty = self._duty(self.user_colleague)
        their_photo = self._upload(self.user_colleague)
        their_duty.with_user(self.user_colleague).write(
            {"photo_ids": [(4, their_photo.id)]}
        )
        partner = self.env["res.partner"].create({"name": "Mitra"})
        partner_image = self._upload(
            self.env.ref("base.user_admin"), res_model="res.partner", res_id=partner.id
        )
        my_other_duty = self._duty()
        my_photo = self._upload(self.user_employee)
        my_other_duty.with_user(self.user_employee).write(
            {"photo_ids": [(4, my_photo.id)]}
        )
        return {
            "selfie": selfie,
            "their duty photo": their_photo,
            "partner image": partner_image,
            "my other duty's photo": my_photo,
        }

    def test_another_records_attachment_is_never_linked(self):
        victims = self._victims()
        before = {
            name: (a.res_model, a.res_id, a.res_field) for name, a in victims.items()
        }
        draft = self._duty()
        mine = draft.with_user(self.user_employee)
        for name, attachment in victims.items():
            with self.subTest(name):
                self.assertEqual(
                    self._code(mine.write, {"photo_ids": [(6, 0, [attachment.id])]}),
                    "photo_not_own",
                )
                self.assertEqual(
                    self._code(
                        lambda attachment=attachment: self._duty(
                            photo_ids=[(4, attachment.id)]
                        )
                    ),
                    "photo_not_own",
                )
        self.assertFalse(draft.photo_ids)
        draft.with_user(self.user_employee).unlink()
        # nothing moved, nothing deleted
        after = {
            name: (a.res_model, a.res_id, a.res_field)
            for name, a in victims.items()
            if a.exists()
        }
        self.assertEqual(after, before)

    def test_attachments_are_not_made_through_the_duty(self):
        self.assertEqual(
            self._code(
                lambda: self._duty(photo_ids=[(0, 0, {"name": "x.jpg", "raw": JPEG})])
            ),
            "photo_not_own",
        )
        self.assertEqual(
            self._code(lambda: self._duty(photo_ids=[(4, 999_999_999)])),
            "photo_not_own",
        )

    def test_own_fresh_upload_is_linked_and_attached(self):
        upload = self._upload(self.user_employee)
        duty = self._duty(photo_ids=[(6, 0, [upload.id])])
        self.assertEqual(duty.photo_ids, upload)
        self.assertEqual((upload.res_model, upload.res_id), (duty._name, duty.id))
        # the form's widget uploads onto the saved duty, then links the upload
        second = self._upload(self.user_employee, res_model=duty._name, res_id=duty.id)
        duty.with_user(self.user_employee).write({"photo_ids": [(4, second.id)]})
        self.assertEqual(len(duty.photo_ids), 2)

    def test_photos_are_evidence(self):
        upload = self._upload(self.user_employee)
        duty = self._duty(photo_ids=[(4, upload.id)])
        mine = duty.with_user(self.user_employee)
        self.assertEqual(
            self._code(mine.write, {"photo_ids": [(2, upload.id)]}), "evidence_kept"
        )
        # a draft's photo can be taken off it again: it stays attached to the duty
        mine.write({"photo_ids": [(3, upload.id)]})
        self.assertTrue(upload.exists())
        mine.write({"photo_ids": [(4, upload.id)]})
        duty.action_submit()
        duty.with_user(duty.approver_user_id).action_approve()
        for commands in ([(3, upload.id)], [(5,)], [(6, 0, [])]):
            with self.subTest(commands=commands):
                self.assertEqual(
                    self._code(mine.write, {"photo_ids": commands}), "evidence_kept"
                )
        self.assertEqual(duty.photo_ids, upload)

    def test_evidence_attachments_are_not_changed_behind_the_duty(self):
        """The duty's photos and letter are attachments: once it left draft, neither
        the employee nor an officer deletes or overwrites them through ir.attachment
        (the web client's and RPC's door), and the duty keeps showing them."""
        upload = self._upload(self.user_employee)
        duty = self._duty(photo_ids=[(4, upload.id)])
        letter = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", duty._name),
                    ("res_id", "=", duty.id),
                    ("res_field", "=", "letter_file"),
                ]
            )
        )
        self.assertTrue(letter)
        # a draft's own photo may still be replaced by its filer
        upload.with_user(self.user_employee).write({"name": "foto-depan.jpg"})
        duty.action_submit()
        duty.with_user(duty.approver_user_id).action_approve()
        officer = self.env.ref("base.user_admin")
        for attachment in (upload, letter):
            for user in (self.user_employee, officer):
                who = attachment.with_user(user)
                with self.subTest(attachment=attachment.name, user=user.login):
                    with self.assertRaises(AccessError):
                        who.unlink()
                    with self.assertRaises(AccessError):
                        who.write({"raw": PNG})
                    with self.assertRaises(AccessError):
                        who.write({"res_id": self.env.company.id})
        self.assertTrue(upload.exists() and letter.exists())
        self.assertEqual(upload.raw, JPEG)
        self.assertEqual(duty.photo_ids, upload)


@tagged("post_install", "-at_install")
class TestDocumentLib(TransactionCase):
    """Issue #13 (4): a document is what it claims, within the caps, and a picture
    is judged from its header before it is decoded."""

    def code(self, data, **kwargs):
        with self.assertRaises(document_lib.DocumentError) as caught:
            document_lib.check_document(data, **kwargs)
        return caught.exception.code

    def test_real_documents_pass(self):
        self.assertEqual(document_lib.check_document(PDF), "pdf")
        self.assertEqual(document_lib.check_document(JPEG), "jpeg")
        self.assertEqual(
            document_lib.check_document(PNG, kinds=document_lib.PHOTO_KINDS), "png"
        )

    def test_image_bombs_are_refused_from_their_header(self):
        self.assertLess(len(png_bomb()), 100)
        for width in (50_000, 13_000):
            with self.subTest(width=width):
                self.assertEqual(
                    self.code(png_bomb(width, width)), "document_too_many_pixels"
                )
        big = make_photo(1, size=(400, 300))
        self.assertEqual(self.code(big, max_megapixels=0.1), "document_too_many_pixels")

    def test_magic_numbers_alone_are_not_enough(self):
        self.assertEqual(self.code(FAKE_PDF), "document_unreadable")
        self.assertEqual(self.code(FAKE_JPEG), "document_unreadable")
        self.assertEqual(self.code(JPEG[: len(JPEG) // 2]), "document_unreadable")
        self.assertEqual(self.code(png_bomb(64, 48)), "document_unreadable")

    def test_pages_are_capped(self):
        self.assertEqual(self.code(make_pdf(3), max_pages=2), "document_too_many_pages")


@tagged("post_install", "-at_install")
@freeze_time("2026-11-02 01:00:00")
class TestDutyDocumentsAreChecked(FieldDutyCase):
    def test_letters_are_real_and_within_the_caps(self):
        cases = [
            (png_bomb(), "letter_too_large"),
            (png_bomb(13_000, 13_000), "letter_too_large"),
            (FAKE_PDF, "letter_type"),
            (FAKE_JPEG, "letter_type"),
        ]
        for data, code in cases:
            with self.subTest(code=code, size=len(data)):
                self.assertEqual(
                    self._code(
                        lambda data=data: self._duty(letter_file=base64.b64encode(data))
                    ),
                    code,
                )
        draft = self._duty()
        self.assertEqual(
            self._code(
                draft.with_user(self.user_employee).write,
                {"letter_file": base64.b64encode(FAKE_PDF)},
            ),
            "letter_type",
        )
        self.assertFalse(
            self.Duty.search([("employee_id", "=", self.emp_employee.id)]) - draft
        )

    def test_photos_are_checked_before_they_are_stored(self):
        draft = self._duty().with_user(self.user_employee)
        Attachment = self.env["ir.attachment"]
        before = Attachment.search_count([])
        for data, code in (
            (png_bomb(), "photo_too_large"),
            (FAKE_JPEG, "photo_type"),
            (PDF, "photo_type"),
        ):
            with self.subTest(code=code):
                self.assertEqual(
                    self._code(draft._simantap_add_photos, [("x.png", data)]), code
                )
        self.assertEqual(Attachment.search_count([]), before)
        self.assertEqual(len(draft._simantap_add_photos([("ok.png", PNG)])), 1)


@tagged("post_install", "-at_install")
@freeze_time("2026-11-02 01:00:00")
class TestDutyStaysInItsFilersName(FieldDutyCase):
    def test_a_draft_is_not_moved_into_a_colleagues_name(self):
        """Issue #13 (12)."""
        draft = self._duty()
        mine = draft.with_user(self.user_employee)
        self.assertEqual(
            self._code(mine.write, {"employee_id": self.emp_colleague.id}),
            "not_allowed",
        )
        self.assertEqual(draft.employee_id, self.emp_employee)
        mine.write({"employee_id": self.emp_employee.id, "purpose": "Rapat"})
        draft.with_user(self.user_officer).write({"employee_id": self.emp_colleague.id})
        self.assertEqual(draft.employee_id, self.emp_colleague)

    def test_without_approver_only_officers_are_named(self):
        """Issue #13 (15): not "an attendance officer or an attendance officer"."""
        duty = self._duty()
        duty.action_submit()
        duty.sudo().approver_user_id = False
        with self.assertRaises(Exception) as caught:
            duty.with_user(self.user_colleague)._simantap_check_decider()
        message = str(caught.exception)
        self.assertIn("Only an attendance officer can approve or reject", message)
        self.assertEqual(message.count("attendance officer"), 1)

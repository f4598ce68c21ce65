"""Field duty: who approves it, what may still change on it, how its destination
judges fixes, and who sees it (the flow and the retroactive rules are in
test_field_duty.py)."""

from datetime import date, datetime

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, new_test_user, tagged

from ..models.simantap_field_duty import FieldDutyError
from .documents import JPEG, PDF, PNG
from .test_field_duty import (
    DESTINATION,
    FAR_FROM_BOTH,
    NEAR_DESTINATION,
    OFFICE,
    TEXT,
    FieldDutyCase,
    b64,
)


@tagged("post_install", "-at_install")
@freeze_time("2026-11-02 01:00:00")
class TestApprover(FieldDutyCase):
    def _submitted(self, user=None, **values):
        duty = self._duty(user, **values)
        duty.action_submit()
        return duty

    def test_sub_unit_without_head_goes_to_the_opd_head(self):
        self.assertFalse(self.sub_unit.manager_id)
        self.assertEqual(self._submitted().approver_user_id, self.user_head)

    def test_school_principal_approves_a_teacher(self):
        duty = self._submitted(self.user_teacher)
        self.assertEqual(duty.approver_user_id, self.user_principal)
        duty.with_user(self.user_principal).action_approve()
        self.assertEqual(duty.state, "approved")

    def test_approver_without_the_unit_head_role_still_decides(self):
        kabid = new_test_user(
            self.env,
            login="sm_kabid",
            groups="base.group_user",
            company_id=self.company.id,
            company_ids=[(6, 0, self.company.ids)],
        )
        self.sub_unit.manager_id = self.env["hr.employee"].create(
            {
                "name": "Kepala Bidang",
                "user_id": kabid.id,
                "department_id": self.sub_unit.id,
                "company_id": self.company.id,
            }
        )
        duty = self._submitted()
        self.assertEqual(duty.approver_user_id, kabid)
        self.assertEqual(
            self.Duty.with_user(kabid).search([("id", "=", duty.id)]), duty
        )
        action = duty.with_user(kabid).action_open_reject_wizard()
        wizard = (
            self.env[action["res_model"]]
            .with_user(kabid)
            .with_context(**action["context"])
            .create({"reason": "Belum ada surat undangan"})
        )
        wizard.action_reject()
        self.assertEqual(duty.state, "rejected")

    def test_head_on_duty_goes_up_the_tree(self):
        self.assertEqual(
            self._submitted(self.user_head).approver_user_id, self.user_sekda
        )
        team = self._submitted(employee_ids=[(4, self.emp_head.id)])
        self.assertEqual(team.approver_user_id, self.user_sekda)

    def test_archived_head_goes_up_the_tree(self):
        self.emp_head.active = False
        self.assertEqual(self._submitted().approver_user_id, self.user_sekda)

    def test_head_without_user_goes_up_the_tree(self):
        self.emp_head.user_id = False
        self.assertEqual(self._submitted().approver_user_id, self.user_sekda)

    def test_head_with_archived_user_goes_up_the_tree(self):
        self.user_head.active = False
        self.assertEqual(self._submitted().approver_user_id, self.user_sekda)

    def test_nobody_above_leaves_it_to_officers(self):
        duty = self._submitted(self.user_sekda)
        self.assertFalse(duty.approver_user_id)
        self.assertFalse(duty.activity_ids)
        self.assertIn("attendance officer", duty.message_ids[0].body)
        self.assertEqual(
            self._code(duty.with_user(self.user_head).action_approve), "not_approver"
        )
        duty.with_user(self.user_officer).action_approve()
        self.assertEqual(duty.state, "approved")

    def test_only_the_approver_or_an_officer_decides(self):
        duty = self._submitted()
        # a colleague of another unit does not even read it
        with self.assertRaises(AccessError):
            duty.with_user(self.user_colleague).action_approve()
        # the head above reads it but is not its approver
        self.assertEqual(
            self._code(duty.with_user(self.user_sekda).action_approve), "not_approver"
        )
        self.assertEqual(
            self._code(duty.with_user(self.user_employee).action_approve),
            "self_approval",
        )
        self.assertEqual(
            self._code(duty.with_user(self.user_sekda).action_reject, "no"),
            "not_approver",
        )
        self.assertFalse(duty.with_user(self.user_sekda).can_decide)
        self.assertTrue(duty.with_user(self.user_head).can_decide)
        duty.with_user(self.user_officer).action_reject("Tanggal salah")
        self.assertEqual(duty.state, "rejected")
        self.assertEqual(
            self._code(duty.with_user(self.user_head).action_approve), "wrong_state"
        )

    def test_an_officer_cannot_approve_their_own_duty(self):
        duty = self._submitted(self.user_officer)
        self.assertEqual(
            self._code(duty.with_user(self.user_officer).action_approve),
            "self_approval",
        )


@tagged("post_install", "-at_install")
@freeze_time("2026-11-02 01:00:00")
class TestDutyEditing(FieldDutyCase):
    def test_draft_is_editable_submitted_and_approved_are_not(self):
        duty = self._duty()
        mine = duty.with_user(self.user_employee)
        mine.write({"purpose": "Rapat koordinasi"})
        mine.action_submit()
        self.assertEqual(self._code(mine.write, {"purpose": "x"}), "duty_locked")
        duty.with_user(self.user_head).action_approve()
        with self.assertRaises(FieldDutyError) as caught:
            mine.write({"date_to": "2026-11-06"})
        self.assertEqual(caught.exception.code, "duty_locked")
        self.assertIn("can no longer be edited", str(caught.exception))
        self.assertEqual(duty.date_to, date(2026, 11, 4))

    def test_workflow_fields_only_through_the_buttons(self):
        duty = self._duty()
        mine = duty.with_user(self.user_employee)
        self.assertEqual(
            self._code(mine.write, {"state": "approved"}), "workflow_field"
        )
        self.assertEqual(
            self._code(mine.write, {"approver_user_id": self.user_employee.id}),
            "workflow_field",
        )
        self.assertEqual(
            self._code(lambda: self._duty(state="approved")), "workflow_field"
        )
        self.assertEqual(duty.state, "draft")

    def test_officer_corrects_an_approved_duty(self):
        duty = self._approved()
        duty.with_user(self.user_officer).write({"date_to": "2026-11-05"})
        self.assertEqual(duty.end_datetime, datetime(2026, 11, 5, 17, 0))
        self.assertEqual(
            self._reevaluated(),
            [
                (
                    self.emp_employee.ids,
                    [date(2026, 11, 3), date(2026, 11, 4), date(2026, 11, 5)],
                )
            ],
        )

    def test_photos_on_an_approved_duty(self):
        duty = self._approved()
        mine = duty.with_user(self.user_employee)
        photos = mine._simantap_add_photos([("lokasi.jpg", JPEG), ("rapat.png", PNG)])
        self.assertEqual(duty.photo_ids, photos)
        self.assertEqual(set(photos.mapped("res_id")), {duty.id})
        self.assertEqual(
            self._code(mine._simantap_add_photos, [("surat.pdf", PDF)]), "photo_type"
        )
        with self.assertRaises(AccessError):
            duty.with_user(self.user_colleague)._simantap_add_photos([("x.jpg", JPEG)])
        self.assertEqual(
            self._code(
                duty.with_user(self.user_sekda)._simantap_add_photos,
                [("x.jpg", JPEG)],
            ),
            "not_allowed",
        )
        # the form's upload widget: an attachment, then a write of photo_ids
        upload = (
            self.env["ir.attachment"]
            .with_user(self.user_employee)
            .create({"name": "jalan.jpg", "raw": JPEG})
        )
        mine.write({"photo_ids": [(4, upload.id)]})
        self.assertIn(upload, duty.photo_ids)
        self.assertEqual(upload.res_id, duty.id)
        # the head reads the photos of their unit's duty
        self.assertEqual(
            len(duty.with_user(self.user_head).photo_ids.read(["name"])), 3
        )

    def test_letter_is_required_and_checked(self):
        duty = self._duty(letter_file=False)
        self.assertEqual(self._code(duty.action_submit), "letter_missing")
        self.assertEqual(
            self._code(
                lambda: self._duty(letter_file=b64(TEXT), letter_filename="surat.pdf")
            ),
            "letter_type",
        )
        self.assertEqual(self._duty(letter_file=b64(JPEG)).state, "draft")
        self.assertEqual(self._duty(letter_file=b64(PNG)).state, "draft")
        self.company.simantap_duty_max_bytes = 1024
        self.assertEqual(
            self._code(lambda: self._duty(letter_file=b64(PDF + b"0" * 2048))),
            "letter_too_large",
        )

    def test_only_drafts_are_deleted(self):
        draft = self._duty()
        draft.with_user(self.user_employee).unlink()
        self.assertFalse(draft.exists())
        approved = self._approved()
        with self.assertRaises(AccessError):
            approved.with_user(self.user_employee).unlink()
        self.assertEqual(
            self._code(approved.with_user(self.user_officer).unlink), "wrong_state"
        )

    def test_cancel_rules(self):
        draft = self._duty()
        self.assertEqual(
            self._code(draft.with_user(self.user_colleague).action_cancel),
            "not_allowed",
        )
        draft.with_user(self.user_employee).action_cancel()
        self.assertEqual(draft.state, "cancelled")
        self.assertEqual(self._reevaluated(), [])
        approved = self._approved()
        self.assertEqual(
            self._code(approved.with_user(self.user_employee).action_cancel),
            "not_allowed",
        )
        approved.with_user(self.user_officer).action_cancel()
        self.assertEqual(approved.state, "cancelled")
        self.assertEqual(
            self._reevaluated(),
            [(self.emp_employee.ids, [date(2026, 11, 3), date(2026, 11, 4)])],
        )


@tagged("post_install", "-at_install")
@freeze_time("2026-11-02 01:00:00")
class TestDutyJudgesFixes(FieldDutyCase):
    def _judge(self, position, when=datetime(2026, 11, 3, 3, 0)):
        return self.emp_employee._simantap_judge_fix(
            position[0], position[1], 10.0, when
        )

    def test_without_duty_far_away_is_outside(self):
        result = self._judge(FAR_FROM_BOTH)
        self.assertEqual(result["verdict"], "outside")
        self.assertFalse(result["duty"])

    def test_duty_without_fence_is_on_duty_anywhere(self):
        duty = self._approved()
        result = self._judge(FAR_FROM_BOTH)
        self.assertEqual(result["verdict"], "on_duty")
        self.assertEqual(result["duty"], duty)
        self.assertEqual(result["location_id"], self.office.id)

    def test_duty_with_fence_judges_against_the_destination(self):
        duty = self._approved(
            destination_latitude=DESTINATION[0],
            destination_longitude=DESTINATION[1],
            destination_radius=200,
        )
        inside = self._judge(NEAR_DESTINATION)
        self.assertEqual(inside["verdict"], "on_duty")
        self.assertEqual(inside["duty"], duty)
        self.assertEqual(inside["distance"], 0.0)
        self.assertFalse(inside["location_id"])
        outside = self._judge(FAR_FROM_BOTH)
        self.assertEqual(outside["verdict"], "outside")
        self.assertEqual(outside["duty"], duty)
        self.assertGreater(outside["distance"], 1000)

    def test_office_stays_inside_during_a_duty(self):
        self._approved(
            destination_latitude=DESTINATION[0], destination_longitude=DESTINATION[1]
        )
        result = self._judge(OFFICE)
        self.assertEqual(result["verdict"], "inside")
        self.assertEqual(result["location_id"], self.office.id)

    def test_outside_the_duty_range_is_outside(self):
        self._approved(duty_kind="part_day", hour_from=13.0, hour_to=16.0)
        result = self._judge(FAR_FROM_BOTH, when=datetime(2026, 11, 3, 2, 0))
        self.assertEqual(result["verdict"], "outside")
        self.assertEqual(
            self._judge(FAR_FROM_BOTH, when=datetime(2026, 11, 3, 7, 0))["verdict"],
            "on_duty",
        )

    def test_rejected_duty_excuses_nothing(self):
        duty = self._duty()
        duty.action_submit()
        duty.with_user(self.user_head).action_reject("Bukan tugas kantor")
        self.assertEqual(self._judge(FAR_FROM_BOTH)["verdict"], "outside")


@tagged("post_install", "-at_install")
@freeze_time("2026-11-02 01:00:00")
class TestDutyRecordRules(FieldDutyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.duty_employee = cls._make(cls.user_employee)
        cls.duty_colleague = cls._make(cls.user_colleague)
        cls.duty_head = cls._make(cls.user_head)
        cls.duty_teacher = cls._make(cls.user_teacher)
        cls.all_duties = (
            cls.duty_employee | cls.duty_colleague | cls.duty_head | cls.duty_teacher
        )

    @classmethod
    def _make(cls, user):
        return (
            cls.env["simantap.field.duty"]
            .with_user(user)
            .create(
                {
                    "employee_id": cls._employee_of(user).id,
                    "date_from": "2026-11-03",
                    "purpose": "Tugas",
                    "destination_name": "Padang Aro",
                    "letter_number": "1/2026",
                    "letter_date": "2026-11-02",
                    "letter_file": b64(PDF),
                }
            )
        )

    def _visible(self, user):
        return self.Duty.with_user(user).search([("id", "in", self.all_duties.ids)])

    def test_employee_sees_only_their_own(self):
        self.assertEqual(self._visible(self.user_employee), self.duty_employee)
        with self.assertRaises(AccessError):
            self.duty_colleague.with_user(self.user_employee).read(["purpose"])

    def test_employee_cannot_file_for_someone_else(self):
        with self.assertRaises(AccessError):
            self._duty(self.user_employee, employee_id=self.emp_colleague.id)

    def test_unit_head_sees_only_their_unit(self):
        self.assertEqual(
            self._visible(self.user_head), self.duty_employee | self.duty_head
        )
        with self.assertRaises(AccessError):
            self.duty_colleague.with_user(self.user_head).read(["purpose"])
        with self.assertRaises(AccessError):
            self.duty_teacher.with_user(self.user_head).read(["purpose"])
        self.assertEqual(self._visible(self.user_principal), self.duty_teacher)

    def test_unit_head_cannot_edit_their_unit(self):
        with self.assertRaises(AccessError):
            self.duty_employee.with_user(self.user_head).write({"purpose": "x"})

    def test_higher_head_sees_the_units_below(self):
        self.assertEqual(self._visible(self.user_sekda), self.all_duties)

    def test_officer_sees_the_company(self):
        self.assertEqual(self._visible(self.user_officer), self.all_duties)
        self.duty_colleague.with_user(self.user_officer).write({"purpose": "Koreksi"})

    def test_payroll_reads_but_cannot_write(self):
        self.assertEqual(self._visible(self.user_payroll), self.all_duties)
        with self.assertRaises(AccessError):
            self.duty_employee.with_user(self.user_payroll).write({"purpose": "x"})

    def test_other_company_is_invisible(self):
        foreign_user = self.env["res.users"].create(
            {
                "name": "Petugas Lain",
                "login": "sm_petugas_lain",
                "company_id": self.other_company.id,
                "company_ids": [(6, 0, self.other_company.ids)],
                "groups_id": [
                    (4, self.env.ref("base.group_user").id),
                    (4, self.env.ref("simantap_attendance.group_simantap_officer").id),
                ],
            }
        )
        self.assertFalse(self._visible(foreign_user))

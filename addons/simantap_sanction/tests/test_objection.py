import base64

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from odoo.addons.simantap_attendance.tests.documents import PDF

from .common import OCT, D
from .test_month import MonthCase

LETTER = base64.b64encode(PDF)


@tagged("post_install", "-at_install")
@freeze_time("2026-11-03 10:00:00")
class TestObjection(MonthCase):
    def setUp(self):
        super().setUp()
        self.october = self.period(OCT)
        self.october.action_compute()
        self.october.action_start_review()

    def object(self, day, codes, user=None, employee=None, reason="Saya dinas luar"):
        return (
            self.env["simantap.sanction.objection"]
            .with_user(user or self.user_employee)
            .create(
                {
                    "period_id": self.october.id,
                    "employee_id": (employee or self.emp_employee).id,
                    "status_ids": [(6, 0, day.ids)],
                    "requested_code_ids": [
                        (
                            6,
                            0,
                            self.env["simantap.status.code"]
                            .search([("code", "in", codes.split())])
                            .ids,
                        )
                    ],
                    "reason": reason,
                    "attachment": LETTER,
                    "attachment_name": "surat-tugas.pdf",
                }
            )
        )

    def test_accepted_objection_corrects_the_day_and_the_line(self):
        objection = self.object(self.days[D(2026, 10, 13)], "DL")
        self.assertEqual(objection.state, "submitted")
        self.assertEqual(objection.department_id, self.sub_unit)
        self.assertEqual(objection.sudo().activity_ids.user_id, self.user_head)
        self.assertEqual(objection.with_user(self.user_employee).attachment, LETTER)
        objection.with_user(self.user_head).action_head_endorse()
        self.assertEqual(
            (objection.state, objection.head_user_id), ("endorsed", self.user_head)
        )
        self.assertFalse(objection.sudo().activity_ids)
        objection.with_user(self.user_officer).action_officer_accept()
        self.assertEqual(objection.state, "accepted")
        self.assertEqual(objection.officer_user_id, self.user_officer)
        day = self.days[D(2026, 10, 13)]
        self.assertTrue(day.corrected)
        self.assertEqual(day.effective_codes, "DL")
        self.assertIn("Saya dinas luar", day.correction_reason)
        # one TK day (3%) less: 38.75% of 2 000 000 = 775 000
        line = self.line(self.october, self.emp_employee)
        self.assertEqual(line.tk_days, 1)
        self.assertEqual(line.deduction, 775_000)
        # the other lines were not touched
        self.assertEqual(
            self.line(self.october, self.emp_colleague).deduction, 1_200_000
        )

    def test_rejected_objections(self):
        by_head = self.object(self.days[D(2026, 10, 12)], "IZIN", reason="Anak sakit")
        self.assertEqual(
            self.code_of(by_head.with_user(self.user_head).action_head_reject),
            "decision_note",
        )
        by_head.with_user(self.user_head).action_head_reject(note="Tanpa surat")
        self.assertEqual(
            (by_head.state, by_head.head_note), ("rejected", "Tanpa surat")
        )
        by_officer = self.object(self.days[D(2026, 10, 1)], "H", reason="Mesin rusak")
        by_officer.with_user(self.user_head).action_head_endorse()
        by_officer.with_user(self.user_officer).action_officer_reject(
            note="Log mesin normal"
        )
        self.assertEqual(by_officer.state, "rejected")
        self.assertEqual(self.days[D(2026, 10, 12)].effective_codes, "TK")
        self.assertFalse(self.days[D(2026, 10, 1)].corrected)
        self.assertEqual(
            self.line(self.october, self.emp_employee).deduction,
            835_000,
        )
        self.assertEqual(
            self.code_of(by_officer.with_user(self.user_officer).action_officer_accept),
            "wrong_state",
        )

    def test_filing_refusals(self):
        day = self.days[D(2026, 10, 13)]
        colleague_day = self.Status.search(
            [("employee_id", "=", self.emp_colleague.id), ("date", "=", D(2026, 10, 5))]
        )
        self.assertEqual(
            self.code_of(self.object, colleague_day, "DL"), "objection_days"
        )
        november = self.mark(self.emp_employee, {D(2026, 11, 2): "TK"})
        self.assertEqual(
            self.code_of(self.object, november[D(2026, 11, 2)], "DL"), "objection_days"
        )
        self.assertEqual(
            self.code_of(self.object, day, "DL", reason="  "), "objection_reason"
        )
        # for someone else: refused by the record rules, and by the check for a head
        with self.assertRaises(AccessError):
            self.object(colleague_day, "DL", employee=self.emp_colleague)
        self.assertEqual(
            self.code_of(self.object, day, "DL", user=self.user_head),
            "objection_not_own",
        )
        # an officer may file for an employee (a letter handed in at the counter)
        self.object(day, "DL", user=self.user_officer)

    def test_one_open_objection_per_day(self):
        """Issue #13 (12): a day has at most one open objection."""
        day = self.days[D(2026, 10, 13)]
        first = self.object(day, "DL")
        both = day | self.days[D(2026, 10, 12)]
        self.assertEqual(self.code_of(self.object, both, "DL"), "objection_open")
        first.with_user(self.user_head).action_head_reject("Tanpa surat tugas")
        self.assertEqual(self.object(day, "DL").state, "submitted")

    def test_states_are_named_in_the_readers_language(self):
        """Issue #13 (15): no English state inside an Indonesian sentence."""
        self.env["res.lang"]._activate_lang("id_ID")
        self.env["ir.module.module"].search(
            [("name", "=", "simantap_sanction")]
        )._update_translations(["id_ID"])
        objection = self.object(self.days[D(2026, 10, 13)], "DL")
        objection.with_user(self.user_head).action_head_reject("Tanpa surat")
        user = self.user_head.with_context(lang="id_ID")
        with self.assertRaises(Exception) as caught:
            objection.with_user(user).with_context(lang="id_ID").action_head_endorse()
        self.assertNotIn("Rejected", str(caught.exception))
        self.assertIn("Ditolak", str(caught.exception))
        period = self.october.with_context(lang="id_ID")
        with self.assertRaises(Exception) as caught:
            period._simantap_check_state(("draft",))
        self.assertNotIn("Under Review", str(caught.exception))
        self.assertIn("berstatus", str(caught.exception))

    def test_not_under_review(self):
        self.october.action_back_to_draft()
        self.assertEqual(
            self.code_of(self.object, self.days[D(2026, 10, 13)], "DL"),
            "objection_period",
        )

    def test_decision_refusals(self):
        objection = self.object(self.days[D(2026, 10, 13)], "DL")
        # the employee neither endorses nor accepts their own objection
        self.assertEqual(
            self.code_of(objection.with_user(self.user_employee).action_head_endorse),
            "objection_self",
        )
        # an officer does not take the unit head's step when the unit has a head
        self.assertEqual(
            self.code_of(objection.with_user(self.user_officer).action_head_endorse),
            "objection_not_head",
        )
        self.assertEqual(
            self.code_of(objection.with_user(self.user_officer).action_officer_accept),
            "wrong_state",
        )
        objection.with_user(self.user_head).action_head_endorse()
        self.assertEqual(
            self.code_of(objection.with_user(self.user_head).action_officer_accept),
            "objection_not_officer",
        )
        # nobody decides their own objection
        own = self.object(
            self.Status.search(
                [("employee_id", "=", self.emp_head.id), ("date", "=", D(2026, 10, 1))]
            ),
            "DL",
            user=self.user_head,
            employee=self.emp_head,
        )
        self.assertEqual(
            self.code_of(own.with_user(self.user_head).action_head_endorse),
            "objection_self",
        )
        # the head's unit has no head above him: an officer takes the first step
        own.with_user(self.user_officer).action_head_endorse()
        self.assertEqual(own.state, "endorsed")

    def test_lock_refused_while_objections_are_open(self):
        objection = self.object(self.days[D(2026, 10, 13)], "DL")
        payroll_period = self.october.with_user(self.user_payroll)
        action = payroll_period.action_lock()
        self.assertEqual(action["res_model"], "simantap.sanction.lock")
        self.assertEqual(self.october.state, "review")
        self.assertEqual(
            self.code_of(payroll_period.action_lock, override_reason=" "),
            "override_reason",
        )
        wizard = (
            self.env["simantap.sanction.lock"]
            .with_user(self.user_payroll)
            .create({"period_id": self.october.id, "reason": "Batas waktu penggajian"})
        )
        wizard.action_lock()
        self.assertEqual(self.october.state, "locked")
        self.assertEqual(self.october.lock_override_reason, "Batas waktu penggajian")
        self.assertEqual(objection.state, "lapsed")
        self.assertFalse(objection.is_open)
        self.assertEqual(
            self.code_of(objection.with_user(self.user_head).action_head_endorse),
            "wrong_state",
        )

    def test_lock_after_objections_are_decided(self):
        objection = self.object(self.days[D(2026, 10, 13)], "DL")
        objection.with_user(self.user_head).action_head_endorse()
        objection.with_user(self.user_officer).action_officer_accept()
        self.october.with_user(self.user_payroll).action_lock()
        self.assertEqual(self.october.state, "locked")
        self.assertFalse(self.october.lock_override_reason)
        self.assertEqual(
            self.line(self.october, self.emp_employee).deduction,
            775_000,
        )

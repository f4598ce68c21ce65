import base64

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.simantap_attendance.tests.documents import PDF
from odoo.addons.simantap_attendance.tests.presence_common import utc

from .push_common import PushCase


@tagged("post_install", "-at_install")
class TestPushKinds(PushCase):
    """What is pushed besides spot checks: reminders before a cut is earned, and
    decisions, each in the employee's language and switchable per company."""

    def cron(self, at):
        with freeze_time(at):
            self.Message._cron_push()

    def pushes(self, employee, kind):
        return self.Message.search(
            [("employee_id", "=", employee.id), ("kind", "=", kind)]
        )

    def test_check_in_reminder_before_the_schedule_if_not_checked_in(self):
        subscription, _phone = self.subscribe(self.emp_employee)
        self.subscribe(self.emp_colleague)
        self.check_in(self.emp_colleague, utc(0, 45))  # already in
        self.cron(utc(0, 45))  # 07:45 local: too early (lead 10 min)
        self.assertFalse(self.pushes(self.emp_employee, "check_in"))
        self.cron(utc(0, 52))  # 07:52: the schedule starts at 08:00
        reminder = self.pushes(self.emp_employee, "check_in")
        self.assertEqual(reminder.state, "accepted")
        [request] = self.requests_to(subscription)
        payload = self.service.decrypt(request)
        self.assertEqual(payload["kind"], "check_in")
        self.assertEqual(payload["title"], "Saatnya absen masuk")
        self.assertIn("8 menit", payload["body"])
        self.assertEqual(request["headers"]["ttl"], str(8 * 60))
        self.assertEqual(request["headers"]["urgency"], "normal")
        self.cron(utc(0, 55))  # once a day
        self.assertEqual(len(self.pushes(self.emp_employee, "check_in")), 1)
        self.assertFalse(self.pushes(self.emp_colleague, "check_in"))

    def test_check_out_reminder_at_the_end_if_still_checked_in(self):
        subscription, _phone = self.subscribe(self.emp_employee)
        self.subscribe(self.emp_colleague)
        self.check_in(self.emp_employee, utc(0, 55))
        self.check_in(self.emp_colleague, utc(0, 55), check_out=utc(9, 50))
        self.cron(utc(9, 59))
        self.assertFalse(self.pushes(self.emp_employee, "check_out"))
        self.cron(utc(10, 1))  # 17:01 local, the schedule ended at 17:00
        reminder = self.pushes(self.emp_employee, "check_out")
        self.assertEqual(reminder.state, "accepted")
        payload = self.service.decrypt(self.requests_to(subscription)[-1])
        self.assertEqual(payload["title"], "Jangan lupa absen pulang")
        self.assertFalse(self.pushes(self.emp_colleague, "check_out"))

    def test_a_kind_switched_off_is_not_pushed(self):
        self.subscribe(self.emp_employee)
        self.company.simantap_push_check_in = False
        self.cron(utc(0, 52))
        self.assertFalse(self.pushes(self.emp_employee, "check_in"))
        self.assertFalse(self.service.received)

    def test_field_duty_decisions_are_pushed(self):
        subscription, _phone = self.subscribe(self.emp_employee)
        Duty = self.env["simantap.field.duty"]

        def duty(day):
            record = Duty.with_user(self.user_employee).create(
                {
                    "employee_id": self.emp_employee.id,
                    "date_from": day,
                    "date_to": day,
                    "purpose": "Monitoring dana BOS",
                    "destination_name": "Kantor Camat Sangir",
                    "letter_number": "800/123/DU/2026",
                    "letter_date": "2026-11-02",
                    "letter_file": base64.b64encode(PDF),
                    "letter_filename": "surat_tugas.pdf",
                }
            )
            record.action_submit()
            return record

        with freeze_time(utc(2)):
            approved = duty("2026-11-03")
            approved.with_user(self.user_officer).action_approve()
            rejected = duty("2026-11-05")
            rejected.with_user(self.user_officer).action_reject(
                "Surat belum ditandatangani"
            )
        self.cron(utc(2, 1))
        payloads = [self.service.decrypt(r) for r in self.requests_to(subscription)]
        self.assertEqual(
            [(p["kind"], p["title"], p["url"]) for p in payloads],
            [
                (
                    "duty_approved",
                    "Dinas luar disetujui",
                    f"/simantap/app/#/duty/{approved.id}",
                ),
                (
                    "duty_rejected",
                    "Dinas luar ditolak",
                    f"/simantap/app/#/duty/{rejected.id}",
                ),
            ],
        )
        self.assertIn("Surat belum ditandatangani", payloads[1]["body"])
        self.assertEqual(self.requests_to(subscription)[0]["headers"]["ttl"], "86400")

    def test_signing_out_stops_the_pushes(self):
        subscription, _phone = self.subscribe(self.emp_employee)
        subscription.device_id._api_sign_out()
        self.cron(utc(0, 52))
        self.assertFalse(self.service.received)
        self.assertFalse(self.pushes(self.emp_employee, "check_in"))

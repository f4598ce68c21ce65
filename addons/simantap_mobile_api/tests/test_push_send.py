from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.simantap_attendance.tests.presence_common import DAY, utc

from .push_common import PushCase


@tagged("post_install", "-at_install")
class TestPushSend(PushCase):
    """Pushes leave through a push service of our own on loopback: it checks the
    VAPID JWT and decrypts the payload with the subscription's private key."""

    def spot(self, employee, due_at):
        return self.SpotCheck.create(
            {
                "employee_id": employee.id,
                "work_date": DAY.date(),
                "due_at": due_at,
                "day_end": utc(10),
            }
        )

    def run_cron(self, at):
        with freeze_time(at):
            self.Message._cron_push()

    def test_spot_check_reaches_the_phone_and_its_deadline_counts_from_acceptance(self):
        subscription, _phone = self.subscribe(self.emp_employee)
        self.check_in(self.emp_employee, utc(0, 55))
        check = self.spot(self.emp_employee, utc(2))
        self.run_cron(utc(1, 59))
        self.assertFalse(self.service.received, "not due yet")
        self.run_cron(utc(2, 1))
        [request] = self.requests_to(subscription)
        self.assertVapid(request)
        headers = request["headers"]
        self.assertEqual(headers["ttl"], "900")  # the 15-minute window
        self.assertEqual(headers["urgency"], "high")
        self.assertEqual(headers["content-encoding"], "aes128gcm")
        payload = self.service.decrypt(request)
        message = self.Message.search([("spot_check_id", "=", check.id)])
        self.assertEqual(payload["kind"], "spot_check")
        self.assertEqual(payload["id"], message.id)
        self.assertEqual(payload["spot_check_id"], check.id)
        self.assertEqual(payload["url"], f"/simantap/app/#/capture/spot/{check.id}")
        self.assertEqual(payload["title"], "Cek mendadak: buktikan Anda sedang bekerja")
        self.assertIn("15 menit", payload["body"])
        self.assertEqual(message.state, "accepted")
        self.assertEqual(message.http_status, 201)
        self.assertEqual(check.push_state, "accepted")
        self.assertEqual(check.push_accepted_at, utc(2, 1))
        self.assertEqual(check.notified_at, utc(2, 1))
        self.assertEqual(check.deadline, utc(2, 16))
        # the phone's next contact does not move the deadline
        with freeze_time(utc(2, 5)):
            due = self.Presence._today(self.emp_employee)["spot_check"]
        self.assertEqual(due["id"], check.id)
        self.assertEqual(due["seconds_left"], 11 * 60)
        # sent once only
        self.run_cron(utc(2, 3))
        self.assertEqual(len(self.requests_to(subscription)), 1)

    def test_no_subscription_marks_the_spot_check_not_delivered(self):
        self.check_in(self.emp_colleague, utc(0, 55))
        check = self.spot(self.emp_colleague, utc(2))
        self.run_cron(utc(2, 1))
        self.assertEqual(check.push_state, "not_delivered")
        self.assertFalse(check.notified_at)
        message = self.Message.search([("spot_check_id", "=", check.id)])
        self.assertEqual(message.state, "failed")
        self.assertEqual(message.reason, "no_subscription")
        self.assertIn(
            "langganan",  # an officer reading Indonesian
            dict(
                message.with_context(lang="id_ID")
                ._fields["reason"]
                ._description_selection(message.with_context(lang="id_ID").env)
            )["no_subscription"],
        )

    def test_gone_subscription_is_removed(self):
        subscription, _phone = self.subscribe(self.emp_employee)
        self.service.answer(f"emp-{self.emp_employee.id}", 410)
        self.check_in(self.emp_employee, utc(0, 55))
        check = self.spot(self.emp_employee, utc(2))
        self.run_cron(utc(2, 1))
        self.assertFalse(subscription.exists())
        message = self.Message.search([("spot_check_id", "=", check.id)])
        self.assertEqual(message.state, "gone")
        self.assertEqual(message.http_status, 410)
        self.assertEqual(check.push_state, "not_delivered")

    def test_a_failure_is_retried_with_backoff(self):
        subscription, _phone = self.subscribe(self.emp_employee)
        self.service.answer(f"emp-{self.emp_employee.id}", 503, 500)
        self.check_in(self.emp_employee, utc(0, 55))
        check = self.spot(self.emp_employee, utc(2))
        self.run_cron(utc(2, 1))
        message = self.Message.search([("spot_check_id", "=", check.id)])
        self.assertEqual((message.state, message.attempts), ("queued", 1))
        self.assertEqual(message.http_status, 503)
        self.assertEqual(message.next_try, utc(2, 1) + timedelta(seconds=30))
        self.assertEqual(check.push_state, "queued")
        self.run_cron(
            utc(
                2,
                1,
            )
            + timedelta(seconds=20)
        )
        self.assertEqual(message.attempts, 1, "not before its next try")
        self.run_cron(utc(2, 1) + timedelta(seconds=31))
        self.assertEqual((message.state, message.attempts), ("queued", 2))
        self.assertEqual(
            message.next_try, utc(2, 1) + timedelta(seconds=31 + 60)
        )  # doubled
        self.run_cron(utc(2, 3))
        self.assertEqual((message.state, message.attempts), ("accepted", 3))
        self.assertEqual(len(self.requests_to(subscription)), 3)
        self.assertEqual(check.deadline, utc(2, 18))

    def test_quiet_hours_hold_and_the_daily_cap_holds(self):
        subscription, _phone = self.subscribe(self.emp_employee)
        self.company.write(
            {"simantap_push_quiet_from": 21.0, "simantap_push_quiet_to": 6.0}
        )
        # 22:00 in Jakarta: held until 06:00 local (23:00 UTC)
        night = utc(15)
        with freeze_time(night):
            duty_push = self.Message._enqueue(
                self.emp_employee, "duty_approved", "Tugas", "Disetujui", "/", 86400
            )
        self.run_cron(night)
        self.assertFalse(self.requests_to(subscription))
        self.assertEqual(duty_push.state, "queued")
        self.assertEqual(duty_push.next_try, utc(23))
        self.assertEqual(duty_push.reason, "quiet_hours")
        self.run_cron(utc(22, 59))
        self.assertFalse(self.requests_to(subscription))
        self.run_cron(utc(23, 1))
        self.assertEqual(duty_push.state, "accepted")
        self.assertEqual(len(self.requests_to(subscription)), 1)
        # at most two a day: the third is not sent
        self.company.simantap_push_daily_cap = 2
        sent = []
        for minute in (2, 3, 4):
            with freeze_time(utc(23, minute)):
                sent += self.Message._enqueue(
                    self.emp_employee, "month_review", "Bulan", "Periksa", "/", 3600
                )
            self.run_cron(utc(23, minute))
        self.assertEqual([m.state for m in sent], ["accepted", "failed", "failed"])
        self.assertEqual(sent[1].reason, "daily_cap")
        self.assertEqual(len(self.requests_to(subscription)), 2)

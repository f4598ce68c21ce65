from odoo.exceptions import AccessError
from odoo.tests import tagged

from .push_common import PushCase


@tagged("post_install", "-at_install")
class TestPushAccess(PushCase):
    """Who reads the push subscriptions and the push log: the employee their own,
    the unit head their unit's (sub-units included), the officer the company's;
    nobody but the app and the cron makes or changes them."""

    def setUp(self):
        super().setUp()
        self.mine, _phone = self.subscribe(self.emp_employee)
        self.theirs, _phone = self.subscribe(self.emp_colleague)
        Message = self.Message
        self.my_push = Message._enqueue(
            self.emp_employee, "duty_approved", "Dinas luar", "Disetujui", "/", 3600
        )
        self.their_push = Message._enqueue(
            self.emp_colleague, "duty_approved", "Dinas luar", "Disetujui", "/", 3600
        )
        self.assertTrue(self.my_push and self.their_push)

    def visible(self, user):
        Subscription = self.env["simantap.push.subscription"].with_user(user)
        everyone = (self.mine | self.theirs).ids
        pushes = (self.my_push | self.their_push).ids
        return (
            Subscription.search([("id", "in", everyone)]),
            self.Message.with_user(user).search([("id", "in", pushes)]),
        )

    def test_each_role_reads_its_scope(self):
        self.assertEqual(self.visible(self.user_employee), (self.mine, self.my_push))
        self.assertEqual(self.visible(self.user_head), (self.mine, self.my_push))
        subscriptions, pushes = self.visible(self.user_officer)
        self.assertEqual(subscriptions, self.mine | self.theirs)
        self.assertEqual(pushes, self.my_push | self.their_push)

    def test_nobody_forges_a_subscription_or_a_push(self):
        for user in (self.user_employee, self.user_head, self.user_officer):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.mine.with_user(user).write(
                        {"endpoint": "https://evil.example/x"}
                    )
                with self.assertRaises(AccessError):
                    self.my_push.with_user(user).write({"body": "Palsu"})
        with self.assertRaises(AccessError):
            self.theirs.with_user(self.user_employee).read(["endpoint"])
        # an officer may remove a phone's subscription; an employee may not
        with self.assertRaises(AccessError):
            self.mine.with_user(self.user_employee).unlink()
        self.theirs.with_user(self.user_officer).unlink()
        self.assertFalse(self.theirs.exists())

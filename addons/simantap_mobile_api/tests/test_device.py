from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.simantap_attendance.tests.common import SimantapCase

from ..models.simantap_device import token_digest


@tagged("post_install", "-at_install")
class TestDeviceBinding(SimantapCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Device = cls.env["simantap.device"]

    def sign_in(self, employee, device_uid, **info):
        return self.Device._api_sign_in(employee, device_uid, **info)

    def test_first_phone_is_bound_at_once(self):
        device, token = self.sign_in(
            self.emp_employee, "phone-a", device_model="Samsung A14"
        )
        self.assertEqual(device.state, "active")
        self.assertTrue(token)
        self.assertEqual(device.sudo().token_hash, token_digest(token))
        self.assertNotEqual(device.sudo().token_hash, token)
        self.assertEqual(self.Device._api_find_by_token(token), device)
        self.assertIsNone(device._api_usable_reason())
        self.assertEqual(device.device_model, "Samsung A14")

    def test_signing_in_again_replaces_the_token(self):
        device, first = self.sign_in(self.emp_employee, "phone-a")
        same, second = self.sign_in(self.emp_employee, "phone-a")
        self.assertEqual(same, device)
        self.assertNotEqual(first, second)
        self.assertFalse(self.Device._api_find_by_token(first))
        self.assertEqual(self.Device._api_find_by_token(second), device)

    def test_another_phone_waits_and_approval_revokes_the_old_one(self):
        old, old_token = self.sign_in(self.emp_employee, "phone-a")
        new, token = self.sign_in(self.emp_employee, "phone-b")
        self.assertEqual(new.state, "pending")
        self.assertIsNone(token)
        # asking again does not pile up requests
        again, _token = self.sign_in(self.emp_employee, "phone-b")
        self.assertEqual(again, new)

        new.with_user(self.user_officer).action_approve()
        self.assertEqual(new.state, "active")
        self.assertEqual(new.approved_by_id, self.user_officer)
        self.assertEqual(old.state, "revoked")
        revoked = self.Device._api_find_by_token(old_token)
        self.assertEqual(revoked, old)
        self.assertEqual(revoked._api_usable_reason(), "device_revoked")
        _device, token = self.sign_in(self.emp_employee, "phone-b")
        self.assertTrue(token)

    def test_company_may_allow_two_phones(self):
        self.company.simantap_device_limit = 2
        old, _token = self.sign_in(self.emp_employee, "phone-a")
        new, _token = self.sign_in(self.emp_employee, "phone-b")
        new.with_user(self.user_officer).action_approve()
        self.assertEqual((old | new).mapped("state"), ["active", "active"])

    def test_company_may_require_approval_of_the_first_phone(self):
        self.company.simantap_device_bind_first = False
        device, token = self.sign_in(self.emp_employee, "phone-a")
        self.assertEqual(device.state, "pending")
        self.assertIsNone(token)

    def test_a_phone_bound_to_a_colleague_waits(self):
        self.sign_in(self.emp_colleague, "shared-phone")
        device, token = self.sign_in(self.emp_employee, "shared-phone")
        self.assertEqual(device.state, "pending")
        self.assertIsNone(token)

    def test_a_revoked_phone_asks_again(self):
        device, token = self.sign_in(self.emp_employee, "phone-a")
        device.with_user(self.user_officer).action_revoke()
        self.assertEqual(device.state, "revoked")
        self.assertEqual(
            self.Device._api_find_by_token(token)._api_usable_reason(),
            "device_revoked",
        )
        request, token = self.sign_in(self.emp_employee, "phone-a")
        self.assertNotEqual(request, device)
        self.assertEqual(request.state, "pending")
        self.assertIsNone(token)

    def test_archived_employee_or_user_stops_the_token(self):
        device, _token = self.sign_in(self.emp_employee, "phone-a")
        self.emp_employee.active = False
        self.assertEqual(device._api_usable_reason(), "account_inactive")
        self.emp_employee.active = True
        self.user_employee.active = False
        self.assertEqual(device._api_usable_reason(), "account_inactive")

    def test_revoked_binding_gives_its_reason(self):
        device, _token = self.sign_in(self.emp_employee, "phone-a")
        device.sudo().state = "revoked"
        self.assertEqual(device._api_usable_reason(), "device_revoked")

    def test_only_officers_approve_or_revoke(self):
        self.sign_in(self.emp_employee, "phone-a")
        pending, _token = self.sign_in(self.emp_employee, "phone-b")
        for user in (self.user_employee, self.user_head, self.user_payroll):
            with self.assertRaises(AccessError):
                pending.with_user(user).action_approve()
            with self.assertRaises(AccessError):
                pending.with_user(user).action_revoke()
        self.assertEqual(pending.state, "pending")

    def test_record_rules(self):
        own, _token = self.sign_in(self.emp_employee, "phone-a")
        colleague, _token = self.sign_in(self.emp_colleague, "phone-c")
        foreign = self.Device.sudo().create(
            {"employee_id": self.emp_foreign.id, "device_uid": "phone-f"}
        )
        everything = own | colleague | foreign

        def visible(user):
            return self.Device.with_user(user).search([("id", "in", everything.ids)])

        self.assertEqual(visible(self.user_employee), own)
        self.assertEqual(visible(self.user_colleague), colleague)
        # the head of the OPD sees the sub-unit's phone, not the other OPD's
        self.assertEqual(visible(self.user_head), own)
        self.assertEqual(visible(self.user_officer), own | colleague)
        self.assertFalse(visible(self.user_payroll))
        with self.assertRaises(AccessError):
            colleague.with_user(self.user_employee).read(["device_uid"])
        with self.assertRaises(AccessError):
            foreign.with_user(self.user_officer).action_revoke()

    def test_nobody_but_the_system_reads_a_token_digest(self):
        device, _token = self.sign_in(self.emp_employee, "phone-a")
        for user in (self.user_employee, self.user_officer):
            with self.assertRaises(AccessError):
                device.with_user(user).read(["token_hash"])
        with self.assertRaises(AccessError):
            device.with_user(self.user_employee).write({"revoke_reason": "x"})

import base64
import uuid

from psycopg2 import IntegrityError, errors

from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from odoo.addons.simantap_attendance.tests.documents import PDF

from ..errors import convert_exception
from .common import MobileApiCase


@tagged("post_install", "-at_install")
@freeze_time("2026-11-23 02:00:00")
class TestConcurrentDuplicates(MobileApiCase):
    """Issue #13 (6): a request whose twin was stored meanwhile by a concurrent
    transaction (which this one's snapshot cannot see) hits the unique index; it
    must make Odoo run the request again (then answered as a replay), never leave
    as PostgreSQL's text."""

    def blind(self, model, method):
        """``model.method`` finds nothing, as a snapshot taken before the twin's
        commit does."""
        Model = type(self.env[model])
        self.patch(Model, method, lambda records, *args, **kwargs: records.browse())

    def assertRetried(self, function):
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(errors.SerializationFailure) as caught,
            self.env.cr.savepoint(),
        ):
            function()
        self.assertEqual(caught.exception.pgcode, "40001")

    def duty_values(self, request_uuid):
        return {
            "employee_id": self.emp_employee.id,
            "destination_name": "Kantor Camat",
            "purpose": "Rapat",
            "date_from": "2026-11-24",
            "date_to": "2026-11-24",
            "letter_number": "800/1/2026",
            "letter_date": "2026-11-20",
            "letter_file": base64.b64encode(PDF),
            "api_uuid": request_uuid,
        }

    def test_a_twin_field_duty_makes_the_request_run_again(self):
        Duty = self.env["simantap.field.duty"].with_user(self.user_employee)
        request_uuid = str(uuid.uuid4())
        Duty.create(self.duty_values(request_uuid))
        self.assertRetried(lambda: Duty.create(self.duty_values(request_uuid)))

    def test_a_twin_first_sign_in_makes_the_request_run_again(self):
        Device = self.env["simantap.device"]
        Device._api_sign_in(self.emp_employee, "phone-twin")
        self.blind("simantap.device", "search")
        self.assertRetried(lambda: Device._api_sign_in(self.emp_employee, "phone-twin"))

    def test_another_unique_violation_is_a_coded_conflict(self):
        error = convert_exception(
            self.env,
            IntegrityError(
                'duplicate key value violates unique constraint "x" DETAIL: '
                "Key (employee_id)=(42)"
            ),
        )
        self.assertEqual((error.status_code, error.code), (409, "conflict"))
        self.assertNotIn("employee_id", error.detail["message"])

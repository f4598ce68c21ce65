from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .. import ratelimit
from .common import MobileApiCase


@tagged("post_install", "-at_install")
class TestSignIn(MobileApiCase):
    def test_sign_in_binds_the_phone_and_the_token_works(self):
        with self.client() as client:
            response = self.sign_in(client, "sm_pegawai")
            self.assertEqual(response.status_code, 200, response.text)
            body = response.json()
            self.assertEqual(body["token_type"], "bearer")
            self.assertEqual(body["employee"]["id"], self.emp_employee.id)
            self.assertEqual(body["device"]["state"], "active")
            me = client.get(
                "/me", headers={"Authorization": f"Bearer {body['access_token']}"}
            )
        self.assertEqual(me.status_code, 200, me.text)
        self.assertEqual(me.json()["employee"]["name"], "Pegawai Bidang")
        self.assertEqual(me.json()["device"]["device_id"], "phone-a")

    def test_wrong_password_is_401(self):
        with self.client() as client:
            response = self.sign_in(client, "sm_pegawai", password="not-it")
        self.assertError(response, 401, "invalid_credentials")
        self.assertEqual(response.headers["WWW-Authenticate"], "Bearer")

    def test_a_user_without_employee_is_403(self):
        with self.client() as client:
            response = self.sign_in(client, "sm_bendahara")
        self.assertError(response, 403, "no_employee")

    def test_another_phone_is_403_until_approved(self):
        with self.client() as client:
            self.token(client, "sm_pegawai", device_id="phone-a")
            response = self.sign_in(client, "sm_pegawai", device_id="phone-b")
            self.assertError(response, 403, "device_pending_approval")
            device = self.env["simantap.device"].browse(
                response.json()["detail"]["device_id"]
            )
            self.assertEqual(device.state, "pending")
            device.with_user(self.user_officer).action_approve()
            self.assertEqual(
                self.sign_in(client, "sm_pegawai", device_id="phone-b").status_code, 200
            )


@tagged("post_install", "-at_install")
class TestTokens(MobileApiCase):
    def test_missing_and_unknown_tokens_are_401(self):
        with self.client() as client:
            self.assertError(client.get("/me"), 401, "token_missing")
            self.assertError(
                client.get("/me", headers={"Authorization": "Bearer nope"}),
                401,
                "token_invalid",
            )
            self.assertError(
                client.get("/me", headers={"Authorization": "Basic eDp5"}),
                401,
                "token_missing",
            )

    def test_revoked_phone_and_archived_employee_are_401_at_once(self):
        with self.client() as client:
            headers = self.token(client, "sm_pegawai")
            self.assertEqual(client.get("/me", headers=headers).status_code, 200)
            self.emp_employee.active = False
            self.assertError(
                client.get("/me", headers=headers), 401, "account_inactive"
            )
            self.emp_employee.active = True
            device = self.env["simantap.device"].search(
                [("employee_id", "=", self.emp_employee.id)]
            )
            device.with_user(self.user_officer).action_revoke()
            self.assertError(client.get("/me", headers=headers), 401, "device_revoked")

    def test_sign_out_forgets_the_token(self):
        with self.client() as client:
            headers = self.token(client, "sm_pegawai")
            self.assertEqual(
                client.post("/auth/sign-out", headers=headers).status_code, 204
            )
            self.assertError(client.get("/me", headers=headers), 401, "token_invalid")

    def test_each_token_is_its_own_employee(self):
        with self.client() as client:
            mine = self.token(client, "sm_pegawai")
            theirs = self.token(client, "sm_rekan", device_id="phone-c")
            self.assertEqual(
                client.get("/me", headers=mine).json()["employee"]["id"],
                self.emp_employee.id,
            )
            self.assertEqual(
                client.get("/me", headers=theirs).json()["employee"]["id"],
                self.emp_colleague.id,
            )


@tagged("post_install", "-at_install")
class TestErrorModel(MobileApiCase):
    def test_languages(self):
        self.env["res.lang"]._activate_lang("id_ID")
        with self.client() as client:
            english = self.sign_in(
                client, "sm_pegawai", "bad", **{"Accept-Language": "en-US,en;q=0.9"}
            )
            indonesian = self.sign_in(
                client, "sm_pegawai", "bad", **{"Accept-Language": "id-ID"}
            )
            default = self.sign_in(client, "sm_pegawai", "bad")
            preferred = self.sign_in(
                client,
                "sm_pegawai",
                "bad",
                **{"Accept-Language": "fr, id;q=0.8, en;q=0.5"},
            )
        self.assertEqual(english.headers["Content-Language"], "en")
        self.assertEqual(
            english.json()["detail"]["message"], "Wrong login or password."
        )
        self.assertEqual(indonesian.headers["Content-Language"], "id")
        self.assertEqual(default.headers["Content-Language"], "id")
        self.assertEqual(preferred.headers["Content-Language"], "id")
        for response in (english, indonesian, default, preferred):
            self.assertEqual(response.json()["detail"]["code"], "invalid_credentials")

    def test_english_when_indonesian_is_not_installed(self):
        self.env["res.lang"].search([("code", "=", "id_ID")]).active = False
        with self.client() as client:
            response = self.sign_in(client, "sm_pegawai", "bad")
        self.assertEqual(response.headers["Content-Language"], "en")

    def test_schema_errors_are_422_with_the_fields(self):
        with self.client() as client:
            response = client.post("/auth/sign-in", json={"login": 7})
        self.assertError(response, 422, "invalid_request")
        where = {tuple(error["loc"]) for error in response.json()["detail"]["errors"]}
        self.assertIn(("body", "login"), where)
        self.assertIn(("body", "password"), where)

    def test_text_postgres_cannot_store_is_422(self):
        with self.client() as client:
            response = client.post(
                "/auth/sign-in",
                json={"login": "a\x00b", "password": "x", "device_id": "p"},
            )
        self.assertError(response, 422, "invalid_request")

    def test_malformed_json_is_400(self):
        with self.client() as client:
            response = client.post(
                "/auth/sign-in",
                content=b"{not json",
                headers={"Content-Type": "application/json"},
            )
        self.assertError(response, 400, "malformed_request")

    def test_unknown_route_and_method(self):
        with self.client() as client:
            self.assertError(client.get("/nowhere"), 404, "not_found")
            self.assertError(client.get("/auth/sign-in"), 405, "method_not_allowed")

    def test_body_larger_than_the_limit_is_413_before_reading(self):
        self.endpoint.simantap_max_body_bytes = 1000
        with self.client() as client:
            response = client.post(
                "/auth/sign-in",
                content=b'{"login": "' + b"x" * 2000 + b'"}',
                headers={"Content-Type": "application/json"},
            )
        self.assertError(response, 413, "body_too_large")
        self.assertEqual(response.json()["detail"]["limit"], 1000)


@tagged("post_install", "-at_install")
class TestWrites(MobileApiCase):
    def test_batch_larger_than_the_limit_is_413(self):
        self.endpoint.simantap_max_batch_events = 2
        with self.client() as client:
            headers = self.token(client, "sm_pegawai")
            events = [dict(self.fix(), kind="ping") for _i in range(3)]
            response = client.post("/sync", json={"events": events}, headers=headers)
        self.assertError(response, 413, "batch_too_large")

    @freeze_time("2026-11-23 03:00:00")  # a Monday, 10:00 in Jakarta
    def test_refused_events_carry_their_result(self):
        with self.client() as client:
            headers = self.token(client, "sm_pegawai")
            response = client.post("/pings", json=self.fix(), headers=headers)
        self.assertEqual(response.status_code, 409, response.text)
        detail = response.json()["detail"]
        self.assertEqual(detail["code"], "not_checked_in")
        self.assertEqual(detail["event"]["status"], "refused")
        self.assertEqual(detail["event"]["code"], "not_checked_in")

    @freeze_time("2026-11-23 03:00:00")
    def test_a_batch_answers_each_event(self):
        with self.client() as client:
            headers = self.token(client, "sm_pegawai")
            events = [
                dict(self.fix(), kind="ping"),
                {"kind": "teleport", "uuid": "x"},
                dict(self.fix(), kind="check_in"),  # no selfie
            ]
            response = client.post("/sync", json={"events": events}, headers=headers)
        self.assertEqual(response.status_code, 200, response.text)
        codes = [result["code"] for result in response.json()["results"]]
        self.assertEqual(codes, ["not_checked_in", "kind_invalid", "photo_missing"])

    def test_writes_beyond_the_rate_are_429_with_retry_after(self):
        self.endpoint.write({"simantap_rate_per_minute": 1, "simantap_rate_burst": 2})
        with self.client() as client:
            headers = self.token(client, "sm_pegawai")
            statuses = [
                client.post("/pings", json=self.fix(), headers=headers)
                for _i in range(3)
            ]
            # reads are not limited
            self.assertEqual(client.get("/me", headers=headers).status_code, 200)
        self.assertNotEqual(statuses[1].status_code, 429)
        self.assertError(statuses[2], 429, "rate_limited")
        retry = int(statuses[2].headers["Retry-After"])
        self.assertTrue(1 <= retry <= 60, retry)
        self.assertEqual(statuses[2].json()["detail"]["retry_after"], retry)

    def test_token_bucket_refills_with_time(self):
        cr = self.env.cr
        ratelimit.create_table(cr)
        self.assertEqual(ratelimit.consume(cr, -7, 60, 1), (True, 0))
        allowed, retry = ratelimit.consume(cr, -7, 60, 1)
        self.assertFalse(allowed)
        self.assertEqual(retry, 1)
        cr.execute(
            "UPDATE simantap_device_rate_bucket"
            " SET updated_at = updated_at - interval '2 seconds' WHERE device_id = -7"
        )
        self.assertEqual(ratelimit.consume(cr, -7, 60, 1), (True, 0))

    def test_device_id_comes_from_the_binding(self):
        with self.client() as client:
            headers = self.token(client, "sm_pegawai", device_id="bound-phone")
            with patch.object(
                type(self.env["simantap.presence"]),
                "_record_ping",
                autospec=True,
                return_value={"status": "accepted", "kind": "ping"},
            ) as record:
                response = client.post(
                    "/pings",
                    json=dict(self.fix(), device_id="forged"),
                    headers=headers,
                )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(record.call_args.args[2]["device_id"], "bound-phone")


@tagged("post_install", "-at_install")
class TestFailures(MobileApiCase):
    def _ping_with(self, side_effect):
        Presence = type(self.env["simantap.presence"])
        with self.client() as client:
            headers = self.token(client, "sm_pegawai")
            device = self.env["simantap.device"].search(
                [("employee_id", "=", self.emp_employee.id)]
            )
            with patch.object(Presence, "_record_ping", side_effect=side_effect):
                response = client.post("/pings", json=self.fix(), headers=headers)
        return response, device

    def test_an_error_undoes_what_the_request_wrote(self):
        def write_then_fail(employee, payload):
            employee.env["simantap.device"].sudo().search(
                [("employee_id", "=", employee.id)]
            ).revoke_reason = "half-done work"
            raise UserError(employee.env._("The service refused."))

        response, device = self._ping_with(write_then_fail)
        self.assertError(response, 422, "refused")
        self.assertEqual(response.json()["detail"]["message"], "The service refused.")
        self.assertFalse(device.revoke_reason)

    def test_a_bug_is_a_500_of_the_error_model_and_is_logged(self):
        with self.assertLogs("odoo.addons.simantap_mobile_api.errors", "ERROR") as logs:
            response, _device = self._ping_with(ZeroDivisionError("bug"))
        self.assertError(response, 500, "internal_error")
        self.assertIn("ZeroDivisionError", "\n".join(logs.output))

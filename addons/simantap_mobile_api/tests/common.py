import uuid
from contextlib import contextmanager

from starlette.responses import JSONResponse

from odoo.addons.fastapi.error_handlers import convert_exception_to_status_body
from odoo.addons.fastapi.tests.common import FastAPITransactionCase
from odoo.addons.simantap_attendance.tests.common import SimantapCase


def _as_dispatcher_does(request, exc):
    status_code, body = convert_exception_to_status_body(exc)
    return JSONResponse(
        body, status_code=status_code, headers=getattr(exc, "headers", None)
    )


class MobileApiCase(FastAPITransactionCase, SimantapCase):
    """The API app of the installed endpoint, driven in-process with Starlette's
    test client, on SimantapCase's small regency.  The registry is in test mode so
    that sign-in's own cursor (password check) and the rate limiter's see the
    test's data and leave nothing behind."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.endpoint = cls.env.ref("simantap_mobile_api.fastapi_endpoint_simantap")
        cls.default_fastapi_running_user = cls.endpoint.user_id
        cls.registry.enter_test_mode(cls.cr)
        cls.addClassCleanup(cls.registry.leave_test_mode)

    @contextmanager
    def client(self):
        """A test client serving the app as the OCA dispatcher does: FastAPI's own
        exception handlers removed, an exception rendered with its headers."""
        app = self.endpoint._get_app()
        with self._create_test_client(
            app=app,
            dependency_overrides=dict(app.dependency_overrides),
            raise_server_exceptions=False,
        ) as client:
            app.exception_handlers = {Exception: _as_dispatcher_does}
            yield client

    def sign_in(self, client, login, password=None, device_id="phone-a", **headers):
        return client.post(
            "/auth/sign-in",
            json={
                "login": login,
                "password": password or login,
                "device_id": device_id,
            },
            headers=headers,
        )

    def token(self, client, login, device_id="phone-a"):
        response = self.sign_in(client, login, device_id=device_id)
        self.assertEqual(response.status_code, 200, response.text)
        return {"Authorization": f"Bearer {response.json()['access_token']}"}

    def assertError(self, response, status, code):
        self.assertEqual(response.status_code, status, response.text)
        self.assertEqual(response.json()["detail"]["code"], code, response.text)
        self.assertTrue(response.json()["detail"]["message"])

    @staticmethod
    def fix(**values):
        return {
            "uuid": str(uuid.uuid4()),
            "captured_at": "2026-11-23T03:00:00Z",
            "latitude": -1.4745,
            "longitude": 101.399,
            "accuracy": 10.0,
            **values,
        }

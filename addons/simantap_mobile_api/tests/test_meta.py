from odoo.tests import tagged

from odoo.addons.fastapi.tests.common import FastAPITransactionCase


@tagged("post_install", "-at_install")
class TestMeta(FastAPITransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.endpoint = cls.env.ref("simantap_mobile_api.fastapi_endpoint_simantap")
        cls.default_fastapi_running_user = cls.endpoint.user_id

    def test_meta_answers_version_and_server_time(self):
        with self._create_test_client(app=self.endpoint._get_app()) as client:
            response = client.get("/meta")
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["api_version"], "1")
        self.assertIn("server_time", body)

    def test_endpoint_is_mounted_on_the_versioned_path(self):
        self.assertEqual(self.endpoint.root_path, "/simantap/api/v1")
        self.assertTrue(self.endpoint.registry_sync)
        # the technical user runs handlers with no business groups
        self.assertFalse(
            self.endpoint.user_id.has_group(
                "simantap_attendance.group_simantap_employee"
            )
        )

    def test_the_app_answers_without_dependency_overrides(self):
        # while an app has dependency overrides FastAPI analyses every dependency
        # of a route again at each request (a phone's check-in paid it seven
        # times); the endpoint's id and company are in the app's state instead
        app = self.endpoint._get_app()
        self.assertEqual(app.dependency_overrides, {})
        self.assertEqual(app.state.simantap_endpoint_id, self.endpoint.id)
        self.assertEqual(app.state.simantap_company_id, self.endpoint.company_id.id)

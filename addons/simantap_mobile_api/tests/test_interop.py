import base64
import uuid

from odoo.tests import freeze_time, tagged

from odoo.addons.simantap_attendance.lib import photo as photo_lib
from odoo.addons.simantap_attendance.tests.checkin_common import make_photo
from odoo.addons.simantap_attendance.tests.documents import PDF
from odoo.addons.simantap_sanction.tests.common import OCT

from .common import MobileApiCase
from .test_documents import MobileMonthCase


def android_base64(data):
    """Base64 as Android's Base64.DEFAULT writes it: a line break every 76."""
    return base64.encodebytes(data).decode()


@tagged("post_install", "-at_install")
@freeze_time("2026-11-23 02:00:00")
class TestInteroperability(MobileApiCase):
    """Issue #13 (14): what standard clients send and read."""

    def test_base64_with_line_breaks_is_accepted(self):
        photo = make_photo(5, size=(320, 240))
        self.assertIn("\n", android_base64(photo))
        self.assertEqual(photo_lib.decode_base64(android_base64(photo)), photo)
        body = {
            "uuid": str(uuid.uuid4()),
            "destination_name": "Kantor Camat",
            "purpose": "Rapat",
            "date_from": "2026-11-24",
            "date_to": "2026-11-24",
            "letter_number": "800/1/2026",
            "letter_date": "2026-11-20",
            "letter": {"filename": "st.pdf", "content": android_base64(PDF)},
            "photos": [{"filename": "a.jpg", "content": android_base64(photo)}],
        }
        with self.client() as client:
            auth = self.token(client, "sm_pegawai")
            created = client.post("/field-duties", json=body, headers=auth)
        self.assertEqual(created.status_code, 201, created.text)
        self.assertEqual(created.json()["photo_count"], 1)


@tagged("post_install", "-at_install")
@freeze_time("2026-11-03 10:00:00")
class TestObjectionNameLanguage(MobileMonthCase):
    def test_an_objections_name_follows_accept_language(self):
        """Issue #13 (15): not the language of the user (or of a mail sent
        meanwhile)."""
        self.env["res.lang"]._activate_lang("id_ID")
        self.env["ir.module.module"].search(
            [("name", "=", "simantap_sanction")]
        )._update_translations(["id_ID"])
        (self.user_employee | self.user_head).lang = "id_ID"
        october = self.period(OCT)
        october.action_compute()
        october.action_start_review()
        body = {
            "uuid": str(uuid.uuid4()),
            "dates": ["2026-10-13"],
            "requested_codes": ["DL"],
            "reason": "Dinas luar",
        }
        with self.client() as client:
            auth = self.token(client, "sm_pegawai")
            created = client.post(
                "/me/objections", json=body, headers={**auth, "Accept-Language": "en"}
            )
            listed = client.get(
                "/me/objections", headers={**auth, "Accept-Language": "id"}
            )
        self.assertEqual(created.status_code, 201, created.text)
        self.assertTrue(created.json()["name"].startswith("Objection of"))
        self.assertTrue(listed.json()["items"][0]["name"].startswith("Keberatan"))


@tagged("post_install", "-at_install")
class TestOpenApiTypes(MobileApiCase):
    def test_response_datetimes_and_the_pending_device_are_declared(self):
        """Issue #13 (14)."""
        schemas = self.endpoint._get_app().openapi()["components"]["schemas"]
        declared = [
            prop
            for schema in schemas.values()
            for name, prop in schema.get("properties", {}).items()
            if name in ("submitted_at", "decided_at", "created_at", "server_time")
        ]
        self.assertTrue(declared)
        for prop in declared:
            types = prop.get("anyOf", [prop])
            self.assertTrue(
                any(
                    (t.get("type"), t.get("format")) == ("string", "date-time")
                    for t in types
                ),
                prop,
            )
        self.assertEqual(
            schemas["ErrorDetail"]["properties"]["device_id"]["anyOf"][0],
            {"type": "integer"},
        )

import base64
from unittest import mock

from odoo.tests import freeze_time, tagged

from odoo.addons.simantap_attendance.lib import face as face_lib
from odoo.addons.simantap_attendance.tests.face_common import (
    face_photo,
    mirrored,
    no_face,
    side_by_side,
)

from .common import MobileApiCase

NOW = "2026-11-23T02:00:00Z"


def file(name, data):
    return {"filename": name, "content": base64.b64encode(data).decode()}


@tagged("post_install", "-at_install")
@freeze_time("2026-11-23 02:00:00")  # NOW
class TestFaceApi(MobileApiCase):
    """The phone sends enrolment selfies; an officer approves them."""

    def setUp(self):
        super().setUp()
        self.References = self.env["simantap.face.reference"]

    def test_enrol_then_approve(self):
        body = {
            "photos": [
                file("depan.jpg", face_photo("obama_1")),
                file("kiri.jpg", face_photo("obama_2")),
                file("kanan.jpg", mirrored("obama_3")),
            ]
        }
        with self.client() as client:
            auth = self.token(client, "sm_pegawai")
            before = client.get("/me/face", headers=auth)
            sent = client.post("/me/face", json=body, headers=auth)
            self.assertEqual(sent.status_code, 201, sent.text)
            self.assertEqual(
                before.json(), {"enrolled": False, "pending": 0, "references": []}
            )
            self.assertEqual(sent.json()["pending"], 3)
            self.assertFalse(sent.json()["enrolled"])
            references = self.References.search(
                [("employee_id", "=", self.emp_employee.id)]
            )
            self.assertEqual(references.mapped("state"), ["draft"] * 3)
            self.assertEqual(set(references.mapped("source")), {"phone"})
            references.with_user(self.user_officer).action_approve()
            after = client.get("/me/face", headers=auth)
        self.assertTrue(after.json()["enrolled"])
        self.assertEqual(after.json()["pending"], 0)
        self.assertTrue(self.emp_employee.simantap_face_enrolled)
        self.assertNotIn("encoding", after.text)

    def test_refused_selfies_store_nothing(self):
        with self.client() as client:
            auth = self.token(client, "sm_pegawai")
            cases = (
                ([face_photo("obama_1"), no_face()], "no_face", 1),
                ([side_by_side("obama_1", "biden")], "several_faces", 0),
                ([b"not a picture at all"], "photo_not_image", 0),
            )
            for photos, code, index in cases:
                body = {"photos": [file("f.jpg", data) for data in photos]}
                answer = client.post("/me/face", json=body, headers=auth)
                self.assertError(answer, 422, code)
                self.assertEqual(answer.json()["detail"]["index"], index)
            too_many = {"photos": [file("f.jpg", face_photo("obama_1"))] * 4}
            self.assertError(
                client.post("/me/face", json=too_many, headers=auth),
                422,
                "invalid_request",
            )
            none = client.post("/me/face", json={"photos": []}, headers=auth)
            self.assertError(none, 422, "invalid_request")
            anonymous = client.post(
                "/me/face", json={"photos": [file("f.jpg", face_photo("biden"))]}
            )
            self.assertError(anonymous, 401, "token_missing")
        self.assertFalse(self.References.search([]))

    def test_resending_withdraws_the_pending_ones(self):
        with self.client() as client:
            auth = self.token(client, "sm_pegawai")
            first = {"photos": [file("a.jpg", face_photo("obama_1"))]}
            second = {"photos": [file("b.jpg", face_photo("obama_2"))]}
            client.post("/me/face", json=first, headers=auth)
            answer = client.post("/me/face", json=second, headers=auth)
        self.assertEqual(answer.json()["pending"], 1)
        states = self.References.search([], order="id").mapped("state")
        self.assertEqual(states, ["rejected", "draft"])

    def test_library_missing(self):
        missing = face_lib.FaceUnavailable("cannot import dlib")
        body = {"photos": [file("a.jpg", face_photo("obama_1"))]}
        with (
            self.client() as client,
            mock.patch.object(face_lib, "load", side_effect=missing),
        ):
            auth = self.token(client, "sm_pegawai")
            answer = client.post("/me/face", json=body, headers=auth)
        self.assertError(answer, 503, "face_unavailable")
        self.assertIn("dlib", answer.json()["detail"]["message"])
        self.assertFalse(self.References.search([]))

    def test_check_in_with_the_same_frame_twice(self):
        """The check-in's second frame reaches the liveness check: the selfie sent
        twice is refused under the refuse policy; a bad one like a selfie."""
        reference = self.References.with_user(self.user_officer).create(
            {
                "employee_id": self.emp_employee.id,
                "photo": base64.b64encode(face_photo("obama_1")),
            }
        )
        reference.with_user(self.user_officer).action_approve()
        self.emp_employee.company_id.simantap_face_policy = "refuse"
        selfie = base64.b64encode(face_photo("obama_2")).decode()
        with self.client() as client:
            auth = self.token(client, "sm_pegawai")
            bad = client.post(
                "/attendance/check-in",
                json=self.fix(
                    captured_at=NOW, photo=selfie, second_photo="bm90IGEgcGljdHVyZQ=="
                ),
                headers=auth,
            )
            self.assertError(bad, 422, "photo_not_image")
            same = client.post(
                "/attendance/check-in",
                json=self.fix(captured_at=NOW, photo=selfie, second_photo=selfie),
                headers=auth,
            )
            self.assertError(same, 422, "face_liveness")
        self.assertFalse(
            self.env["hr.attendance"].search(
                [("employee_id", "=", self.emp_employee.id)]
            )
        )

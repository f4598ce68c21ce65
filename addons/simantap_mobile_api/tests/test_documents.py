import base64
import uuid
from datetime import datetime

from odoo.tests import freeze_time, tagged

from odoo.addons.simantap_attendance.tests.documents import (
    FAKE_JPEG,
    FAKE_PDF,
    PDF,
    PNG,
    png_bomb,
)
from odoo.addons.simantap_sanction.tests.common import OCT, D
from odoo.addons.simantap_sanction.tests.test_month import MonthCase

from .common import MobileApiCase

TEXT = b"just some text, not a letter"


def file(name, data):
    return {"filename": name, "content": base64.b64encode(data).decode()}


def duty(**values):
    return {
        "uuid": str(uuid.uuid4()),
        "destination_name": "Kantor Camat Sangir",
        "purpose": "Verifikasi data pegawai",
        "date_from": "2026-11-24",
        "date_to": "2026-11-25",
        "letter_number": "800/123/BKPSDM/2026",
        "letter_date": "2026-11-20",
        "letter": file("surat-tugas.pdf", PDF),
        **values,
    }


@tagged("post_install", "-at_install")
@freeze_time("2026-11-23 02:00:00")
class TestFieldDutyApi(MobileApiCase):
    def setUp(self):
        super().setUp()
        self.Duty = self.env["simantap.field.duty"]

    def test_file_submit_list_and_resend(self):
        body = duty(photos=[file("lokasi.png", PNG)])
        with self.client() as client:
            auth = self.token(client, "sm_pegawai")
            created = client.post("/field-duties", json=body, headers=auth)
            self.assertEqual(created.status_code, 201, created.text)
            again = client.post("/field-duties", json=body, headers=auth)
            listed = client.get("/field-duties", headers=auth)
            one = client.get(f"/field-duties/{created.json()['id']}", headers=auth)
            colleague = self.token(client, "sm_rekan", device_id="phone-r")
            hidden = client.get(
                f"/field-duties/{created.json()['id']}", headers=colleague
            )
            stolen = client.post("/field-duties", json=body, headers=colleague)
        info = created.json()
        self.assertEqual(info["state"], "submitted")
        self.assertTrue(info["has_letter"])
        self.assertEqual(info["letter_filename"], "surat-tugas.pdf")
        self.assertEqual(info["photo_count"], 1)
        self.assertEqual(info["approver"], self.user_head.name)
        self.assertTrue(info["can_cancel"])
        self.assertFalse(info["can_submit"])
        # the same request again: the same duty, nothing new
        self.assertEqual(again.status_code, 200, again.text)
        self.assertEqual(again.json()["id"], info["id"])
        self.assertEqual(self.Duty.search_count([("api_uuid", "=", body["uuid"])]), 1)
        self.assertEqual([item["id"] for item in listed.json()["items"]], [info["id"]])
        self.assertEqual(one.json()["destination_name"], "Kantor Camat Sangir")
        record = self.Duty.browse(info["id"])
        self.assertEqual(record.employee_id, self.emp_employee)
        self.assertEqual(
            record.with_context(bin_size=False).letter_file, base64.b64encode(PDF)
        )
        self.assertEqual(record.sudo().photo_ids.raw, PNG)
        # another employee neither sees it nor reuses its UUID
        self.assertError(hidden, 404, "not_found")
        self.assertError(stolen, 409, "uuid_conflict")

    def test_refused_requests_store_nothing(self):
        self.company.simantap_duty_max_bytes = 1024
        cases = [
            (duty(letter=None), 422, "letter_missing"),
            (duty(letter=file("surat.pdf", TEXT)), 422, "letter_type"),
            (
                duty(letter={"filename": "x.pdf", "content": "%%%not base64"}),
                422,
                "letter_type",
            ),
            (
                duty(letter=file("besar.pdf", PDF + b"0" * 2048)),
                413,
                "letter_too_large",
            ),
            (duty(photos=[file("lokasi.txt", TEXT)]), 422, "photo_type"),
            # issue #13 (4): a 68-byte PNG of 50000 x 50000 pixels was a 500
            (duty(photos=[file("bom.png", png_bomb())]), 413, "photo_too_large"),
            (duty(letter=file("bom.png", png_bomb())), 413, "letter_too_large"),
            (duty(letter=file("palsu.pdf", FAKE_PDF)), 422, "letter_type"),
            (duty(photos=[file("palsu.jpg", FAKE_JPEG)]), 422, "photo_type"),
            (duty(date_to="2026-11-20"), 422, "range_invalid"),
            (duty(destination_latitude=91), 422, "invalid_request"),
        ]
        with self.client() as client:
            auth = self.token(client, "sm_pegawai")
            for body, status, code in cases:
                with self.subTest(code=code):
                    response = client.post("/field-duties", json=body, headers=auth)
                    self.assertError(response, status, code)
        self.assertFalse(self.Duty.search([("employee_id", "=", self.emp_employee.id)]))

    def test_draft_submit_cancel_and_photos(self):
        with self.client() as client:
            auth = self.token(client, "sm_pegawai")
            draft = client.post(
                "/field-duties", json=duty(letter=None, submit=False), headers=auth
            ).json()
            self.assertEqual((draft["state"], draft["can_submit"]), ("draft", True))
            duty_id = draft["id"]
            photos = client.post(
                f"/field-duties/{duty_id}/photos",
                json={"photos": [file("a.png", PNG), file("b.png", PNG)]},
                headers=auth,
            )
            self.assertEqual(photos.json()["photo_count"], 2, photos.text)
            refused = client.post(f"/field-duties/{duty_id}/submit", headers=auth)
            self.assertError(refused, 422, "letter_missing")
            cancelled = client.post(f"/field-duties/{duty_id}/cancel", headers=auth)
            self.assertEqual(cancelled.json()["state"], "cancelled", cancelled.text)
            self.assertError(
                client.post(f"/field-duties/{duty_id}/cancel", headers=auth),
                409,
                "wrong_state",
            )
            # approved: the employee can no longer cancel it, but adds photos
            submitted = client.post("/field-duties", json=duty(), headers=auth).json()
            record = self.Duty.browse(submitted["id"])
            record.with_user(self.user_head).action_approve()
            self.assertError(
                client.post(f"/field-duties/{record.id}/cancel", headers=auth),
                409,
                "wrong_state",
            )
            added = client.post(
                f"/field-duties/{record.id}/photos",
                json={"photos": [file("c.png", PNG)]},
                headers=auth,
            )
            self.assertEqual(added.json()["photo_count"], 1, added.text)
            self.assertFalse(added.json()["can_cancel"])
        self.assertEqual(record.state, "approved")

    def test_today_tells_the_codes_so_far(self):
        # Monday 09:00 in Jakarta; the test schedule starts at 08:00
        self.emp_employee.tz = "Asia/Jakarta"
        with self.client() as client:
            auth = self.token(client, "sm_pegawai")
            before = client.get("/me/today", headers=auth).json()
            self.env["hr.attendance"].create(
                {
                    "employee_id": self.emp_employee.id,
                    "check_in": datetime(2026, 11, 23, 1, 10),
                }
            )
            after = client.get("/me/today", headers=auth).json()
        self.assertEqual(before["codes_so_far"], [])
        self.assertEqual([c["code"] for c in after["codes_so_far"]], ["H", "TL1"])
        self.assertTrue(all(c["name"] for c in after["codes_so_far"]))

    def test_today_lists_the_fences_and_the_duty_destination(self):
        location = self.env["hr.work.location"].create(
            {
                "name": "Kantor Bupati",
                "address_id": self.company.partner_id.id,
                "latitude": -1.369,
                "longitude": 101.25,
                "geofence_radius": 150,
            }
        )
        self.emp_employee.work_location_id = location
        record = self.Duty.with_user(self.user_employee).create(
            {
                "destination_name": "Puskesmas Sangir",
                "purpose": "Monitoring",
                "date_from": D(2026, 11, 23),
                "date_to": D(2026, 11, 23),
                "letter_file": base64.b64encode(PDF),
                "letter_filename": "st.pdf",
                "letter_number": "800/7/2026",
                "letter_date": D(2026, 11, 20),
                "destination_latitude": -1.5,
                "destination_longitude": 101.1,
                "destination_radius": 300,
            }
        )
        record.action_submit()
        record.with_user(self.user_head).action_approve()
        with self.client() as client:
            today = client.get("/me/today", headers=self.token(client, "sm_pegawai"))
        self.assertEqual(
            [(loc["name"], loc["radius"]) for loc in today.json()["locations"]],
            [("Puskesmas Sangir", 300), ("Kantor Bupati", 150)],
        )


class MobileMonthCase(MobileApiCase, MonthCase):
    """October 2026 of the sanction tests (the employee has four TK days, a late
    day...), computed and open for objections, seen from the phone."""


@tagged("post_install", "-at_install")
@freeze_time("2026-11-03 10:00:00")
class TestMyDaysApi(MobileMonthCase):
    def setUp(self):
        super().setUp()
        self.october = self.period(OCT)
        self.october.action_compute()

    def test_my_week_has_every_day_with_its_codes(self):
        with self.client() as client:
            week = client.get(
                "/me/week",
                params={"date": "2026-10-14"},
                headers=self.token(client, "sm_pegawai"),
            )
        self.assertEqual(week.status_code, 200, week.text)
        body = week.json()
        self.assertEqual((body["start"], body["end"]), ("2026-10-12", "2026-10-18"))
        self.assertEqual(len(body["days"]), 7)
        by_date = {day["date"]: day for day in body["days"]}
        expected = self.days[D(2026, 10, 12)].effective_codes.split()
        self.assertEqual([c["code"] for c in by_date["2026-10-12"]["codes"]], expected)
        self.assertTrue(all(c["name"] for c in by_date["2026-10-12"]["codes"]))
        self.assertFalse(by_date["2026-10-18"]["evaluated"])  # Sunday: no status
        self.assertIsNone(body["tpp"])
        self.assertEqual(
            sum(t["count"] for t in body["totals"]),
            sum(
                len(day.effective_codes.split())
                for day in self.days.values()
                if D(2026, 10, 12) <= day.date <= D(2026, 10, 18)
            ),
        )
        self.assertFalse(any(day["can_object"] for day in body["days"]))

    def test_my_month_with_tpp_and_an_objection(self):
        line = self.line(self.october, self.emp_employee)
        self.october.action_start_review()
        day = D(2026, 10, 13)
        objection = {
            "uuid": str(uuid.uuid4()),
            "dates": [day.isoformat()],
            "requested_codes": ["DL"],
            "reason": "Saya dinas luar ke kecamatan",
            "attachment": file("surat-tugas.pdf", PDF),
        }
        with self.client() as client:
            auth = self.token(client, "sm_pegawai")
            month = client.get(
                "/me/month", params={"month": "2026-10"}, headers=auth
            ).json()
            created = client.post("/me/objections", json=objection, headers=auth)
            again = client.post("/me/objections", json=objection, headers=auth)
            after = client.get(
                "/me/month", params={"month": "2026-10"}, headers=auth
            ).json()
            mine = client.get("/me/objections", headers=auth).json()
            bad = [
                client.post(
                    "/me/objections",
                    json={**objection, "uuid": str(uuid.uuid4()), **change},
                    headers=auth,
                )
                for change in (
                    {"dates": ["2026-10-18"]},
                    {"requested_codes": ["NOPE"]},
                    {"dates": ["2026-09-30"]},
                    {"attachment": file("x.pdf", TEXT)},
                    {"attachment": file("palsu.pdf", FAKE_PDF)},
                    {"attachment": file("bom.png", png_bomb())},
                )
            ]
            wrong_month = client.get(
                "/me/month", params={"month": "2026-13"}, headers=auth
            )
        self.assertEqual(len(month["days"]), 31)
        self.assertEqual(month["tpp"]["state"], "review")
        self.assertTrue(month["tpp"]["open_for_objections"])
        self.assertEqual(month["tpp"]["deduction"], line.deduction)
        self.assertEqual(month["tpp"]["net"], line.net)
        self.assertTrue(month["days"][12]["can_object"])
        self.assertEqual(created.status_code, 201, created.text)
        self.assertEqual(created.json()["state"], "submitted")
        self.assertEqual(created.json()["dates"], ["2026-10-13"])
        self.assertEqual(created.json()["requested_codes"], ["DL"])
        self.assertTrue(created.json()["has_attachment"])
        self.assertEqual(
            (again.status_code, again.json()["id"]), (200, created.json()["id"])
        )
        self.assertEqual([o["id"] for o in mine["items"]], [created.json()["id"]])
        self.assertEqual(after["days"][12]["objection"]["state"], "submitted")
        self.assertFalse(after["days"][12]["can_object"])
        self.assertError(bad[0], 422, "objection_days")
        self.assertError(bad[1], 422, "unknown_codes")
        self.assertError(bad[2], 409, "objection_period")
        self.assertError(bad[3], 422, "document_type")
        self.assertError(bad[4], 422, "document_type")
        self.assertError(bad[5], 413, "document_too_large")
        self.assertError(wrong_month, 422, "invalid_request")
        self.assertEqual(
            self.env["simantap.sanction.objection"].search_count(
                [("employee_id", "=", self.emp_employee.id)]
            ),
            1,
        )

    def test_codes_are_listed_in_the_phones_language(self):
        with self.client() as client:
            auth = self.token(client, "sm_pegawai")
            codes = client.get("/codes", headers=auth)
            today = client.get("/me/today", headers=auth).json()
        self.assertEqual(codes.status_code, 200, codes.text)
        by_code = {item["code"]: item for item in codes.json()["items"]}
        self.assertEqual(by_code["DL"]["category"], "duty")
        self.assertTrue(by_code["H"]["counts_as_present"])
        self.assertTrue(by_code["TK"]["name"])
        self.assertEqual(today["max_accuracy"], self.company.simantap_max_accuracy)

    def test_objection_outside_review_is_409(self):
        with self.client() as client:
            response = client.post(
                "/me/objections",
                json={
                    "uuid": str(uuid.uuid4()),
                    "dates": ["2026-10-13"],
                    "requested_codes": ["DL"],
                    "reason": "Dinas luar",
                },
                headers=self.token(client, "sm_pegawai"),
            )
        self.assertError(response, 409, "objection_period")

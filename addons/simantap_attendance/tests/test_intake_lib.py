import base64
import math
import re
from datetime import datetime
from pathlib import Path

from babel.messages.pofile import read_po

from odoo.tests import BaseCase, tagged

from ..lib import clock, geofence, intake, refusals
from ..lib import photo as photo_lib
from ..models.simantap_attendance_attempt import REFUSALS
from .checkin_common import make_photo

RECEIVED = datetime(2026, 11, 2, 2, 0, 0)
BOUNDS = intake.clock_bounds(future_skew=5, sync_delay=72, late_after=15, tolerance=120)
UUID = "3f2b8e6c-0d5a-4c1e-9a57-2b1d6c8e4f10"
ADDON = Path(__file__).resolve().parents[1]


def payload(**values):
    base = {
        "uuid": UUID,
        "device_id": "phone-1",
        "captured_at": "2026-11-02T08:59:30+07:00",
        "sent_at": "2026-11-02T09:00:00+07:00",
        "latitude": -0.5071,
        "longitude": 101.4478,
        "accuracy": 12,
        "mock_location": False,
    }
    base.update(values)
    return base


@tagged("post_install", "-at_install")
class TestIntakeLib(BaseCase):
    """The phone's fields read into one event; hostile input refused with its code
    and the HTTP status the API answers."""

    def refused(self, call, *args, **kwargs):
        with self.assertRaises(refusals.Refusal) as caught:
            call(*args, **kwargs)
        return caught.exception.code, refusals.status(caught.exception.code)

    def read_payload(self, **values):
        return intake.read_event(
            payload(**values),
            kind="check_in",
            received=RECEIVED,
            bounds=BOUNDS,
            device_required=True,
        )

    def test_a_good_event_is_one_value(self):
        event = intake.with_position(self.read_payload())
        self.assertEqual(event.uuid, UUID)
        self.assertEqual(event.device_id, "phone-1")
        self.assertEqual(event.captured_at, datetime(2026, 11, 2, 1, 59, 30))
        # the phone's clock is measured as on time: dated at its capture time
        self.assertEqual(event.event_time, datetime(2026, 11, 2, 1, 59, 30))
        self.assertEqual(event.clock_offset, 0)
        self.assertEqual(event.position, intake.Position(-0.5071, 101.4478, 12.0))
        self.assertFalse(event.mock_location)
        self.assertTrue(self.read_payload(mock_location="true").mock_location)
        self.assertFalse(self.read_payload(mock_location="false").mock_location)

    def test_uuid(self):
        self.assertEqual(intake.read_uuid(" 3F2B8E6C0D5A4C1E9A572B1D6C8E4F10 "), UUID)
        for value, code in (
            (None, "uuid_missing"),
            ("", "uuid_missing"),
            ("not-a-uuid", "uuid_invalid"),
            ("3f2b8e6c-0d5a-4c1e-9a57-2b1d6c8e4f1", "uuid_invalid"),
            ("x" * 100_000, "uuid_invalid"),
            (12345, "uuid_invalid"),
            (["list"], "uuid_invalid"),
        ):
            with self.subTest(value=str(value)[:20]):
                self.assertEqual(
                    self.refused(self.read_payload, uuid=value), (code, 422)
                )

    def test_device(self):
        self.assertEqual(
            self.refused(self.read_payload, device_id=""), ("device_missing", 422)
        )
        self.assertEqual(self.read_payload(device_id="d" * 500).device_id, "d" * 128)
        self.assertIsNone(intake.read_device(None))

    def test_phone_clock_and_offset(self):
        # an offset is read: 09:00 in UTC+7 is 02:00 UTC
        self.assertEqual(
            intake.read_capture_time("2026-11-02T09:00:00+07:00"),
            datetime(2026, 11, 2, 2),
        )
        cases = (
            (None, "captured_at_missing", 422),
            ("", "captured_at_missing", 422),
            ("yesterday", "captured_at_invalid", 422),
            ("2026-11-02T09:00:00+25:00", "captured_at_invalid", 422),
            ("0001-01-01T00:00:00+07:00", "captured_at_invalid", 422),
            ("9999-12-31T23:59:59-07:00", "captured_at_invalid", 422),
            (1_700_000_000, "captured_at_invalid", 422),
            # ten minutes ahead of the server (no sent_at: nothing corrects it)
            ("2026-11-02T09:10:00+07:00", "captured_in_future", 422),
            # four days ago: beyond the 72-hour sync delay
            ("2026-10-29T09:00:00+07:00", "captured_too_old", 422),
            ("1970-01-01T00:00:00Z", "captured_too_old", 422),
        )
        for value, code, http in cases:
            with self.subTest(value=value):
                self.assertEqual(
                    self.refused(self.read_payload, captured_at=value, sent_at=None),
                    (code, http),
                )

    def test_a_fast_phone_clock_is_corrected(self):
        # the phone is 10 minutes ahead: its capture time is moved back
        event = self.read_payload(
            captured_at="2026-11-02T09:09:00+07:00",
            sent_at="2026-11-02T09:10:00+07:00",
        )
        self.assertEqual(event.event_time, datetime(2026, 11, 2, 1, 59))
        self.assertEqual(event.clock_offset, -600)

    def test_position(self):
        cases = (
            ({"latitude": None}, "coordinates_missing"),
            ({"longitude": None}, "coordinates_missing"),
            ({"latitude": math.nan}, "coordinates_invalid"),
            ({"longitude": math.inf}, "coordinates_invalid"),
            ({"latitude": -math.inf}, "coordinates_invalid"),
            ({"latitude": "north"}, "coordinates_invalid"),
            ({"latitude": True}, "coordinates_invalid"),
            ({"latitude": 90.0001}, "latitude_out_of_range"),
            ({"latitude": -1e308}, "latitude_out_of_range"),
            ({"longitude": 180.5}, "longitude_out_of_range"),
            ({"accuracy": None}, "accuracy_invalid"),
            ({"accuracy": -1}, "accuracy_invalid"),
            ({"accuracy": math.nan}, "accuracy_invalid"),
            ({"accuracy": math.inf}, "accuracy_invalid"),
        )
        for values, code in cases:
            with self.subTest(values=values):
                event = self.read_payload(**values)
                self.assertEqual(self.refused(intake.with_position, event), (code, 422))
        # the limit on accuracy is the door's: a ping's, not a check-in's
        event = self.read_payload(accuracy=250)
        self.assertEqual(intake.with_position(event).position.accuracy, 250.0)
        self.assertEqual(
            self.refused(intake.with_position, event, 100),
            ("accuracy_too_poor", 422),
        )

    def test_photo(self):
        jpeg = make_photo(1)
        self.assertEqual(intake.read_photo(jpeg).source_format, "JPEG")
        self.assertEqual(
            intake.read_photo(base64.b64encode(jpeg).decode()).source_format, "JPEG"
        )
        self.assertFalse(intake.read_photo(jpeg, reencode=False).reencoded)
        big = jpeg + b"\0" * (2 * 1024 * 1024)
        cases = (
            (None, {}, "photo_missing", 422),
            (b"", {}, "photo_missing", 422),
            (big, {"max_bytes": 1024 * 1024}, "photo_too_large", 413),
            (
                base64.b64encode(big).decode(),
                {"max_bytes": 1024 * 1024},
                "photo_too_large",
                413,
            ),
            (b"%PDF-1.7 not a selfie", {}, "photo_not_image", 422),
            ("not base64 at all!", {}, "photo_not_image", 422),
            (12345, {}, "photo_not_image", 422),
            (make_photo(1, fmt="TIFF"), {}, "photo_format", 422),
            (jpeg, {"max_megapixels": 0.1}, "photo_too_many_pixels", 422),
            (jpeg[: len(jpeg) // 2], {}, "photo_truncated", 422),
        )
        for data, limits, code, http in cases:
            with self.subTest(code=code, data=repr(data)[:30]):
                self.assertEqual(
                    self.refused(intake.read_photo, data, **limits), (code, http)
                )
        event = intake.with_photo(self.read_payload(photo=jpeg))
        self.assertEqual(event.photo.phash, intake.read_photo(jpeg).phash)

    def test_the_libraries_refuse_with_the_one_refusal(self):
        for error in (clock.DatingRefusal, geofence.FixError, photo_lib.PhotoError):
            self.assertTrue(issubclass(error, refusals.Refusal))


@tagged("post_install", "-at_install")
class TestRefusalCatalogue(BaseCase):
    """Each refusal code is defined once, with a message, a status and Indonesian
    words."""

    def test_statuses(self):
        self.assertEqual(refusals.status("outside_geofence"), 422)
        self.assertEqual(refusals.status("employee_unknown"), 403)
        self.assertEqual(refusals.status("spot_check_unknown"), 404)
        self.assertEqual(refusals.status("already_checked_in"), 409)
        self.assertEqual(refusals.status("photo_too_large"), 413)
        self.assertEqual(refusals.status("no_such_code"), 422)

    def test_messages_are_filled_and_never_fail(self):
        self.assertEqual(
            refusals.render("accuracy_too_poor", {"accuracy": 250, "maximum": 100}),
            "The GPS accuracy is 250 m; at most 100 m is needed. Move to open sky "
            "and try again.",
        )
        # a missing parameter reads as empty, an unknown code says which
        self.assertIn("outside", refusals.render("outside_geofence", {}))
        self.assertEqual(refusals.render("no_such_code"), "Refused (no_such_code).")
        translated = refusals.render(
            "captured_too_old",
            {"hours": 72},
            lambda module, source: "%(hours)s jam %(broken",
        )
        self.assertIn("72 hours", translated)  # a broken translation: English

    def test_a_code_is_defined_once(self):
        entry = refusals.CATALOGUE["uuid_missing"]
        refusals.define(entry.code, entry.message, entry.status)  # the same again
        with self.assertRaises(ValueError):
            refusals.define("uuid_missing", "Another message.")

    def test_every_code_the_services_raise_is_in_the_catalogue(self):
        pattern = re.compile(
            r"(?:Refusal|FixError|PhotoError|DatingRefusal|FieldDutyError)\(\s*"
            r"\"([a-z_]+)\"|return \"([a-z_]+)\"|\"reason_code\": \"([a-z_]+)\""
        )
        raised = set()
        for path in list((ADDON / "models").glob("*.py")) + list(
            (ADDON / "lib").glob("*.py")
        ):
            if path.name == "refusals.py":
                continue
            for match in pattern.finditer(path.read_text()):
                code = next(group for group in match.groups() if group)
                if match.group(2) and path.name != "placement.py":
                    continue  # only placement's returned strings are codes
                raised.add(code)
        self.assertGreater(len(raised), 40)
        self.assertFalse(raised - set(refusals.CATALOGUE))

    def test_an_attempts_refusal_codes_are_the_catalogues(self):
        self.assertFalse({code for code, _label in REFUSALS} - set(refusals.CATALOGUE))

    def test_every_message_has_indonesian_words(self):
        with open(ADDON / "i18n" / "id.po", "rb") as po:
            catalog = read_po(po)
        missing = [
            entry.code
            for entry in refusals.CATALOGUE.values()
            if entry.module == refusals.MODULE
            and not (catalog.get(entry.message) and catalog.get(entry.message).string)
        ]
        self.assertFalse(missing)

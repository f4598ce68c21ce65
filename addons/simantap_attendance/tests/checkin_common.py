import io
import json
import random
import uuid
from datetime import datetime, timedelta

from PIL import Image, ImageDraw, TiffImagePlugin, WebPImagePlugin

from odoo.tests import new_test_user

from .common import SimantapCase

# Monday 2 November 2026, 07:30 in Asia/Jakarta (UTC+7).
NOW = datetime(2026, 11, 2, 0, 30)
OFFICE = (-0.5071, 101.4478)
SCHOOL_A = (-0.4000, 101.4000)
SCHOOL_B = (-0.8500, 101.4000)  # 50 km south of school A
COMPOUND = (-0.5200, 101.4600)  # centre of a polygon fence about 220 m square
# the writers the tests use, whatever Odoo preloaded in Pillow
WRITERS = (TiffImagePlugin, WebPImagePlugin)
METRE = 1 / 110_574  # degrees of latitude in a metre, near the equator
LON_METRE = 1 / 111_320  # degrees of longitude in a metre, near the equator


def north(point, metres):
    """The point ``metres`` north of ``point``."""
    return (point[0] + metres * METRE, point[1])


def east(point, metres):
    return (point[0], point[1] + metres * LON_METRE)


def make_photo(seed=0, size=(640, 480), fmt="JPEG", taken_at=None, quality=90):
    """A picture of coloured shapes whose perceptual hash depends on ``seed``;
    ``taken_at`` (naive local time) is written as EXIF DateTimeOriginal."""
    rng = random.Random(seed)
    image = Image.new("RGB", size, tuple(rng.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    width, height = size
    for _shape in range(12):
        x, y = rng.randrange(width), rng.randrange(height)
        draw.ellipse(
            [x, y, x + rng.randrange(width // 8, width // 2), y + height // 3],
            fill=tuple(rng.randrange(256) for _ in range(3)),
        )
    out = io.BytesIO()
    options = {}
    if taken_at is not None:
        exif = Image.Exif()
        exif[0x8769] = {0x9003: taken_at.strftime("%Y:%m:%d %H:%M:%S")}
        options["exif"] = exif
    if fmt == "JPEG":
        options["quality"] = quality
    image.save(out, fmt, **options)
    return out.getvalue()


class CheckinCase(SimantapCase):
    """SimantapCase plus places with geofences (an office circle, a polygon compound,
    two schools 50 km apart), employees allowed there, and a helper to send a
    check-in or check-out through the service as the employee's own user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Location = cls.env["hr.work.location"]

        def place(name, point, **extra):
            return Location.create(
                {
                    "name": name,
                    "location_type": "office",
                    "address_id": cls.company.partner_id.id,
                    "company_id": cls.company.id,
                    "latitude": point[0],
                    "longitude": point[1],
                    "geofence_radius": 100,
                    **extra,
                }
            )

        cls.office = place("Kantor Dinas Uji", OFFICE)
        cls.school_a = place("SD Negeri 1", SCHOOL_A, simantap_kind="school")
        cls.school_b = place("SD Negeri 2", SCHOOL_B, simantap_kind="school")
        lat, lon = COMPOUND
        ring = [
            [lon - 0.001, lat - 0.001],
            [lon + 0.001, lat - 0.001],
            [lon + 0.001, lat + 0.001],
            [lon - 0.001, lat + 0.001],
            [lon - 0.001, lat - 0.001],
        ]
        cls.compound = place(
            "Kompleks Perkantoran",
            (0.0, 0.0),
            geofence_polygon=json.dumps({"type": "Polygon", "coordinates": [ring]}),
        )
        staff = cls.emp_employee | cls.emp_colleague | cls.emp_head | cls.emp_officer
        staff.write(
            {"tz": "Asia/Jakarta", "simantap_location_ids": [(6, 0, cls.office.ids)]}
        )
        cls.user_teacher = cls._make_user("sm_guru")
        cls.emp_teacher = cls.env["hr.employee"].create(
            {
                "name": "Guru Dua Sekolah",
                "user_id": cls.user_teacher.id,
                "department_id": cls.sub_unit.id,
                "company_id": cls.company.id,
                "resource_calendar_id": cls.calendar.id,
                "tz": "Asia/Jakarta",
                "simantap_location_ids": [(6, 0, (cls.school_a | cls.school_b).ids)],
            }
        )
        cls.photos = [make_photo(seed) for seed in range(6)]

    @classmethod
    def _make_user(cls, login):
        return new_test_user(
            cls.env,
            login=login,
            groups="base.group_user",
            company_id=cls.company.id,
            company_ids=[(6, 0, cls.company.ids)],
        )

    def payload(self, where=OFFICE, **overrides):
        values = {
            "uuid": str(uuid.uuid4()),
            "device_id": "HP-UJI-1",
            "captured_at": overrides.pop("captured_at", NOW),
            "latitude": where[0],
            "longitude": where[1],
            "accuracy": 10.0,
            "mock_location": False,
            "photo": self.photos[0],
        }
        values.update(overrides)
        return values

    def send(
        self, kind="check_in", employee=None, where=OFFICE, user=None, **overrides
    ):
        """Send an event through the one door, as the employee's own user."""
        employee = self.emp_employee if employee is None else employee
        user = user or employee.user_id or self.env.user
        payload = self.payload(where, **overrides)
        return (
            self.env["simantap.intake"]
            .with_user(user)
            ._record_check(self.env["hr.employee"].browse(employee.ids), kind, payload)
        )

    def attempt(self, result):
        return self.env["simantap.attendance.attempt"].browse(result["attempt_id"])

    def attendances(self, employee=None):
        return self.env["hr.attendance"].search(
            [("employee_id", "=", (employee or self.emp_employee).id)]
        )

    @staticmethod
    def later(minutes=0, hours=0, days=0):
        return NOW + timedelta(minutes=minutes, hours=hours, days=days)

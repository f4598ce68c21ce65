import io
import random
import uuid
from datetime import datetime, timedelta

from freezegun import freeze_time
from PIL import Image

from .common import SimantapCase

# Monday 2 November 2026 in Asia/Jakarta (UTC+7).  The test calendar works
# 08:00-12:00 and 13:00-17:00 local, that is 01:00-05:00 and 06:00-10:00 UTC.
DAY = datetime(2026, 11, 2)
OFFICE = (-6.2, 106.8166)
NEAR = (-6.2002, 106.8166)  # 22 m from the centre: inside a 100 m fence
AWAY = (-6.209, 106.8166)  # 1 km south: outside


def utc(hour, minute=0, day=DAY):
    """A naive UTC datetime on the test day."""
    return day.replace(hour=hour, minute=minute)


def selfie(seed=0):
    """A small JPEG whose picture (and perceptual hash) depends on ``seed``."""
    rng = random.Random(seed)
    image = Image.new("RGB", (64, 48))
    image.putdata(
        [
            (rng.randrange(256), rng.randrange(256), rng.randrange(256))
            for _pixel in range(64 * 48)
        ]
    )
    out = io.BytesIO()
    image.save(out, "JPEG")
    return out.getvalue()


class PresenceCase(SimantapCase):
    """SimantapCase plus an office with its fence, employees in Jakarta time who
    may check in there, and helpers to drive the presence service."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "simantap_ping_interval": 60,
                "simantap_ping_grace": 15,
                "simantap_spot_checks_per_day": 2,
                "simantap_spot_check_window": 15,
                "simantap_ping_retention_days": 90,
                "simantap_sync_delay_hours": 72,
            }
        )
        cls.office = cls.env["hr.work.location"].create(
            {
                "name": "Kantor Dinas Uji",
                "location_type": "office",
                "address_id": cls.company.partner_id.id,
                "company_id": cls.company.id,
                "latitude": OFFICE[0],
                "longitude": OFFICE[1],
                "geofence_radius": 100,
            }
        )
        cls.staff = (
            cls.emp_employee | cls.emp_colleague | cls.emp_head | cls.emp_officer
        )
        cls.staff.write(
            {"tz": "Asia/Jakarta", "simantap_location_ids": [(6, 0, cls.office.ids)]}
        )
        cls.Presence = cls.env["simantap.presence"]

    def check_in(self, employee, when, check_out=None):
        return self.env["hr.attendance"].create(
            {"employee_id": employee.id, "check_in": when, "check_out": check_out}
        )

    def payload(self, when, where=NEAR, accuracy=10.0, **extra):
        return {
            "uuid": extra.pop("uuid", None) or str(uuid.uuid4()),
            "device_id": "HP-UJI-1",
            "captured_at": when,
            "latitude": where[0],
            "longitude": where[1],
            "accuracy": accuracy,
            "mock_location": False,
            **extra,
        }

    def ping(self, employee, when, where=NEAR, received=None, **extra):
        """Send a ping captured at ``when`` and received at ``received`` (default:
        a few seconds later), with the clock frozen there."""
        received = received or when + timedelta(seconds=5)
        with freeze_time(received):
            return self.Presence._record_ping(
                employee, self.payload(when, where, **extra)
            )

    def episodes(self, employee, day=None):
        return self.env["simantap.presence.episode"].search(
            [
                ("employee_id", "=", employee.id),
                ("work_date", "=", (day or DAY).date()),
            ],
            order="start, kind",
        )

    def derive(self, employee, now, day=None):
        with freeze_time(now):
            self.Presence._derive_days([(employee.id, (day or DAY).date())])
        return self.episodes(employee, day)


class MonitorCase(PresenceCase):
    """A morning on the live monitor: at 09:40 in Jakarta the employee is
    outside, the head's phone is silent, the colleague has an overdue spot
    check, the officer is not in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Monitor = cls.env["simantap.presence.monitor"]

    def setUp(self):
        super().setUp()
        # 09:40 in Jakarta: the employee is outside, the head's phone is silent,
        # the colleague has an overdue spot check, the officer is not in.
        for employee in (self.emp_employee, self.emp_head, self.emp_colleague):
            self.check_in(employee, utc(0, 55))
        self.ping(self.emp_employee, utc(1, 50))
        self.ping(self.emp_employee, utc(2, 20), where=AWAY)
        self.ping(self.emp_head, utc(1, 5))
        self.ping(self.emp_colleague, utc(2, 15))
        self.spot = self.env["simantap.spot.check"].create(
            {
                "employee_id": self.emp_colleague.id,
                "work_date": DAY.date(),
                "due_at": utc(2),
                "day_end": utc(10),
            }
        )
        self.now = utc(2, 40)

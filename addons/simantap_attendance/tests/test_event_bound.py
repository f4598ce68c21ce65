"""What one phone event costs must not grow with the regency: a late check-in, a
ping and an offline batch cost the same statements and write the same daily-status
rows in a regency of 10 employees as in one of 2 000."""

import uuid
from datetime import date, datetime

from freezegun import freeze_time

from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from .checkin_common import make_photo

OFFICE = (-0.5071, 101.4478)
MONDAY = date(2026, 11, 2)
# Tuesday 08:00 in Asia/Jakarta: Monday's events arrive late, from phones that
# were offline, so Monday's daily status is evaluated again for their employees.
RECEIVED = datetime(2026, 11, 3, 1, 0)


def monday(hour, minute=0):
    """Naive UTC on Monday (Jakarta is UTC+7: 01:00 UTC is 08:00 local)."""
    return datetime(2026, 11, 2, hour, minute)


@tagged("post_install", "-at_install")
class TestEventBound(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.photos = [make_photo(seed) for seed in range(4)]
        cls.small = cls._regency("Kabupaten Kecil", 10)
        cls.large = cls._regency("Kabupaten Besar", 2000)

    @classmethod
    def _regency(cls, name, size):
        """A company with its calendar, office, unit and ``size`` employees (made
        in SQL, all at once), every one with Monday's daily status evaluated."""
        company = cls.env["res.company"].create(
            {"name": name, "simantap_sync_delay_hours": 72}
        )
        cls.env.user.company_ids |= company
        calendar = cls.env["resource.calendar"].create(
            {"name": f"Kantor {name}", "tz": "Asia/Jakarta", "company_id": company.id}
        )
        location = cls.env["hr.work.location"].create(
            {
                "name": f"Kantor Bupati {name}",
                "location_type": "office",
                "address_id": company.partner_id.id,
                "company_id": company.id,
                "latitude": OFFICE[0],
                "longitude": OFFICE[1],
                "geofence_radius": 150,
            }
        )
        unit = cls.env["hr.department"].create(
            {"name": f"Sekretariat {name}", "company_id": company.id}
        )
        cls.env["hr.employee"].flush_model()
        cls.env.cr.execute(
            SQL(
                """
                WITH resource AS (
                    INSERT INTO resource_resource (name, resource_type, tz,
                        time_efficiency, calendar_id, company_id, active)
                    SELECT 'ASN ' || n, 'user', 'Asia/Jakarta', 100, %(calendar)s,
                           %(company)s, TRUE
                      FROM generate_series(1, %(size)s) AS n
                 RETURNING id, name
                )
                INSERT INTO hr_employee (resource_id, name, company_id,
                    resource_calendar_id, department_id, active, employee_type,
                    marital, distance_home_work_unit)
                SELECT id, name, %(company)s, %(calendar)s, %(unit)s, TRUE,
                       'employee', 'single', 'kilometers'
                  FROM resource ORDER BY id
                RETURNING id
                """,
                calendar=calendar.id,
                company=company.id,
                size=size,
                unit=unit.id,
            )
        )
        ids = sorted(row[0] for row in cls.env.cr.fetchall())
        employees = cls.env["hr.employee"].browse(ids[:8])
        employees.write({"simantap_location_ids": [(6, 0, location.ids)]})
        # the ping senders were checked in on Monday
        cls.env["hr.attendance"].create(
            [
                {
                    "employee_id": employee_id,
                    "check_in": monday(0, 50),
                    "check_out": monday(10, 5),
                }
                for employee_id in ids[2:4]
            ]
        )
        cls.env["simantap.daily.status"]._evaluate_day(MONDAY, ids)
        return ids

    def _rows_written(self):
        """Daily-status rows inserted, updated or deleted so far in this
        transaction, as PostgreSQL counts them."""
        self.env.flush_all()
        self.env.cr.execute(
            """SELECT n_tup_ins + n_tup_upd + n_tup_del
                 FROM pg_stat_xact_user_tables
                WHERE relname = 'simantap_daily_status'"""
        )
        return self.env.cr.fetchone()[0]

    def _cost(self, action):
        """``(SQL statements, daily-status rows written)`` of ``action``."""
        self.env.invalidate_all()
        rows_before = self._rows_written()
        statements_before = self.env.cr.sql_log_count
        with freeze_time(RECEIVED):
            result = action()
            self.env.flush_all()
        statements = self.env.cr.sql_log_count - statements_before
        return statements, self._rows_written() - rows_before, result

    def _event(self, kind, when, seed=None):
        event = {
            "kind": kind,
            "uuid": str(uuid.uuid4()),
            "device_id": "HP-UJI",
            "captured_at": when,
            "latitude": OFFICE[0] + 0.0002,
            "longitude": OFFICE[1],
            "accuracy": 10.0,
            "mock_location": False,
        }
        if seed is not None:
            event["photo"] = self.photos[seed]
        return event

    def _events(self, ids):
        """One late check-in, one ping and an offline batch of 10 events (check-in,
        8 pings, check-out) of Monday, by the regency's employees ``ids``:
        ``{event: (statements, rows written, result)}``."""
        Employee = self.env["hr.employee"]
        Presence = self.env["simantap.presence"]

        def check_in():
            return self.env["simantap.intake"]._record_check(
                Employee.browse(ids[0]),
                "check_in",
                self._event("check_in", monday(0, 45), seed=0),
            )

        def ping():
            return Presence._record_ping(
                Employee.browse(ids[1]), self._event("ping", monday(3))
            )

        def batch():
            events = [self._event("check_in", monday(0, 55), seed=1)]
            events += [
                self._event("ping", monday(hour, 30))
                for hour in (1, 2, 3, 4, 6, 7, 8, 9)
            ]
            events.append(self._event("check_out", monday(10, 10), seed=2))
            return Presence._sync_batch(Employee.browse(ids[2]), events)

        return {
            "check_in": self._cost(check_in),
            "ping": self._cost(ping),
            "batch": self._cost(batch),
        }

    def _run(self, ids):
        """Each event once as a warm-up (caches), then measured twice with other
        employees of the same regency; an event's cost is the lower of the two, so
        that a one-off cache refill (an ORM cache shared by the registry) is not
        taken for a cost of the regency's size."""
        self._events([ids[4], ids[3], ids[5]])
        first = self._events([ids[0], ids[2], ids[1]])
        second = self._events([ids[6], ids[8], ids[7]])
        return {
            name: (
                min(first[name][0], second[name][0]),
                min(first[name][1], second[name][1]),
                first[name][2],
            )
            for name in first
        }

    def test_an_event_costs_the_same_in_a_small_and_a_large_regency(self):
        small = self._run(self.small)
        large = self._run(self.large)
        for name in ("check_in", "ping", "batch"):
            small_statements, small_rows, small_result = small[name]
            large_statements, large_rows, large_result = large[name]
            if name == "batch":
                statuses = [r["status"] for r in large_result["results"]]
                self.assertEqual(statuses, ["accepted"] * 10, large_result)
            else:
                self.assertEqual(large_result["status"], "accepted", large_result)
            self.assertEqual(
                (small_statements, small_rows),
                (large_statements, large_rows),
                f"{name}: statements and daily-status rows written, "
                f"small vs large regency",
            )
        # a late check-in re-evaluates the sender's Monday, nobody else's; a batch
        # rewrites that one row for its check-in, its check-out and itself
        self.assertEqual(large["check_in"][1], 1)
        self.assertEqual(large["batch"][1], 3)
        self.assertEqual(large["ping"][1], 0)
        days = self.env["simantap.daily.status"].search(
            [("employee_id", "in", self.large[:3]), ("date", "=", MONDAY)],
            order="employee_id",
        )
        self.assertEqual(days.mapped("check_in")[0], monday(0, 45))
        self.assertEqual(days.mapped("check_in")[1], monday(0, 55))
        self.assertEqual(days.mapped("company_id").ids, [self._company(self.large)])

    def _company(self, ids):
        return self.env["hr.employee"].browse(ids[0]).company_id.id

"""Presence pings ingested and judged per second through Simantap's batch door
(``simantap.presence._ingest_pings``: validation, working hours and check-in of each
employee, the geofence verdict, duplicates, one insert) beside a plain ORM
``create`` of the same rows (values already judged), measured in the same run; then
the time to re-derive one day's episodes (outside, silent, travel) for every
employee from the stored facts (``simantap.presence._derive_days``).

    python3 bench/pings.py     # creates and drops its own database

20 000 pings for 2 000 employees, all checked in on the same working day; 10 pings
each over the day, some outside the fence, some employees with their phone off for
a while.  Each path runs twice, interleaved (plain, simantap, plain, simantap), the
rows rolled back between runs; the figures are the totals of both runs.

Targets: ingestion at least half the speed of the plain create (ratio >= 0.5); a
day's derivation for 2 000 employees under 10 s.
Figures on the line before last; last line:
ping_ingest_ratio=<simantap/plain> day_episodes_2000_s=<seconds>
"""

import os
import random
import time
import uuid
from datetime import date, datetime, timedelta

from benchlib import (
    create_database,
    drop_database,
    environment,
    office,
    print_figures,
    size,
)

EMPLOYEES = size("BENCH_EMPLOYEES", 2000)  # python3 bench/pings.py [employees]
PINGS_EACH = 10
ROUNDS = 2
OFFICE = (-0.5071, 101.4478)
DAY = date(2026, 11, 2)  # a Monday; "now" is passed explicitly
DB = f"simantap_bench_pings_{os.getpid()}"


def utc(hour, minute=0):
    """Naive UTC on the bench day; Jakarta is UTC+7 (08:00 local = 01:00 UTC)."""
    return datetime(DAY.year, DAY.month, DAY.day, hour, minute)


def populate(env):
    calendar, location = office(env, *OFFICE)
    units = env["hr.department"].create(
        [{"name": f"OPD {index:02d}"} for index in range(20)]
    )
    employees = env["hr.employee"].create(
        [
            {
                "name": f"ASN {index:05d}",
                "tz": "Asia/Jakarta",
                "resource_calendar_id": calendar.id,
                "department_id": units[index % len(units)].id,
                "simantap_location_ids": [(6, 0, location.ids)],
            }
            for index in range(EMPLOYEES)
        ]
    )
    env["hr.attendance"].create(
        [
            {"employee_id": employee_id, "check_in": utc(0, 30 + index % 25)}
            for index, employee_id in enumerate(employees.ids)
        ]
    )
    return employees


def payloads(employees, rng):
    """10 pings per employee over the day: every 5th employee wanders 1 km off for a
    while, every 7th has a silent stretch, every 50th sends one ping far away."""
    items = []
    for index, employee in enumerate(employees):
        # working minutes since 08:00 local (01:00 UTC), lunch 12:00-13:00 skipped
        minutes = [25 + 48 * slot + rng.randrange(10) for slot in range(PINGS_EACH)]
        if index % 7 == 0:  # the phone off: the last pings squeezed at the end
            minutes = minutes[:6] + [430 + slot * 10 for slot in range(4)]
        for slot, minute in enumerate(minutes):
            when = utc(1) + timedelta(minutes=minute + (60 if minute >= 240 else 0))
            lat, lon = OFFICE[0] + rng.uniform(-0.0005, 0.0005), OFFICE[1]
            if index % 5 == 0 and slot in (3, 4):
                lat += 0.01
            if index % 50 == 0 and slot == 8:
                lat += 0.5
            items.append(
                (
                    employee,
                    {
                        "uuid": str(uuid.uuid4()),
                        "device_id": f"HP-{index}",
                        "captured_at": when,
                        "latitude": lat,
                        "longitude": lon,
                        "accuracy": 12.0,
                        "mock_location": False,
                    },
                )
            )
    return items


def plain_rows(env, items, now):
    """The same pings as ``create`` values, judged beforehand (outside the clock)."""
    Calendar = env["simantap.calendar"]
    attendances = {
        attendance.employee_id.id: attendance.id
        for attendance in env["hr.attendance"].search([])
    }
    rows = []
    for employee, payload in items:
        judgement = employee._simantap_judge_fix(
            payload["latitude"],
            payload["longitude"],
            payload["accuracy"],
            payload["captured_at"],
        )
        rows.append(
            {
                "uuid": payload["uuid"],
                "employee_id": employee.id,
                "device_id": payload["device_id"],
                "captured_at": payload["captured_at"],
                "received_at": now,
                "work_date": Calendar._local_date(
                    Calendar._employee_zone(employee), payload["captured_at"]
                ),
                "latitude": payload["latitude"],
                "longitude": payload["longitude"],
                "accuracy": payload["accuracy"],
                "mock_location": False,
                "verdict": judgement["verdict"],
                "location_id": judgement["location_id"],
                "distance": judgement["distance"],
                "attendance_id": attendances[employee.id],
                "late_sync": False,
            }
        )
    return rows


def main():
    rng = random.Random(2026)
    now = utc(10, 30)  # 17:30 in Jakarta, the working day is over
    create_database(DB)
    try:
        with environment(DB) as env:
            employees = populate(env)
            env.cr.commit()
            items = payloads(employees, rng)
            rows = plain_rows(env, items, now)
            env.cr.commit()
            Ping = env["simantap.presence.ping"].sudo()
            Presence = env["simantap.presence"]
            plain_s = simantap_s = 0.0
            for round_index in range(ROUNDS):
                env.invalidate_all()
                start = time.perf_counter()
                Ping.create(rows)
                env.flush_all()
                plain_s += time.perf_counter() - start
                env.cr.rollback()
                env.invalidate_all()
                start = time.perf_counter()
                results = Presence._ingest_pings(items, now=now)
                env.flush_all()
                simantap_s += time.perf_counter() - start
                refused = [r for r in results if r["status"] != "accepted"]
                if refused:
                    raise RuntimeError(f"pings refused: {refused[:3]}")
                if round_index < ROUNDS - 1:
                    env.cr.rollback()
            env.cr.commit()
            outside = Ping.search_count([("verdict", "=", "outside")])

            env.invalidate_all()
            pairs = [(employee_id, DAY) for employee_id in employees.ids]
            start = time.perf_counter()
            Presence._derive_days(pairs, now=now)
            env.flush_all()
            derive_s = time.perf_counter() - start
            episodes = env["simantap.presence.episode"].read_group(
                [], ["kind"], ["kind"]
            )
            # derived again from the same facts: the same episodes
            env.invalidate_all()
            start = time.perf_counter()
            Presence._derive_days(pairs, now=now)
            env.flush_all()
            rederive_s = time.perf_counter() - start
            again = env["simantap.presence.episode"].read_group([], ["kind"], ["kind"])
            if [g["kind_count"] for g in again] != [g["kind_count"] for g in episodes]:
                raise RuntimeError("a second derivation gave other episodes")
            env.cr.commit()
    finally:
        drop_database(DB)
    count = len(items) * ROUNDS
    figures = {
        "employees": EMPLOYEES,
        "pings": len(items),
        "outside_pings": outside,
        "plain_pings_per_s": round(count / plain_s),
        "simantap_pings_per_s": round(count / simantap_s),
        "episodes": " ".join(f"{g['kind']}:{g['kind_count']}" for g in episodes)
        .replace(" ", ",")
        .strip(),
        "day_rederive_s": round(rederive_s, 2),
    }
    print_figures(figures)
    print_figures(
        {
            "ping_ingest_ratio": round(plain_s / simantap_s, 2),
            "day_episodes_2000_s": round(derive_s, 2),
        }
    )


if __name__ == "__main__":
    main()

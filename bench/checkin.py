"""Check-ins stored per second through Simantap's one door
(``simantap.intake._record_check``: validation, a 1280x960 JPEG selfie decoded,
re-encoded and hashed, the geofence, the fraud signals, the attempt log and the stock
attendance) beside stock Odoo's own check-in path
(``hr.employee._attendance_action_change``), measured in the same run, each check-in
in its own transaction, the two paths interleaved so that a busy machine slows both.

    python3 bench/checkin.py     # creates and drops its own database

Target: the Simantap check-in costs at most 3x the stock one.
Figures on the line before last; last line: checkin_cost_ratio=<simantap/stock>
"""

import os
import time
import uuid

from benchlib import (
    create_database,
    drop_database,
    environment,
    office,
    print_figures,
    selfie_jpeg,
    size,
)

ROUNDS = size("BENCH_ROUNDS", 12)  # python3 bench/checkin.py [rounds of 25]
BLOCK = 25  # check-ins per path per round
WARMUP = 10
PHOTOS = 16
OFFICE = (-0.5071, 101.4478)
DB = f"simantap_bench_checkin_{os.getpid()}"


def populate(env, count):
    calendar, location = office(env, *OFFICE)
    employees = env["hr.employee"].create(
        [
            {
                "name": f"ASN {index:05d}",
                "tz": "Asia/Jakarta",
                "resource_calendar_id": calendar.id,
                "simantap_location_ids": [(6, 0, location.ids)],
            }
            for index in range(2 * count)
        ]
    )
    return employees.ids[:count], employees.ids[count:]


def stock_check_in(registry, employee_id):
    import odoo  # noqa: PLC0415

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        env["hr.employee"].browse(employee_id)._attendance_action_change(
            {"latitude": OFFICE[0], "longitude": OFFICE[1], "mode": "systray"}
        )


def simantap_check_in(registry, employee_id, photo, device):
    import odoo  # noqa: PLC0415

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        result = env["simantap.intake"]._record_check(
            env["hr.employee"].browse(employee_id),
            "check_in",
            {
                "uuid": str(uuid.uuid4()),
                "device_id": device,
                "captured_at": odoo.fields.Datetime.now(),
                "latitude": OFFICE[0] + 0.0003,
                "longitude": OFFICE[1],
                "accuracy": 12.0,
                "mock_location": False,
                "photo": photo,
            },
        )
    if result["status"] != "accepted":
        raise RuntimeError(f"check-in refused: {result}")


def main():
    count = WARMUP + ROUNDS * BLOCK
    photos = [selfie_jpeg(seed) for seed in range(PHOTOS)]
    create_database(DB)
    try:
        with environment(DB) as env:
            stock_ids, simantap_ids = populate(env, count)
            env.cr.commit()
        from odoo.modules.registry import Registry  # noqa: PLC0415

        from odoo.addons.simantap_attendance.lib import (  # noqa: PLC0415
            photo as photo_lib,
        )

        registry = Registry(DB)
        for index in range(WARMUP):
            stock_check_in(registry, stock_ids[index])
            simantap_check_in(
                registry, simantap_ids[index], photos[index % PHOTOS], f"HP-{index}"
            )
        stock_s = simantap_s = 0.0
        index = WARMUP
        for _round in range(ROUNDS):
            start = time.perf_counter()
            for offset in range(BLOCK):
                stock_check_in(registry, stock_ids[index + offset])
            stock_s += time.perf_counter() - start
            start = time.perf_counter()
            for offset in range(BLOCK):
                number = index + offset
                simantap_check_in(
                    registry,
                    simantap_ids[number],
                    photos[number % PHOTOS],
                    f"HP-{number}",
                )
            simantap_s += time.perf_counter() - start
            index += BLOCK
        start = time.perf_counter()
        for data in photos:
            photo_lib.process(data)
        photo_ms = (time.perf_counter() - start) / PHOTOS * 1000
    finally:
        drop_database(DB)
    measured = ROUNDS * BLOCK
    figures = {
        "checkins": measured,
        "photo_kb": round(sum(map(len, photos)) / PHOTOS / 1024),
        "stock_checkins_per_s": round(measured / stock_s, 1),
        "simantap_checkins_per_s": round(measured / simantap_s, 1),
        "stock_ms": round(stock_s / measured * 1000, 1),
        "simantap_ms": round(simantap_s / measured * 1000, 1),
        "photo_ms": round(photo_ms, 1),
    }
    print_figures(figures)
    print_figures({"checkin_cost_ratio": round(simantap_s / stock_s, 2)})


if __name__ == "__main__":
    main()

"""Check-ins stored per second through Simantap's one door
(``simantap.intake._record_check``: validation, a 1280x960 JPEG selfie decoded,
re-encoded and hashed, the geofence, the fraud signals, the attempt log and the stock
attendance) beside stock Odoo's own check-in path
(``hr.employee._attendance_action_change``), measured in the same run, each check-in
in its own transaction, the two paths interleaved so that a busy machine slows both.

    python3 bench/checkin.py     # creates and drops its own database

A third path checks in employees with an approved reference face, each with a
real photograph (the face tests' fixtures) at 960 px, under the "refuse" face
policy, which checks the face during the request (``face_ms`` is that step alone:
detection on the selfie shrunk to 640 px, one encoding, the comparison).  Under the
default "flag" policy the face is checked by a background job instead, and the
check-in costs what the second path costs.

Target: the Simantap check-in costs at most 3x the stock one.
Figures on the line before last; last line: checkin_cost_ratio=<simantap/stock>
(checkin_face_sync_cost_ratio, on the line before: the same, face checked in the
request)
"""

import base64
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


def enrol(env, count):
    """``count`` employees with an approved reference face, and the selfies they
    send (real photographs of the same person)."""
    from odoo.addons.simantap_attendance.lib import face as face_lib  # noqa: PLC0415
    from odoo.addons.simantap_attendance.tests import face_common  # noqa: PLC0415

    calendar, location = office(env, *OFFICE)
    env.company.simantap_face_policy = "refuse"  # the face checked in the request
    employees = env["hr.employee"].create(
        [
            {
                "name": f"ASN wajah {index:05d}",
                "tz": "Asia/Jakarta",
                "resource_calendar_id": calendar.id,
                "simantap_location_ids": [(6, 0, location.ids)],
            }
            for index in range(count)
        ]
    )
    reference = face_common.face_photo("obama_1")
    encoding = base64.b64encode(face_lib.pack(face_lib.analyse(reference).encoding))
    env["simantap.face.reference"].sudo().create(
        [
            {
                "employee_id": employee.id,
                "photo": base64.b64encode(reference),
                "encoding": encoding,
                "state": "approved",
            }
            for employee in employees
        ]
    )
    selfies = [
        face_common.face_photo("obama_2"),
        face_common.face_photo("obama_3"),
        face_common.mirrored("obama_1"),
        face_common.darker("obama_2"),
    ]
    # at a phone's size (the fixtures are shrunk to 480 px): 960 px wide
    return employees.ids, [face_common.scaled(data, 960) for data in selfies]


def stock_check_in(registry, employee_id):
    import odoo  # noqa: PLC0415

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        env["hr.employee"].browse(employee_id)._attendance_action_change(
            {"latitude": OFFICE[0], "longitude": OFFICE[1], "mode": "systray"}
        )


def simantap_check_in(registry, employee_id, photo, device, face=None):
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
    if face and result["signals"]:
        raise RuntimeError(f"the right face was flagged: {result}")


def face_step_ms(registry, employee_id, selfies, rounds=4):
    """The face step alone (``hr.employee._simantap_face_check``), per selfie."""
    import odoo  # noqa: PLC0415

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        employee = env["hr.employee"].browse(employee_id)
        start = time.perf_counter()
        for data in selfies * rounds:
            employee._simantap_face_check(data)
        return (time.perf_counter() - start) / (len(selfies) * rounds) * 1000


def main():
    count = WARMUP + ROUNDS * BLOCK
    photos = [selfie_jpeg(seed) for seed in range(PHOTOS)]
    create_database(DB)
    try:
        with environment(DB) as env:
            stock_ids, simantap_ids = populate(env, count)
            face_ids, selfies = enrol(env, count)
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
            simantap_check_in(
                registry, face_ids[index], selfies[0], f"HP-F{index}", face=True
            )
        stock_s = simantap_s = face_s = 0.0
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
            start = time.perf_counter()
            for offset in range(BLOCK):
                number = index + offset
                simantap_check_in(
                    registry,
                    face_ids[number],
                    selfies[number % len(selfies)],
                    f"HP-F{number}",
                    face=True,
                )
            face_s += time.perf_counter() - start
            index += BLOCK
        start = time.perf_counter()
        for data in photos:
            photo_lib.process(data)
        photo_ms = (time.perf_counter() - start) / PHOTOS * 1000
        face_ms = face_step_ms(registry, face_ids[0], selfies)
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
        "simantap_face_ms": round(face_s / measured * 1000, 1),
        "face_ms": round(face_ms, 1),
        "checkin_face_sync_cost_ratio": round(face_s / stock_s, 2),
    }
    print_figures(figures)
    print_figures({"checkin_cost_ratio": round(simantap_s / stock_s, 2)})


if __name__ == "__main__":
    main()

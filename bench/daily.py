"""How long evaluating one working day takes, set-based, for 5 000 and 50 000
employees with realistic facts (check-ins, forgotten check-outs, absences, leaves, field
duties, 8 presence pings each and outside episodes for one in ten), beside a naive
per-employee ORM loop on a sample; and the weekly recap of 5 000 employees.

    python3 bench/daily.py     # creates and drops its own database

Last line: day_5000_s=<s> day_50000_s=<s> speedup_vs_naive=<x> week_5000_s=<s>
"""

import datetime
import os
import random

from benchlib import (
    create_database,
    drop_database,
    environment,
    print_figures,
    size,
    timer,
)

EMPLOYEES = size("BENCH_EMPLOYEES", 50000)  # python3 bench/daily.py [employees]
SMALL = min(5000, EMPLOYEES // 2)
NAIVE_SAMPLE = min(200, EMPLOYEES - SMALL)
MONDAY = datetime.date(2026, 11, 16)
DB = f"simantap_bench_daily_{os.getpid()}"


def utc(day, hour, minute=0):
    """Local Jakarta time as naive UTC."""
    return datetime.datetime.combine(day, datetime.time()) + datetime.timedelta(
        hours=hour - 7, minutes=minute
    )


def populate(env):
    cr = env.cr
    lines = [(5, 0, 0)]
    for day in "0123":
        lines += [
            (
                0,
                0,
                {
                    "name": "pagi",
                    "dayofweek": day,
                    "hour_from": 7.5,
                    "hour_to": 12,
                    "day_period": "morning",
                },
            ),
            (
                0,
                0,
                {
                    "name": "siang",
                    "dayofweek": day,
                    "hour_from": 13,
                    "hour_to": 16,
                    "day_period": "afternoon",
                },
            ),
        ]
    lines += [
        (
            0,
            0,
            {
                "name": "pagi",
                "dayofweek": "4",
                "hour_from": 7.5,
                "hour_to": 11.5,
                "day_period": "morning",
            },
        ),
        (
            0,
            0,
            {
                "name": "siang",
                "dayofweek": "4",
                "hour_from": 13,
                "hour_to": 16.5,
                "day_period": "afternoon",
            },
        ),
    ]
    calendar = env["resource.calendar"].create(
        {"name": "Kantor 5 hari", "tz": "Asia/Jakarta", "attendance_ids": lines}
    )
    company = env.company
    department = env["hr.department"].create(
        {"name": "Dinas Bench", "unit_type": "opd"}
    )
    cr.execute(
        """INSERT INTO resource_resource (name, calendar_id, company_id, resource_type, tz,
                                          time_efficiency, active)
           SELECT 'Pegawai ' || g, %s, %s, 'user', 'Asia/Jakarta', 100, TRUE
             FROM generate_series(1, %s) g RETURNING id""",
        (calendar.id, company.id, EMPLOYEES),
    )
    resource_ids = [row[0] for row in cr.fetchall()]
    cr.execute(
        """INSERT INTO hr_employee (name, resource_id, company_id, resource_calendar_id,
                                    department_id, active, employee_type, marital,
                                    distance_home_work_unit)
           SELECT r.name, r.id, r.company_id, r.calendar_id, %s, TRUE, 'employee', 'single',
                  'kilometers'
             FROM resource_resource r WHERE r.id = ANY(%s) ORDER BY r.id RETURNING id""",
        (department.id, resource_ids),
    )
    employee_ids = sorted(row[0] for row in cr.fetchall())
    rng = random.Random(42)
    attendances, leaves = [], []
    # 2 % on an approved field duty (dinas luar) for the whole week: no check-in
    on_duty = set(rng.sample(employee_ids, len(employee_ids) // 50))
    for day_offset in range(5):
        day = MONDAY + datetime.timedelta(days=day_offset)
        end_hour = 16.5 if day_offset == 4 else 16
        for employee_id in employee_ids:
            if employee_id in on_duty:
                continue
            roll = rng.random()
            if roll < 0.03:
                continue  # absent
            if roll < 0.04:
                if day_offset == 0:
                    leaves.append(
                        (
                            employee_id,
                            utc(day, 7, 30),
                            utc(day + datetime.timedelta(days=4), 16, 30),
                        )
                    )
                continue
            check_in = utc(day, 7, 10) + datetime.timedelta(minutes=rng.randint(0, 60))
            check_out = None
            if rng.random() > 0.05:  # 5 % forget to check out
                check_out = utc(
                    day, int(end_hour), int(end_hour % 1 * 60)
                ) - datetime.timedelta(minutes=rng.randint(-20, 40))
            attendances.append((employee_id, check_in, check_out))
    for start in range(0, len(attendances), 20000):
        chunk = attendances[start : start + 20000]
        cr.execute(
            "INSERT INTO hr_attendance (employee_id, check_in, check_out) SELECT * FROM unnest(%s::int[], %s::timestamp[], %s::timestamp[])",
            ([a[0] for a in chunk], [a[1] for a in chunk], [a[2] for a in chunk]),
        )
    # 8 pings per checked-in employee on the Monday, and an outside episode (10-60
    # minutes) for one in ten of them, as the presence checks would have left
    cr.execute(
        """INSERT INTO simantap_presence_ping (uuid, employee_id, department_id,
                   company_id, device_id, captured_at, received_at, work_date, latitude,
                   longitude, accuracy, verdict, distance)
           SELECT gen_random_uuid()::text, a.employee_id, %s, %s, 'HP-' || a.employee_id,
                  a.check_in + make_interval(mins => 55 * n),
                  a.check_in + make_interval(mins => 55 * n), %s, -1.4616, 101.39, 12,
                  'inside', 0
             FROM hr_attendance a, generate_series(1, 8) n
            WHERE a.check_in >= %s AND a.check_in < %s""",
        (department.id, company.id, MONDAY, utc(MONDAY, 0), utc(MONDAY, 24)),
    )
    cr.execute(
        """INSERT INTO simantap_presence_episode (employee_id, department_id, company_id,
                   work_date, kind, start, stop, minutes, max_distance)
           SELECT a.employee_id, %s, %s, %s, 'outside', a.check_in + interval '2 hours',
                  a.check_in + interval '2 hours' + make_interval(mins => 10 + a.employee_id %% 50),
                  10 + a.employee_id %% 50, 850
             FROM hr_attendance a
            WHERE a.check_in >= %s AND a.check_in < %s AND a.employee_id %% 10 = 0""",
        (department.id, company.id, MONDAY, utc(MONDAY, 0), utc(MONDAY, 24)),
    )
    leave_type = env.ref("hr_holidays.holiday_status_cl")
    cr.execute(
        """INSERT INTO hr_leave (employee_id, holiday_status_id, state, date_from, date_to,
                                 request_date_from, request_date_to, company_id)
           SELECT e, %s, 'validate', f, t, f::date, t::date, %s
             FROM unnest(%s::int[], %s::timestamp[], %s::timestamp[]) AS x(e, f, t)""",
        (
            leave_type.id,
            company.id,
            [x[0] for x in leaves],
            [x[1] for x in leaves],
            [x[2] for x in leaves],
        ),
    )
    duty_ids = sorted(on_duty)
    cr.execute(
        """INSERT INTO simantap_field_duty (name, employee_id, department_id, company_id,
                   state, duty_kind, tz, date_from, date_to, start_datetime, end_datetime,
                   hour_from, hour_to, purpose, destination_name, letter_number,
                   letter_date, has_destination_fence)
           SELECT 'DL/BENCH/' || e, e, %s, %s, 'approved', 'full_day', 'Asia/Jakarta',
                  %s, %s, %s, %s, 0, 24, 'Monitoring', 'Kecamatan', '800/' || e, %s,
                  FALSE
             FROM unnest(%s::int[]) AS e
        RETURNING id, employee_id""",
        (
            department.id,
            company.id,
            MONDAY,
            MONDAY + datetime.timedelta(days=4),
            utc(MONDAY, 0),
            utc(MONDAY + datetime.timedelta(days=5), 0),
            MONDAY,
            duty_ids,
        ),
    )
    rows = cr.fetchall()
    cr.execute(
        """INSERT INTO simantap_field_duty_employee_rel (duty_id, employee_id)
           SELECT * FROM unnest(%s::int[], %s::int[])""",
        ([row[0] for row in rows], [row[1] for row in rows]),
    )
    env.invalidate_all()
    return env["hr.employee"].browse(employee_ids)


def naive_day(env, employees, day):
    """What a straightforward implementation does: one employee at a time."""
    from odoo.addons.simantap_attendance.lib import daily  # noqa: PLC0415

    Status = env["simantap.daily.status"]
    brackets = env["simantap.status.bracket"]._for_company(env.company)
    start, end = env["simantap.calendar"]._day_bounds("Asia/Jakarta", day)
    for employee in employees:
        work = Status._work_intervals(
            employee.resource_calendar_id.id, "Asia/Jakarta", day
        )
        attendances = env["hr.attendance"].search(
            [
                ("employee_id", "=", employee.id),
                ("check_in", ">=", start),
                ("check_in", "<", end),
            ]
        )
        leaves = env["hr.leave"].search(
            [
                ("employee_id", "=", employee.id),
                ("state", "=", "validate"),
                ("date_from", "<", end),
                ("date_to", ">", start),
            ]
        )
        duties = env["simantap.field.duty"].search(
            [
                ("employee_ids", "in", employee.ids),
                ("state", "in", ("approved", "done")),
                ("start_datetime", "<", end),
                ("end_datetime", ">", start),
            ]
        )
        result = daily.evaluate(
            daily.DayFacts(
                work_intervals=work,
                check_in=min(attendances.mapped("check_in"), default=None),
                check_out=max(
                    [d for d in attendances.mapped("check_out") if d], default=None
                ),
                leave_intervals=[(x.date_from, x.date_to, "CT") for x in leaves],
                duty_intervals=[(x.start_datetime, x.end_datetime) for x in duties],
            ),
            brackets,
        )
        values = {
            "attendance_code": result.attendance_code,
            "codes": result.codes,
            "minutes_late": result.minutes_late,
            "minutes_early": result.minutes_early,
        }
        existing = Status.search(
            [("employee_id", "=", employee.id), ("date", "=", day)]
        )
        if existing:
            existing.write(values)
        else:
            Status.create({"employee_id": employee.id, "date": day, **values})
    env.flush_all()


def main():
    figures = {}
    create_database(DB)
    try:
        with environment(DB) as env:
            employees = populate(env)
            env.cr.commit()
            Status = env["simantap.daily.status"]
            small = employees[:SMALL]
            with timer(figures, "day_5000_s"):
                Status._evaluate(MONDAY, MONDAY, small)
            env.cr.commit()
            with timer(figures, "day_50000_s"):
                Status._evaluate(MONDAY + datetime.timedelta(days=1), None, employees)
            env.cr.commit()
            on_duty_days = Status.search_count(
                [
                    ("date", "=", MONDAY + datetime.timedelta(days=1)),
                    ("attendance_code", "=", "DL"),
                ]
            )
            sample = employees[SMALL : SMALL + NAIVE_SAMPLE]
            day = MONDAY + datetime.timedelta(days=2)
            with timer(figures, "naive_sample_s"):
                naive_day(env, sample, day)
            env.cr.rollback()
            naive_per_employee = figures["naive_sample_s"] / len(sample)
            set_per_employee = figures["day_5000_s"] / len(small)
            figures["speedup_vs_naive"] = naive_per_employee / set_per_employee
            Status._evaluate(
                MONDAY + datetime.timedelta(days=2),
                MONDAY + datetime.timedelta(days=4),
                small,
            )
            env.cr.commit()
            with timer(figures, "week_5000_s"):
                env["simantap.weekly.recap"]._generate(MONDAY, small)
            env.cr.commit()
    finally:
        drop_database(DB)
    print(
        f"employees={EMPLOYEES} naive_sample={NAIVE_SAMPLE} "
        f"field_duty_days={on_duty_days}"
    )
    print_figures(
        {
            "day_5000_s": round(figures["day_5000_s"], 2),
            "day_50000_s": round(figures["day_50000_s"], 2),
            "speedup_vs_naive": round(figures["speedup_vs_naive"], 1),
            "week_5000_s": round(figures["week_5000_s"], 2),
        }
    )


if __name__ == "__main__":
    main()

"""How long computing a TPP month takes, set-based, from existing daily statuses for
5 000 and 50 000 employees (two regencies of their own), beside a naive per-employee
ORM loop on a sample in the same run.

    python3 bench/month.py     # creates and drops its own database

Last line: month_5000_s=<s> month_50000_s=<s> speedup_vs_naive=<x>
"""

import datetime
import os
from collections import defaultdict

from benchlib import (
    create_database,
    drop_database,
    environment,
    print_figures,
    size,
    timer,
)

EMPLOYEES = size("BENCH_EMPLOYEES", 50000)  # python3 bench/month.py [employees]
SMALL = min(5000, EMPLOYEES)
NAIVE_SAMPLE = min(200, SMALL)
UNITS = 40
MONTH = datetime.date(2026, 11, 1)
DB = f"simantap_bench_month_{os.getpid()}"

# A realistic spread of daily codes: per mille of days.
SPREAD = [
    (700, "H"),
    (780, "H TL1"),
    (810, "H TL2"),
    (820, "H TL3"),
    (825, "H TL4"),
    (860, "H PSW1"),
    (870, "H PSW2"),
    (875, "H TL1 LAP"),
    (885, "LAM PSW1"),
    (905, "TK"),
    (930, "DL"),
    (950, "CT"),
    (965, "CS"),
    (970, "IZIN"),
    (985, "H KA1"),
    (1000, "H KA2"),
]


def populate(env, name, count):
    """A company with ``count`` employees in ``UNITS`` units, position classes,
    TPP assignments, and every working day of the month evaluated (SQL)."""
    cr = env.cr
    company = env["res.company"].create({"name": name})
    departments = env["hr.department"].create(
        [
            {"name": f"Dinas {i:02d}", "unit_type": "opd", "company_id": company.id}
            for i in range(UNITS)
        ]
    )
    classes = env["simantap.position.class"].create(
        [
            {
                "name": f"Kelas {grade}",
                "grade": grade,
                "tpp_amount": 1_500_000 + grade * 350_000,
                "company_id": company.id,
            }
            for grade in range(1, 18)
        ]
    )
    env.flush_all()
    cr.execute(
        """INSERT INTO resource_resource (name, company_id, resource_type, tz,
                                          time_efficiency, active)
           SELECT 'Pegawai ' || g, %s, 'user', 'Asia/Jakarta', 100, TRUE
             FROM generate_series(1, %s) g RETURNING id""",
        (company.id, count),
    )
    resource_ids = [row[0] for row in cr.fetchall()]
    cr.execute(
        """INSERT INTO hr_employee (name, resource_id, company_id, department_id, active,
                                    employee_type, marital, distance_home_work_unit, nip)
           SELECT r.name, r.id, r.company_id, (%s::int[])[1 + r.id %% %s], TRUE,
                  'employee', 'single', 'kilometers',
                  '19' || lpad(r.id::text, 16, '0')
             FROM resource_resource r WHERE r.id = ANY(%s) ORDER BY r.id RETURNING id""",
        (departments.ids, UNITS, resource_ids),
    )
    employee_ids = sorted(row[0] for row in cr.fetchall())
    cr.execute(
        """INSERT INTO simantap_tpp_assignment (employee_id, department_id, company_id,
                                                position_class_id, date_from, use_override,
                                                override_amount)
           SELECT e.id, e.department_id, e.company_id, (%s::int[])[1 + e.id %% 17],
                  '2026-01-01', e.id %% 50 = 0,
                  CASE WHEN e.id %% 50 = 0 THEN 4000250 END
             FROM hr_employee e WHERE e.id = ANY(%s)""",
        (classes.ids, employee_ids),
    )
    cr.execute(
        """INSERT INTO simantap_daily_status (employee_id, department_id, company_id, date,
                                              attendance_code, codes, effective_codes,
                                              missing_check_out, evaluated_at)
           SELECT x.id, x.department_id, x.company_id, x.day,
                  split_part(x.codes, ' ', 1), x.codes, x.codes,
                  'LAP' = ANY(string_to_array(x.codes, ' ')), now() AT TIME ZONE 'UTC'
             FROM (SELECT e.id, e.department_id, e.company_id, d::date AS day,
                          (SELECT s.codes FROM unnest(%s::int[], %s::varchar[])
                                               AS s(upto, codes)
                            WHERE (e.id::bigint * 7919 + extract(day FROM d)::int * 104729
                                   + e.id * extract(day FROM d)::int) %% 1000 < s.upto
                         ORDER BY s.upto LIMIT 1) AS codes
                     FROM hr_employee e
               CROSS JOIN generate_series(%s::date, %s::date, '1 day') d
                    WHERE e.id = ANY(%s) AND extract(isodow FROM d) < 6) x""",
        (
            [upto for upto, _codes in SPREAD],
            [codes for _upto, codes in SPREAD],
            MONTH,
            MONTH.replace(day=30),
            employee_ids,
        ),
    )
    # a few unanswered spot checks (about 2 per 100 working days)
    cr.execute(
        """INSERT INTO simantap_spot_check (employee_id, department_id, company_id,
                                            work_date, due_at, day_end, state)
           SELECT s.employee_id, s.department_id, s.company_id, s.date,
                  s.date + time '03:00', s.date + time '09:00', 'unanswered'
             FROM simantap_daily_status s
            WHERE s.company_id = %s AND (s.employee_id + extract(day FROM s.date)::int) %% 50 = 0
              AND split_part(s.effective_codes, ' ', 1) = 'H'""",
        (company.id,),
    )
    env.invalidate_all()
    return company, env["hr.employee"].browse(employee_ids)


def naive_month(env, period, employees):
    """What a straightforward implementation does: one employee at a time, through
    the ORM, with the same arithmetic (lib.tpp)."""
    from odoo.addons.simantap_sanction.lib import tpp  # noqa: PLC0415

    rule_set = period.rule_set_id._simantap_lib()
    Status = env["simantap.daily.status"]
    Line = env["simantap.sanction.line"]
    for employee in employees:
        days = Status.search(
            [
                ("employee_id", "=", employee.id),
                ("date", ">=", period.date_from),
                ("date", "<=", period.date_to),
            ],
            order="date",
        )
        code_days, run, best = defaultdict(list), 0, 0
        for day in days:
            codes = (day.effective_codes or "").split()
            for code in codes:
                if code != "H":
                    code_days[code].append(day.date)
            run = run + 1 if "TK" in codes else 0
            best = max(best, run)
        spots = env["simantap.spot.check"].search(
            [
                ("employee_id", "=", employee.id),
                ("state", "=", "unanswered"),
                ("work_date", ">=", period.date_from),
                ("work_date", "<=", period.date_to),
            ]
        )
        assignment = env["simantap.tpp.assignment"].search(
            [
                ("employee_id", "=", employee.id),
                ("date_from", "<=", period.date_to),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", period.date_from),
            ],
            order="date_from",
            limit=1,
        )
        amount = (
            assignment.override_amount
            if assignment.use_override
            else assignment.position_class_id._simantap_amount_on(period.date_from)
        )
        result = tpp.compute(
            rule_set,
            tpp.Month(
                code_days=dict(code_days),
                spot_days=spots.mapped("work_date"),
                max_tk_run=best,
                tpp_base=tpp.dec(amount),
            ),
        )
        Line.search(
            [("period_id", "=", period.id), ("employee_id", "=", employee.id)]
        ).unlink()
        Line.create(
            {
                "period_id": period.id,
                "employee_id": employee.id,
                "department_id": employee.department_id.id,
                "company_id": period.company_id.id,
                "position_class_id": assignment.position_class_id.id,
                "tpp_base": float(result.tpp_base),
                "percent_base": float(result.percent_base),
                "total_percent": float(result.total_percent),
                "capped_percent": float(result.capped_percent),
                "deduction": float(result.deduction),
                "net": float(result.net),
                "working_days": len(days),
                "code_counts": tpp.counts_text(result.counts),
                "detail_ids": [
                    (
                        0,
                        0,
                        {
                            "date": detail.day,
                            "code": detail.code,
                            "rule_id": detail.rule_key,
                            "kind": detail.kind,
                            "count": detail.count,
                            "percent": float(detail.percent),
                        },
                    )
                    for detail in result.details
                ],
            }
        )
    env.flush_all()


def main():
    figures = {}
    create_database(DB, "simantap_sanction")
    from odoo.tools import SQL  # noqa: PLC0415 (checked by create_database first)

    try:
        with environment(DB) as env:
            small_company, small = populate(env, "Kabupaten 5000", SMALL)
            big_company, _big = populate(env, "Kabupaten 50000", EMPLOYEES)
            env.cr.commit()
            # as autovacuum would after a bulk load
            for table in (
                "simantap_daily_status",
                "simantap_spot_check",
                "simantap_tpp_assignment",
                "hr_employee",
            ):
                env.cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))
            Period = env["simantap.sanction.period"]
            small_period = Period.create(
                {"company_id": small_company.id, "date_from": MONTH}
            )
            big_period = Period.create(
                {"company_id": big_company.id, "date_from": MONTH}
            )
            env.cr.commit()
            with timer(figures, "month_5000_s"):
                small_period.action_compute()
                env.flush_all()
            env.cr.commit()
            with timer(figures, "month_50000_s"):
                big_period.action_compute()
                env.flush_all()
            env.cr.commit()
            lines = env["simantap.sanction.line"].search_count(
                [("period_id", "=", big_period.id)]
            )
            details = env["simantap.sanction.line.detail"].search_count(
                [("line_id.period_id", "=", big_period.id)]
            )
            sample = small[:NAIVE_SAMPLE]
            with timer(figures, "naive_sample_s"):
                naive_month(env, small_period, sample)
            env.cr.rollback()
            naive_per_employee = figures["naive_sample_s"] / len(sample)
            set_per_employee = figures["month_5000_s"] / len(small)
            figures["speedup_vs_naive"] = naive_per_employee / set_per_employee
    finally:
        drop_database(DB)
    print(
        f"employees={EMPLOYEES} naive_sample={NAIVE_SAMPLE} lines_50000={lines} "
        f"breakdown_rows_50000={details} naive_per_employee_ms="
        f"{naive_per_employee * 1000:.1f}"
    )
    print_figures(
        {
            "month_5000_s": round(figures["month_5000_s"], 2),
            "month_50000_s": round(figures["month_50000_s"], 2),
            "speedup_vs_naive": round(figures["speedup_vs_naive"], 1),
        }
    )


if __name__ == "__main__":
    main()

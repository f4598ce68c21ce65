"""Does the ping table need monthly partitions at province scale (about 20 million
pings a month)?  `python3 bench/ping_partition.py [rows]` (default 2 000 000).

On a synthetic table shaped like ``simantap_presence_ping`` (the same columns, the
unique UUID and the two employee indexes), ``rows`` pings spread over two months are
ingested in batches of 5 000 (``INSERT ... SELECT``, as the ping service stores them)
into a plain table and into one partitioned by month (``work_date``); then the older
month is purged: ``DELETE`` on the plain table (plus the ``VACUUM`` that makes its
space reusable) against ``DROP`` of the partition.  Prints rows per second, purge
seconds, bytes per row (table + indexes), then the extrapolation to 20 million rows a
month.  Runs in a database of its own (``PG*`` variables pick the server), dropped at
the end."""

import argparse
import os
import subprocess
import sys
import time

import benchlib

DB = "simantap_bench_partition"
BATCH = 5000
COLUMNS = """
    id bigserial,
    uuid varchar NOT NULL,
    device_id varchar,
    employee_id int4 NOT NULL,
    department_id int4,
    company_id int4,
    captured_at timestamp NOT NULL,
    clock_offset int4,
    received_at timestamp,
    work_date date NOT NULL,
    latitude numeric(10, 7),
    longitude numeric(10, 7),
    accuracy float8,
    mock_location bool,
    verdict varchar NOT NULL,
    location_id int4,
    distance float8,
    attendance_id int4,
    late_sync bool,
    create_uid int4, create_date timestamp, write_uid int4, write_date timestamp
"""
# one month of pings (2026-10) then the next (2026-11), 5 000 employees
INSERT = """
INSERT INTO {table} (uuid, device_id, employee_id, department_id, company_id,
    captured_at, clock_offset, received_at, work_date, latitude, longitude, accuracy,
    mock_location, verdict, location_id, distance, attendance_id, late_sync,
    create_uid, create_date, write_uid, write_date)
SELECT md5(g::text || 'ping'), 'device-' || (g % 5000), g % 5000 + 1, g % 40 + 1, 1,
    ts, 0, ts, ts::date, -1.47 + (g % 1000) / 1e5, 101.39 + (g % 997) / 1e5,
    5 + g % 30, false, CASE WHEN g % 5 = 0 THEN 'outside' ELSE 'inside' END, 1,
    g % 300, g, false, 1, ts, 1, ts
FROM (SELECT g, timestamp '2026-10-01' + (g::float8 / %(rows)s) * interval '61 days' AS ts
      FROM generate_series(%(start)s, %(stop)s) AS g) AS s
"""


def psql(sql, db=DB):
    return subprocess.run(
        ["psql", "-XAtq", "-v", "ON_ERROR_STOP=1", "-d", db, "-c", sql],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def create(partitioned):
    table = "ping_partitioned" if partitioned else "ping_plain"
    if partitioned:
        # a unique index of a partitioned table must hold the partition key
        psql(f"CREATE TABLE {table} ({COLUMNS}) PARTITION BY RANGE (work_date)")
        psql(
            f"CREATE TABLE {table}_2026_10 PARTITION OF {table} "
            "FOR VALUES FROM ('2026-10-01') TO ('2026-11-01')"
        )
        psql(
            f"CREATE TABLE {table}_2026_11 PARTITION OF {table} "
            "FOR VALUES FROM ('2026-11-01') TO ('2026-12-02')"
        )
        psql(f"CREATE UNIQUE INDEX ON {table} (uuid, work_date)")
    else:
        psql(f"CREATE TABLE {table} ({COLUMNS}, PRIMARY KEY (id))")
        psql(f"CREATE UNIQUE INDEX ON {table} (uuid)")
    psql(f"CREATE INDEX ON {table} (employee_id, captured_at DESC)")
    psql(f"CREATE INDEX ON {table} (employee_id, work_date)")
    psql(f"CREATE INDEX ON {table} (work_date)")
    return table


def ingest(table, rows):
    start = time.perf_counter()
    for first in range(1, rows + 1, BATCH * 20):
        # 20 batches per psql call: each INSERT is its own transaction
        script = ";\n".join(
            INSERT.format(table=table)
            .replace("%(rows)s", str(rows))
            .replace("%(start)s", str(lo))
            .replace("%(stop)s", str(min(lo + BATCH - 1, rows)))
            for lo in range(first, min(first + BATCH * 20, rows + 1), BATCH)
        )
        subprocess.run(
            ["psql", "-XAtq", "-v", "ON_ERROR_STOP=1", "-d", DB],
            input=script,
            check=True,
            capture_output=True,
            text=True,
        )
    return time.perf_counter() - start


def size(table):
    return int(
        psql(
            "SELECT COALESCE(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
            f"WHERE c.relname LIKE '{table}%' AND c.relkind IN ('r', 'p')"
        )
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("rows", nargs="?", type=int, default=2_000_000)
    rows = parser.parse_args().rows
    subprocess.run(["dropdb", "--if-exists", DB], check=True)
    subprocess.run(["createdb", DB], check=True)
    figures = {"rows": rows}
    try:
        for partitioned in (False, True):
            table = create(partitioned)
            key = "partitioned" if partitioned else "plain"
            seconds = ingest(table, rows)
            psql(f"ANALYZE {table}")
            figures[f"{key}_ingest_rows_per_s"] = round(rows / seconds)
            figures[f"{key}_bytes_per_row"] = round(size(table) / rows)
            old = int(
                psql(f"SELECT count(*) FROM {table} WHERE work_date < '2026-11-01'")
            )
            start = time.perf_counter()
            if partitioned:
                psql(f"DROP TABLE {table}_2026_10")
                figures[f"{key}_purge_s"] = round(time.perf_counter() - start, 2)
            else:
                psql(f"DELETE FROM {table} WHERE work_date < '2026-11-01'")
                figures[f"{key}_purge_s"] = round(time.perf_counter() - start, 2)
                start = time.perf_counter()
                psql(f"VACUUM {table}")
                figures[f"{key}_vacuum_s"] = round(time.perf_counter() - start, 2)
            figures[f"{key}_purged_rows"] = old
        # province scale: 20 million pings a month, a month purged at a time
        month = 20_000_000
        for key in ("plain", "partitioned"):
            figures[f"{key}_20m_ingest_min"] = round(
                month / figures[f"{key}_ingest_rows_per_s"] / 60, 1
            )
            figures[f"{key}_20m_gb"] = round(
                month * figures[f"{key}_bytes_per_row"] / 1e9, 1
            )
        scale = month / figures["plain_purged_rows"]
        figures["plain_20m_purge_s"] = round(
            (figures["plain_purge_s"] + figures["plain_vacuum_s"]) * scale
        )
    finally:
        subprocess.run(["dropdb", "--if-exists", DB], check=False)
    figures["load_average"] = round(os.getloadavg()[0], 1)
    benchlib.print_figures(figures)


if __name__ == "__main__":
    sys.exit(main())

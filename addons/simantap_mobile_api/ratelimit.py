"""A token bucket per device, kept in PostgreSQL.

Each device may burst ``burst`` writes, then ``per_minute`` writes a minute.  The
bucket lives in the database, not in the process, so that the limit holds across
Odoo's worker processes and servers and survives restarts; it is updated by one
atomic statement in a short transaction of its own (see ``consume``), so that a
slow request never holds the bucket's row lock and a refused request still counts.
"""

import math

from odoo.tools import SQL

TABLE = "simantap_device_rate_bucket"


def create_table(cr):
    cr.execute(
        SQL(
            "CREATE TABLE IF NOT EXISTS simantap_device_rate_bucket ("
            " device_id integer PRIMARY KEY,"
            " tokens double precision NOT NULL,"
            " updated_at timestamp NOT NULL)"
        )
    )


def consume(cr, device_id, per_minute, burst):
    """Take one token from the device's bucket.

    Returns ``(allowed, retry_after)``: ``retry_after`` is the number of whole
    seconds until a token is available again (0 when allowed).  ``cr`` should be a
    cursor of its own, committed at once by the caller (after ``begin``)."""
    rate = per_minute / 60.0  # tokens a second
    burst = max(burst, 1)
    refill = SQL(
        "LEAST(%(burst)s, b.tokens + %(rate)s"
        " * EXTRACT(EPOCH FROM (clock_timestamp() AT TIME ZONE 'UTC' - b.updated_at)))",
        burst=burst,
        rate=rate,
    )
    cr.execute(
        SQL(
            "INSERT INTO simantap_device_rate_bucket AS b (device_id, tokens, updated_at)"
            " VALUES (%(device)s, %(burst)s - 1, clock_timestamp() AT TIME ZONE 'UTC')"
            " ON CONFLICT (device_id) DO UPDATE SET"
            "  tokens = %(refill)s - 1,"
            "  updated_at = clock_timestamp() AT TIME ZONE 'UTC'"
            " WHERE %(refill)s >= 1"
            " RETURNING b.tokens",
            device=device_id,
            burst=burst,
            refill=refill,
        )
    )
    if cr.fetchone():
        return True, 0
    cr.execute(
        SQL(
            "SELECT %(refill)s FROM simantap_device_rate_bucket b"
            " WHERE b.device_id = %(device)s",
            refill=refill,
            device=device_id,
        )
    )
    row = cr.fetchone()
    tokens = row[0] if row else 0.0
    if rate <= 0:
        return False, 3600
    return False, max(1, math.ceil((1 - tokens) / rate))


def begin(cr):
    """Start the bucket's own transaction on a fresh cursor: READ COMMITTED, so
    that two requests of the same phone queue on the row lock and each sees the
    other's result, instead of failing to serialise."""
    cr.execute(SQL("SET TRANSACTION ISOLATION LEVEL READ COMMITTED"))


def forget(cr, device_ids):
    cr.execute(
        SQL(
            "DELETE FROM simantap_device_rate_bucket WHERE device_id = ANY(%s)",
            list(device_ids),
        )
    )

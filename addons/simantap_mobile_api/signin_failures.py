"""Failed phone sign-ins, counted in PostgreSQL per address and login and per
address, so that every Odoo worker process (and server) sees the same counts and a
restart forgets none.  Each change is one statement in a short transaction of its
own (see ``ResUsers._assert_can_auth``): the sign-in's own transaction is rolled
back when it fails, and the failure must still count."""

from odoo.tools import SQL

TABLE = "simantap_sign_in_failure"


def create_table(cr):
    cr.execute(
        SQL(
            "CREATE TABLE IF NOT EXISTS simantap_sign_in_failure ("
            " key varchar PRIMARY KEY,"
            " failures integer NOT NULL,"
            " last_failure timestamp NOT NULL)"
        )
    )


def counts(cr, keys):
    """{key: (failures, seconds since the last failure)} of the counted ``keys``."""
    cr.execute(
        SQL(
            "SELECT key, failures,"
            " EXTRACT(EPOCH FROM (clock_timestamp() AT TIME ZONE 'UTC' - last_failure))"
            " FROM simantap_sign_in_failure WHERE key = ANY(%s)",
            list(keys),
        )
    )
    return {key: (failures, float(age)) for key, failures, age in cr.fetchall()}


def record_failure(cr, keys):
    """Count one more failure for each of ``keys``."""
    cr.execute(
        SQL(
            "INSERT INTO simantap_sign_in_failure AS f (key, failures, last_failure)"
            " SELECT k, 1, clock_timestamp() AT TIME ZONE 'UTC' FROM unnest(%s) AS k"
            " ON CONFLICT (key) DO UPDATE SET failures = f.failures + 1,"
            "  last_failure = clock_timestamp() AT TIME ZONE 'UTC'",
            list(keys),
        )
    )


def forget(cr, keys):
    cr.execute(
        SQL("DELETE FROM simantap_sign_in_failure WHERE key = ANY(%s)", list(keys))
    )


def keys_of(address, login):
    """(the key of this login from this address, the key of the address)."""
    return (f"login {address} {login.strip().lower()}", f"address {address}")

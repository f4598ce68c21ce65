"""Failed phone sign-ins over HTTP: counted in PostgreSQL (every worker process and
server sees the same counts), per login and address, then per address with its own
refusal; a success clears its address."""

import os

import psycopg2
import pytest

pytest.register_assert_rewrite("phone")
from phone import Phone, detail  # noqa: E402

# the fixtures admin, always_open_calendar, make_employee
pytest_plugins = ("phone",)

PARAMETER = "base.login_cooldown_after"


@pytest.fixture
def cooldown_after_2(admin):
    before = admin.model("ir.config_parameter", "get_param", PARAMETER)
    admin.model("ir.config_parameter", "set_param", PARAMETER, "2")
    yield
    admin.model("ir.config_parameter", "set_param", PARAMETER, before or "0")


def count_failure_elsewhere(db, login):
    """What another Odoo process records after a failed sign-in from this address."""
    conn = psycopg2.connect(
        dbname=db,
        host=os.environ.get("PGHOST") or None,
        port=os.environ.get("PGPORT") or None,
        user=os.environ.get("PGUSER") or None,
        password=os.environ.get("PGPASSWORD") or None,
    )
    try:
        with conn, conn.cursor() as cr:
            cr.execute(
                "INSERT INTO simantap_sign_in_failure AS f"
                " (key, failures, last_failure)"
                " VALUES (%s, 1, now() AT TIME ZONE 'UTC')"
                " ON CONFLICT (key) DO UPDATE SET failures = f.failures + 1,"
                " last_failure = now() AT TIME ZONE 'UTC'",
                [f"login 127.0.0.1 {login}"],
            )
    finally:
        conn.close()


def codes(odoo_server, attempts):
    return [
        (response.status_code, detail(response)["code"])
        for response in (
            Phone(odoo_server).sign_in(login, password) for login, password in attempts
        )
    ]


def test_failures_counted_by_another_process_lock_the_login(
    odoo_server, make_employee, cooldown_after_2
):
    clumsy, colleague = make_employee(), make_employee()
    for _process in range(2):
        count_failure_elsewhere(odoo_server["db"], clumsy["login"])
    locked = Phone(odoo_server).sign_in(clumsy["login"], clumsy["password"])
    assert (locked.status_code, detail(locked)["code"]) == (429, "sign_in_cooldown")
    assert locked.headers["Retry-After"] == "60"
    other = Phone(odoo_server).sign_in(colleague["login"], colleague["password"])
    assert other.status_code == 200, other.text


def test_many_logins_from_one_address_put_the_address_on_cooldown(
    odoo_server, make_employee, admin, cooldown_after_2
):
    employee, phone = make_employee(), Phone(odoo_server)
    # a success first: the address starts from zero
    assert phone.sign_in(employee["login"], employee["password"]).ok
    # ten times one login's allowance, spread over logins that do not exist
    wrong = [(f"nobody-{n}-{employee['login']}", "wrong") for n in range(20)]
    assert codes(odoo_server, wrong) == [(401, "invalid_credentials")] * 20
    locked = phone.sign_in(employee["login"], employee["password"])
    assert (locked.status_code, detail(locked)["code"]) == (429, "address_cooldown")
    assert "address" in detail(locked)["message"]
    assert "login" not in detail(locked)["message"]
    # let the address in again (a success clears it) for the journeys that follow
    admin.model("ir.config_parameter", "set_param", PARAMETER, "0")
    assert phone.sign_in(employee["login"], employee["password"]).ok


def test_a_successful_sign_in_clears_its_address_count(
    odoo_server, make_employee, cooldown_after_2
):
    employee, phone = make_employee(), Phone(odoo_server)
    assert phone.sign_in(employee["login"], employee["password"]).ok
    wrong = [(f"nobody-{n}-{employee['login']}", "wrong") for n in range(19)]
    assert codes(odoo_server, wrong) == [(401, "invalid_credentials")] * 19
    assert phone.sign_in(employee["login"], employee["password"]).ok
    # the address starts again from zero: two more failures do not lock it
    again = [(f"again-{n}-{employee['login']}", "wrong") for n in range(2)]
    assert codes(odoo_server, again) == [(401, "invalid_credentials")] * 2
    assert phone.sign_in(employee["login"], employee["password"]).ok

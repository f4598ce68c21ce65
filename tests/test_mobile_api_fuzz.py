"""Schema-driven fuzzing of the mobile API: schemathesis generates requests from the
served OpenAPI document (valid and invalid ones) for every operation, with a signed-in
phone's token, and no answer may be a server error.  Bounded, so that it fits in
`make test`: SIMANTAP_FUZZ_EXAMPLES examples per operation (20 by default)."""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

pytest.register_assert_rewrite("phone")
from phone import API, Phone, xmlid  # noqa: E402

# the fixtures admin, always_open_calendar, make_employee, no_login_cooldown
pytest_plugins = ("phone",)
pytestmark = pytest.mark.usefixtures("no_login_cooldown")

EXAMPLES = int(os.environ.get("SIMANTAP_FUZZ_EXAMPLES", "20"))


@pytest.fixture(scope="module")
def api_schema(odoo_server):
    schema = schemathesis.openapi.from_url(f"{odoo_server['url']}{API}/openapi.json")
    # signing out would end the fuzzing phone's token (tested in test_mobile_api)
    return schema.exclude(path="/auth/sign-out")


@pytest.fixture(scope="module")
def fuzz_limits(admin):
    """No rate limit while fuzzing, so that every request reaches its handler."""
    endpoint = xmlid(admin, "simantap_mobile_api.fastapi_endpoint_simantap")
    before = admin.model(
        "fastapi.endpoint", "read", [endpoint], ["simantap_rate_per_minute"]
    )[0]["simantap_rate_per_minute"]
    admin.model(
        "fastapi.endpoint", "write", [endpoint], {"simantap_rate_per_minute": 0}
    )
    yield
    admin.model(
        "fastapi.endpoint", "write", [endpoint], {"simantap_rate_per_minute": before}
    )


@pytest.fixture(scope="module")
def fuzz_phone(odoo_server, admin, always_open_calendar, fuzz_limits):
    """A signed-in phone of a new employee, checked in at the office."""
    department = xmlid(admin, "simantap_demo.hr_department_bkpsdm_demo")
    location = xmlid(admin, "simantap_demo.hr_work_location_bkpsdm_demo")
    login = f"e2e_fuzz_{os.getpid()}"
    user_id = admin.model(
        "res.users",
        "create",
        {"name": "E2E fuzz", "login": login, "password": f"{login}-pw"},
    )
    admin.model(
        "hr.employee",
        "create",
        {
            "name": "E2E fuzz",
            "user_id": user_id,
            "department_id": department,
            "work_location_id": location,
            "resource_calendar_id": always_open_calendar,
            "tz": "Asia/Jakarta",
        },
    )
    phone = Phone(odoo_server)
    assert phone.sign_in(login, f"{login}-pw").status_code == 200
    assert phone.check_in().status_code == 200
    return phone


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_no_request_makes_a_server_error(case, fuzz_phone, odoo_server):
    response = case.call(
        base_url=f"{odoo_server['url']}{API}",
        headers={"Authorization": f"Bearer {fuzz_phone.token}"},
        timeout=120,
    )
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path} -> {response.status_code}: "
        f"{response.text[:500]}\n{case.as_curl_command()}"
    )
    if response.status_code >= 400 and response.status_code != 405:
        # every refusal is the one error model
        body = response.json()
        assert {"code", "message"} <= set(body["detail"]), body

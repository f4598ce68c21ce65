"""Each demo role logs in through the web and sees only what its record rules allow."""

import pytest
import requests
from conftest import JsonRpc


@pytest.fixture(scope="module")
def attendances(odoo_server):
    admin = JsonRpc(odoo_server)
    assert admin.login("admin", "admin")
    made = {}
    # days long before the demo's month of history (the month before the install)
    for day, login in enumerate(("pegawai", "guru"), start=3):
        employee = admin.model(
            "hr.employee", "search_read", [("user_id.login", "=", login)], fields=["id"]
        )[0]
        made[login] = admin.model(
            "hr.attendance",
            "create",
            {
                "employee_id": employee["id"],
                "check_in": f"2024-06-0{day} 00:25:00",
                "check_out": f"2024-06-0{day} 09:05:00",
            },
        )
    yield made
    admin.model("hr.attendance", "unlink", list(made.values()))


def _visible(rpc, login, attendances):
    session = rpc()
    assert session.login(login, login), f"demo login {login} failed"
    found = session.model(
        "hr.attendance", "search", [("id", "in", list(attendances.values()))]
    )
    return {name for name, att_id in attendances.items() if att_id in found}


def test_login_page_is_served(odoo_server):
    page = requests.get(f"{odoo_server['url']}/web/login", timeout=30)
    assert page.status_code == 200
    assert 'name="login"' in page.text


@pytest.mark.parametrize(
    ("login", "expected"),
    [
        ("pegawai", {"pegawai"}),
        ("guru", {"guru"}),
        ("kepala.bkpsdm", {"pegawai"}),
        ("kepsek", {"guru"}),
        ("kadisdik", {"guru"}),
        ("petugas", {"pegawai", "guru"}),
        ("bendahara", {"pegawai", "guru"}),
        ("admin.simantap", {"pegawai", "guru"}),
    ],
)
def test_each_role_sees_its_scope(rpc, attendances, login, expected):
    assert _visible(rpc, login, attendances) == expected


def test_wrong_password_is_refused(rpc):
    assert not rpc().login("pegawai", "not-the-password")


def test_payroll_officer_cannot_edit_attendance(rpc, attendances):
    session = rpc()
    assert session.login("bendahara", "bendahara")
    with pytest.raises(PermissionError):
        session.model(
            "hr.attendance",
            "write",
            [attendances["pegawai"]],
            {"check_in": "2026-11-03 00:00:00"},
        )

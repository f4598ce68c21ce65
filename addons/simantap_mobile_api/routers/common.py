"""What the routers share: the builders of the employee's and the phone's records,
the status codes' names, the spot check due, and the ``month`` parameter.  The
routers import these helpers, never one another."""

from datetime import date, datetime
from typing import Annotated

import pytz
from fastapi import Query

from ..schemas import DeviceInfo, EmployeeInfo, SpotCheckDue
from ..schemas.common import utc


def employee_info(employee):
    employee = employee.sudo()
    return EmployeeInfo(
        id=employee.id,
        name=employee.name,
        job_title=employee.job_title or None,
        unit=employee.department_id.name or None,
        company=employee.company_id.name,
        timezone=employee._simantap_tz(),
    )


def device_info(device):
    device = device.sudo()
    return DeviceInfo(
        id=device.id,
        device_id=device.device_uid,
        device_model=device.device_model or None,
        state=device.state,
        requested_at=utc(device.requested_at),
        approved_at=utc(device.approved_at),
    )


def spot_check_due(description):
    """A spot check the service says is due, for the phone; or None."""
    if not description:
        return None
    return SpotCheckDue(
        id=description["id"],
        due_at=utc(description["due_at"]),
        deadline=utc(description.get("deadline")),
        seconds_left=description.get("seconds_left"),
        late=bool(description.get("late")),
    )


def local_today(caller):
    tz = pytz.timezone(caller.employee._simantap_tz())
    return datetime.now(tz).date()


# the ``month`` query parameter of the month's pages: YYYY-MM
MonthParam = Annotated[
    str | None,
    Query(
        pattern=r"^20\d\d-(0[1-9]|1[0-2])$",
        description="YYYY-MM; default this month.",
    ),
]


def month_start(caller, month):
    """The first day of ``month`` (YYYY-MM, checked by :data:`MonthParam`), or of
    the caller's current month."""
    if month:
        return date(int(month[:4]), int(month[5:]), 1)
    return local_today(caller).replace(day=1)


def code_names(env, codes):
    found = (
        env["simantap.status.code"]
        .sudo()
        .with_context(active_test=False, lang=env.lang)
        .search([("code", "in", list(codes))])
    )
    return {code.code: code.name for code in found}

"""The signed-in employee, their phone, and what they need to know today."""

from typing import Annotated

from fastapi import APIRouter, Depends

from odoo import fields

from odoo.addons.simantap_attendance.lib import geofence

from ..dependencies import Caller, authenticated_caller
from ..schemas import (
    AllowedLocation,
    DayCode,
    Me,
    TodayStatus,
)
from ..schemas.common import utc
from .common import code_names, device_info, employee_info, spot_check_due
from .responses import AUTHENTICATED, error_responses

router = APIRouter(tags=["me"])


@router.get("/me", response_model=Me, responses=error_responses(*AUTHENTICATED))
async def me(caller: Annotated[Caller, Depends(authenticated_caller)]) -> Me:
    """The employee this phone is bound to."""
    return Me(
        employee=employee_info(caller.employee), device=device_info(caller.device)
    )


@router.get(
    "/me/today", response_model=TodayStatus, responses=error_responses(*AUTHENTICATED)
)
async def today(
    caller: Annotated[Caller, Depends(authenticated_caller)],
) -> TodayStatus:
    """Today at a glance: checked in or not, today's schedule, when the next ping is
    expected, and the spot check due now (answer it at once)."""
    now = fields.Datetime.now()
    status = caller.env["simantap.presence"]._today(caller.employee, now=now)
    return TodayStatus(
        server_time=utc(now),
        working_day=status["working_day"],
        timezone=caller.employee._simantap_tz(),
        checked_in=status["checked_in"],
        check_in=utc(status["check_in"]),
        on_duty=status["on_duty"],
        working_now=status["working_now"],
        schedule=[
            {"start": utc(start), "end": utc(stop)}
            for start, stop in status["working_intervals"]
        ],
        collecting=status["collecting"],
        ping_interval_minutes=status["ping_interval_minutes"] or None,
        last_contact_at=utc(status["last_contact_at"]),
        next_ping_at=utc(status["next_ping_at"]),
        spot_check=spot_check_due(status["spot_check"]),
        max_accuracy=caller.employee.sudo().company_id.simantap_max_accuracy
        or geofence.DEFAULT_MAX_ACCURACY,
        locations=allowed_locations(caller.employee, now),
        codes_so_far=codes_so_far(caller, now),
    )


def codes_so_far(caller, now):
    codes = (
        caller.env["simantap.daily.status"]
        .sudo()
        ._simantap_so_far(caller.employee, now=now)
        .split()
    )
    names = code_names(caller.env, codes)
    return [DayCode(code=code, name=names.get(code, code)) for code in codes]


def allowed_locations(employee, now):
    """The fences the check-in judges a fix against now (the phone shows the
    nearest and how far it is)."""
    locations = [
        AllowedLocation(
            name=location.name,
            latitude=location.latitude,
            longitude=location.longitude,
            radius=location.geofence_radius,
        )
        for location in employee._simantap_allowed_locations()
        if location.latitude or location.longitude
    ]
    duty = employee._simantap_covering_duty(now)
    fence = duty and duty._simantap_fence()
    if fence:
        locations.insert(
            0,
            AllowedLocation(
                name=duty.sudo().destination_name,
                latitude=fence.latitude,
                longitude=fence.longitude,
                radius=fence.radius,
            ),
        )
    return locations

"""Events from the phone: check-in and check-out, pings, spot-check answers, and
offline batches.

Each handler hands the payload to the attendance services (the check-in service
``simantap.intake._record_check`` and ``simantap.presence``) and maps their
result: accepted -> 200 with the event's result; refused -> the error model with
the HTTP status of the reason code (the attempt the service logged is kept).  The
phone's device id is the one of its binding, never what the body says."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import JSONResponse
from starlette import status

from ..dependencies import Caller, api_limits, write_quota
from ..errors import api_error, refusal_response
from ..schemas import (
    CheckIn,
    CheckOut,
    EventResult,
    PingIn,
    PingResult,
    SpotCheckAnswer,
    SyncBatch,
    SyncResult,
)
from ..schemas.common import utc
from .common import spot_check_due
from .responses import WRITE, error_responses

router = APIRouter(tags=["events"])


def event_result(result, model=EventResult):
    """The service's result of one event, in the API's names."""
    values = {
        key: value
        for key, value in result.items()
        if key in model.model_fields and value is not False
    }
    values["status"] = "accepted" if result.get("status") == "accepted" else "refused"
    values["code"] = result.get("reason") or None
    values["replayed"] = bool(result.get("replayed"))
    values["event_time"] = utc(result.get("event_time"))
    values["signals"] = [str(signal) for signal in result.get("signals") or ()]
    if values.get("uuid") is not None:
        values["uuid"] = str(values["uuid"])
    if "spot_check" in model.model_fields:
        values["spot_check"] = spot_check_due(result.get("spot_check"))
    return model(**values)


def answer(caller, result, model=EventResult):
    """200 with the result of an accepted event, else the refusal."""
    event = event_result(result, model)
    if event.status != "accepted":
        return refusal_response(caller.env, event)
    return event


def payload(caller, data, **extra):
    values = data.model_dump(exclude_none=True)
    values.update(uuid=str(data.uuid), device_id=caller.device.device_uid, **extra)
    return values


@router.post(
    "/attendance/check-in",
    response_model=EventResult,
    responses=error_responses(*WRITE),
)
async def check_in(
    data: CheckIn, caller: Annotated[Caller, Depends(write_quota)]
) -> EventResult | JSONResponse:
    """Check in with a selfie, inside an allowed geofence (or on approved duty).
    Refused with 422 `outside_geofence`, `mock_location`, `accuracy_too_poor`...,
    409 `already_checked_in`; every attempt is kept for the officers."""
    result = caller.env["simantap.intake"]._record_check(
        caller.employee, "check_in", payload(caller, data)
    )
    return answer(caller, result)


@router.post(
    "/attendance/check-out",
    response_model=EventResult,
    responses=error_responses(*WRITE),
)
async def check_out(
    data: CheckOut, caller: Annotated[Caller, Depends(write_quota)]
) -> EventResult | JSONResponse:
    """Check out with a selfie. Refused with 409 `not_checked_in` when there is no
    check-in to close."""
    result = caller.env["simantap.intake"]._record_check(
        caller.employee, "check_out", payload(caller, data)
    )
    return answer(caller, result)


@router.post(
    "/pings",
    response_model=PingResult,
    responses=error_responses(*WRITE),
)
async def ping(
    data: PingIn, caller: Annotated[Caller, Depends(write_quota)]
) -> PingResult | JSONResponse:
    """A location ping while checked in (every `ping_interval_minutes`, see
    `/me/today`). The answer says when a spot check is due."""
    result = caller.env["simantap.presence"]._record_ping(
        caller.employee, payload(caller, data)
    )
    return answer(caller, result, PingResult)


@router.post(
    "/spot-checks/{spot_check_id}/answer",
    response_model=EventResult,
    responses=error_responses(404, *WRITE),
)
async def answer_spot_check(
    spot_check_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    data: SpotCheckAnswer,
    caller: Annotated[Caller, Depends(write_quota)],
) -> EventResult | JSONResponse:
    """Answer the spot check `/me/today` or a ping announced, with a selfie and a
    fix, before its deadline."""
    result = caller.env["simantap.presence"]._answer_spot_check(
        caller.employee, payload(caller, data, spot_check_id=spot_check_id)
    )
    return answer(caller, result)


@router.post(
    "/sync",
    response_model=SyncResult,
    responses=error_responses(*WRITE),
)
async def sync(
    data: SyncBatch,
    caller: Annotated[Caller, Depends(write_quota)],
    request: Request,
) -> SyncResult:
    """Events captured offline, in any order, possibly sent before: each is
    answered on its own (a bad one never stops the others) and none is stored
    twice. Always 200 when the batch itself is acceptable: read each result."""
    limit = api_limits(request)["simantap_max_batch_events"]
    if limit and len(data.events) > limit:
        raise api_error(
            caller.env,
            status.HTTP_413_CONTENT_TOO_LARGE,
            "batch_too_large",
            params={"limit": limit},
            limit=limit,
        )
    events = []
    for event in data.events:
        values = event.model_dump(exclude_none=True)
        values["device_id"] = caller.device.device_uid
        events.append(values)
    outcome = caller.env["simantap.presence"]._sync_batch(caller.employee, events)
    return SyncResult(
        results=[event_result(result) for result in outcome["results"]],
        spot_check=spot_check_due(outcome.get("spot_check")),
    )

"""My week and my month, from the daily statuses the attendance addon evaluates each
night, with the month's TPP once computed, and my objections (keberatan) to days of
a month under review.  Thin over ``simantap.daily.status``,
``simantap.sanction.line`` and ``simantap.sanction.objection``."""

import base64
import calendar
from collections import Counter
from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from starlette import status

from ..dependencies import Caller, authenticated_caller, write_quota
from ..errors import api_error
from ..schemas import (
    CodeTotal,
    Day,
    DayCode,
    DayObjection,
    DaysSummary,
    Objection,
    ObjectionIn,
    ObjectionList,
    StatusCode,
    StatusCodeList,
    TppMonth,
)
from ..schemas.common import utc
from .common import MonthParam, code_names, local_today, month_start
from .files import decode_file, earlier_request, selection_label
from .responses import AUTHENTICATED, WRITE, error_responses

router = APIRouter(tags=["my days"])

OBJECTION_LIMIT = 100


def month_period(caller, day):
    """The TPP month of the employee's company holding ``day``, if one was made."""
    return caller.env["simantap.sanction.period"]._simantap_of_day(
        caller.employee.company_id, day
    )


def summarize(caller, start, end, with_tpp=False):
    """Every date from ``start`` to ``end`` with what is known of it."""
    env = caller.env
    employee = caller.employee
    statuses = env["simantap.daily.status"].search(
        [
            ("employee_id", "=", employee.id),
            ("date", ">=", start),
            ("date", "<=", end),
        ]
    )
    by_date = {status_.date: status_ for status_ in statuses}
    objections = env["simantap.sanction.objection"].search(
        [("employee_id", "=", employee.id), ("status_ids", "in", statuses.ids)]
    )
    objection_of = {}
    for objection in objections.sorted("id"):  # the newest wins
        for status_ in objection.status_ids:
            objection_of[status_.id] = objection
    periods = {}
    objectable = {}  # per month: the codes worth an objection while under review
    # what the days without a status are: working days not evaluated yet, or days
    # off (weekends, public holidays) the night never evaluates
    working = env["simantap.field.duty"]._simantap_working_days(employee, start, end)
    all_codes = {
        code for status_ in statuses for code in (status_.effective_codes or "").split()
    }
    names = code_names(env, all_codes)
    totals = Counter()
    days = []
    day = start
    while day <= end:
        status_ = by_date.get(day)
        if not status_:
            days.append(Day(date=day, evaluated=False, working_day=day in working))
            day += timedelta(days=1)
            continue
        codes = (status_.effective_codes or "").split()
        totals.update(codes)
        month = day.replace(day=1)
        if month not in periods:
            periods[month] = month_period(caller, day)
            objectable[month] = periods[month]._simantap_objectable_codes()
        objection = objection_of.get(status_.id)
        days.append(
            Day(
                date=day,
                evaluated=True,
                working_day=bool(status_.expected_minutes),
                codes=[
                    DayCode(code=code, name=names.get(code, code)) for code in codes
                ],
                check_in=utc(status_.check_in),
                check_out=utc(status_.check_out),
                minutes_late=status_.minutes_late,
                minutes_early=status_.minutes_early,
                minutes_outside=status_.minutes_outside,
                corrected=status_.corrected,
                correction_reason=status_.correction_reason or None,
                locked=status_.locked,
                objection=DayObjection(
                    id=objection.id,
                    state=objection.state,
                    state_label=selection_label(objection, "state"),
                )
                if objection
                else None,
                can_object=bool(objectable[month].intersection(codes))
                and not (objection and objection.is_open),
            )
        )
        day += timedelta(days=1)
    summary = DaysSummary(
        start=start,
        end=end,
        days=days,
        totals=[
            CodeTotal(code=code, name=names.get(code, code), count=count)
            for code, count in sorted(totals.items())
        ],
    )
    if with_tpp:
        month = start.replace(day=1)
        period = periods[month] if month in periods else month_period(caller, start)
        summary.tpp = tpp_month(caller, period)
    return summary


def tpp_month(caller, period):
    """The TPP of the month ``period`` for the caller, once computed."""
    if not period or period.state == "draft":
        return None
    line = caller.env["simantap.sanction.line"].search(
        [("period_id", "=", period.id), ("employee_id", "=", caller.employee.id)],
        limit=1,
    )
    if not line:
        return None
    return TppMonth(
        state=period.state,
        state_label=selection_label(period, "state"),
        open_for_objections=period.state == "review",
        currency=line.currency_id.name or "IDR",
        tpp_base=line.tpp_base,
        cut_percent=line.capped_percent,
        deduction=line.deduction,
        adjustment=line.adjustment_amount,
        net=line.net,
        forfeited=line.forfeited,
        breakdown=line.breakdown or "",
    )


@router.get(
    "/me/week",
    response_model=DaysSummary,
    responses=error_responses(*AUTHENTICATED),
)
async def my_week(
    caller: Annotated[Caller, Depends(authenticated_caller)],
    day: Annotated[
        str | None,
        Query(
            alias="date",
            pattern=r"^20\d\d-\d\d-\d\d$",
            description="YYYY-MM-DD, a day of the week wanted; default today.",
        ),
    ] = None,
) -> DaysSummary:
    """My days from Monday to Sunday of the week holding `date`, with their codes
    (a day is evaluated the night after)."""
    # a text parameter, parsed here: a date-typed query parameter would be built
    # by FastAPI at the first request, where a frozen clock in tests breaks it
    if day:
        try:
            day = date.fromisoformat(day)
        except ValueError as error:
            raise api_error(
                caller.env, status.HTTP_422_UNPROCESSABLE_CONTENT, "invalid_request"
            ) from error
    else:
        day = local_today(caller)
    start = day - timedelta(days=day.weekday())
    return summarize(caller, start, start + timedelta(days=6))


@router.get(
    "/me/month",
    response_model=DaysSummary,
    responses=error_responses(*AUTHENTICATED),
)
async def my_month(
    caller: Annotated[Caller, Depends(authenticated_caller)],
    month: MonthParam = None,
) -> DaysSummary:
    """My days of the month with their codes and totals, and the month's TPP cut
    once a payroll officer has computed it."""
    start = month_start(caller, month)
    end = start.replace(day=calendar.monthrange(start.year, start.month)[1])
    return summarize(caller, start, end, with_tpp=True)


@router.get(
    "/codes",
    response_model=StatusCodeList,
    responses=error_responses(*AUTHENTICATED),
)
async def status_codes(
    caller: Annotated[Caller, Depends(authenticated_caller)],
) -> StatusCodeList:
    """The regency's daily attendance codes, in the phone's language: what the
    codes of my days mean, and what an objection may ask for."""
    codes = caller.env["simantap.status.code"].search([])
    return StatusCodeList(
        items=[
            StatusCode(
                code=code.code,
                name=code.name,
                category=code.category,
                counts_as_present=code.counts_as_present,
            )
            for code in codes
        ]
    )


def objection_info(objection):
    return Objection(
        id=objection.id,
        name=objection.display_name,
        state=objection.state,
        state_label=selection_label(objection, "state"),
        month=objection.sudo().period_id.date_from,
        dates=sorted(objection.status_ids.mapped("date")),
        requested_codes=objection.requested_code_ids.mapped("code"),
        reason=objection.reason,
        has_attachment=bool(objection.attachment_name or objection.attachment),
        head_note=objection.head_note or None,
        officer_note=objection.officer_note or None,
        applied_codes=objection.applied_codes or None,
        created_at=utc(objection.create_date),
    )


@router.get(
    "/me/objections",
    response_model=ObjectionList,
    responses=error_responses(*AUTHENTICATED),
)
async def my_objections(
    caller: Annotated[Caller, Depends(authenticated_caller)],
) -> ObjectionList:
    """My objections, newest first, with the decisions taken."""
    objections = caller.env["simantap.sanction.objection"].search(
        [("employee_id", "=", caller.employee.id)], limit=OBJECTION_LIMIT
    )
    return ObjectionList(items=[objection_info(o) for o in objections])


@router.post(
    "/me/objections",
    response_model=Objection,
    status_code=status.HTTP_201_CREATED,
    responses={200: {"description": "Sent before: the objection it created."}}
    | error_responses(403, *WRITE),
)
async def object_to_days(
    data: ObjectionIn,
    caller: Annotated[Caller, Depends(write_quota)],
    response: Response,
) -> Objection:
    """Object to days of my month under review: the codes they should have, why,
    and a supporting document. My unit head, then an attendance officer decide.
    409 objection_period when the month is not open for objections; 422
    objection_days for days not evaluated or of two months, unknown_codes."""
    env = caller.env
    Objection_ = env["simantap.sanction.objection"]
    known = earlier_request(caller, Objection_._name, data.uuid, response)
    if known:
        return objection_info(known)
    values = {"api_uuid": str(data.uuid)}
    if data.attachment:
        max_bytes = env["simantap.field.duty"]._simantap_max_bytes()
        name, content = decode_file(
            env, data.attachment, max_bytes, "document_too_large", "document_type"
        )
        values.update(attachment=base64.b64encode(content), attachment_name=name)
    objection = Objection_._simantap_file(
        caller.employee, data.dates, data.requested_codes, data.reason, **values
    )
    return objection_info(objection)

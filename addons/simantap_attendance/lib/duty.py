"""Field duty (dinas luar) arithmetic: the assignment letter's file type, the duty's
time range in UTC, the local days it covers, and the choice of its approver.

A duty is either whole days (``date_from`` 00:00 to the day after ``date_to`` 00:00,
local time) or part of one day (``date_from`` from ``hour_from`` to ``hour_to``, local
time).  Local time is the employee's timezone (Asia/Jakarta by default); the database
keeps naive UTC datetimes, as Odoo does.

Documents (the letter, the photos) are checked by :mod:`.document`; its names are
re-exported here for the callers that know them from this module.

Only the standard library and :mod:`.document` are imported; nothing here knows
Odoo.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .clock import DEFAULT_TZ

# re-exported for the callers that know them from this module
from .document import (  # noqa: F401  pylint: disable=unused-import
    DEFAULT_MAX_BYTES,
    LETTER_KINDS,
    PHOTO_KINDS,
    DocumentError,
    check_document,
    sniff,
)


def _zone(tz_name):
    return ZoneInfo(tz_name or DEFAULT_TZ)


def to_utc(local, tz_name):
    """A naive local datetime of ``tz_name`` as a naive UTC datetime."""
    aware = local.replace(tzinfo=_zone(tz_name))
    return aware.astimezone(UTC).replace(tzinfo=None)


def to_local(utc, tz_name):
    """A naive UTC datetime as a naive local datetime of ``tz_name``."""
    aware = utc.replace(tzinfo=UTC)
    return aware.astimezone(_zone(tz_name)).replace(tzinfo=None)


def hour_to_time(hour):
    """A float hour of the day (8.5 = 08:30) as a :class:`datetime.time`; 24 is not a
    time of day, callers use the next midnight instead."""
    minutes = round(hour * 60)
    return time(minutes // 60, minutes % 60)


def _at_hour(day, hour):
    if hour >= 24:
        return datetime.combine(day + timedelta(days=1), time())
    return datetime.combine(day, hour_to_time(hour))


@dataclass(frozen=True)
class Span:
    """A duty's range, naive UTC, end excluded."""

    start: datetime
    end: datetime


def utc_span(date_from, date_to, tz_name, whole_days=True, hour_from=0.0, hour_to=24.0):
    """The UTC range of a duty, or ``None`` when the input does not make a range
    (missing date, end before start, hours outside 0-24).  Part of a day uses
    ``date_from`` only."""
    if not date_from:
        return None
    if whole_days:
        date_to = date_to or date_from
        if date_to < date_from:
            return None
        start = datetime.combine(date_from, time())
        end = datetime.combine(date_to + timedelta(days=1), time())
    else:
        if not 0 <= hour_from < hour_to <= 24:
            return None
        start = _at_hour(date_from, hour_from)
        end = _at_hour(date_from, hour_to)
    return Span(to_utc(start, tz_name), to_utc(end, tz_name))


def local_days(start_utc, end_utc, tz_name):
    """The local dates a UTC range touches (its end excluded), in order."""
    if not start_utc or not end_utc or end_utc <= start_utc:
        return []
    first = to_local(start_utc, tz_name).date()
    last = to_local(end_utc - timedelta(microseconds=1), tz_name).date()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


@dataclass(frozen=True)
class Head:
    """One unit on the way up the tree, with what is known of its manager."""

    unit_id: int
    employee_id: int | None  # the manager, None when the unit has none
    user_id: int | None  # the manager's user, None when there is none
    usable: bool = True  # False when the manager or their user is archived


def pick_approver(chain: Iterable[Head], on_duty: Iterable[int]):
    """The first head up the tree who can decide: a manager with an active user who
    is not one of the employees on duty.  Returns that :class:`Head`, or ``None``."""
    excluded = set(on_duty)
    for head in chain:
        if (
            head.employee_id
            and head.user_id
            and head.usable
            and head.employee_id not in excluded
        ):
            return head
    return None


def days_late(submitted_on: date, first_day: date, working_days: Iterable[date]):
    """How many of ``working_days`` fall after the duty's first day and up to the
    submission day: 0 for a duty submitted on or before its first day."""
    if submitted_on <= first_day:
        return 0
    return sum(1 for day in set(working_days) if first_day < day <= submitted_on)

"""The phone's clock: its times read as naive UTC, and its offset from the server's
clock measured from when it says it sent an event.  The server's clock is the truth;
the phone's is evidence, corrected by the offset."""

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from .refusals import Refusal

# no phone is decades off: beyond this, the phone's times are nonsense
MAX_OFFSET_SECONDS = 2**31


class ClockError(ValueError):
    """A phone time that dates nothing (an absurd offset, an overflow)."""


def utc_naive(value):
    """A datetime, or an ISO 8601 text, as a naive UTC datetime to the second; a
    value without an offset is UTC.  Raises ValueError (or TypeError) when it is
    neither."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value.strip())
    if not isinstance(value, datetime):
        raise ValueError(value)
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.replace(microsecond=0)


def measured_offset(sent_at, received):
    """``(sent, offset)``: the phone's clock when it sent the event, and the server's
    clock at ``received`` minus it (a timedelta; network delay included).  Both None
    when the phone did not say or said something unreadable (evidence only).
    Raises :class:`ClockError` for an offset no phone has."""
    if sent_at in (None, ""):
        return None, None
    try:
        sent = utc_naive(sent_at)
        offset = received - sent
    except (TypeError, ValueError, OverflowError):
        return None, None
    if abs(offset.total_seconds()) >= MAX_OFFSET_SECONDS:
        raise ClockError(sent_at)
    return sent, offset


def on_server_clock(captured, offset):
    """The phone's capture time ``captured`` read on the server's clock."""
    if offset is None:
        return captured
    try:
        return captured + offset
    except OverflowError as error:
        raise ClockError(captured) from error


class DatingRefusal(Refusal):
    """An event the server cannot date: ``code`` is stable, ``params`` fill the
    message (``captured_at_invalid``, ``captured_in_future``, ``captured_too_old``)."""


@dataclass(frozen=True)
class Dating:
    """How an event is dated (see :func:`date_event`)."""

    event_time: datetime  # on the server's clock, never after the receipt
    sent: datetime | None  # the phone's clock when it sent the event, if it said
    offset: timedelta | None  # measured: server time minus phone time at sending
    delay: timedelta  # receipt minus the event time (>= 0)
    late: bool  # waited longer than the late-sync threshold (sent offline)
    skew_seconds: int  # the phone's clock off ours beyond the tolerance, else 0
    unmeasured_seconds: int  # no offset measured and the capture time decides
    # the date by more than the tolerance, else 0


def date_event(
    captured, sent_at, received, *, future_skew, sync_delay, late_after, tolerance
):
    """The one rule that dates a phone's event (check-in, ping, spot-check answer,
    online or from an offline batch).

    The event is dated at its capture time read on the server's clock: ``captured``
    corrected by the offset measured from ``sent_at`` (received minus sent; no
    correction when the phone did not say), and never after its receipt.  It is
    refused when that time is more than ``future_skew`` ahead of the receipt
    (``captured_in_future``) or more than ``sync_delay`` before it
    (``captured_too_old``).  It is flagged, not moved, when the date rests on a
    clock that cannot be trusted: ``late`` beyond ``late_after`` (the delay is the
    phone's word), ``skew_seconds`` when the measured offset (or, unmeasured, the
    capture ahead of the receipt) exceeds ``tolerance``, ``unmeasured_seconds`` when
    no offset was measured and the capture time is more than ``tolerance`` before
    the receipt.  Each bound is inclusive: exactly at it is still within."""
    try:
        sent, offset = measured_offset(sent_at, received)
        corrected = on_server_clock(captured, offset)
    except ClockError as error:
        raise DatingRefusal("captured_at_invalid") from error
    ahead = corrected - received
    if ahead > future_skew:
        raise DatingRefusal(
            "captured_in_future", minutes=math.ceil(ahead.total_seconds() / 60)
        )
    delay = received - corrected
    if delay > sync_delay:
        raise DatingRefusal(
            "captured_too_old", hours=round(sync_delay.total_seconds() / 3600)
        )
    delay = max(delay, timedelta(0))
    skew = abs(offset) if offset is not None else max(ahead, timedelta(0))
    unmeasured = delay if offset is None else timedelta(0)
    return Dating(
        event_time=min(corrected, received),
        sent=sent,
        offset=offset,
        delay=delay,
        late=delay > late_after,
        skew_seconds=round(skew.total_seconds()) if skew > tolerance else 0,
        unmeasured_seconds=(
            round(unmeasured.total_seconds()) if unmeasured > tolerance else 0
        ),
    )

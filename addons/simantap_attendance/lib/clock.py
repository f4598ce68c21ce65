"""The phone's clock: its times read as naive UTC, and its offset from the server's
clock measured from when it says it sent an event.  The server's clock is the truth;
the phone's is evidence, corrected by the offset."""

from datetime import UTC, datetime

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

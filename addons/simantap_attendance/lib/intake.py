"""What a phone sends, read into one event value: the pure part of the intake.

Every phone event (check-in, check-out, ping, spot-check answer, each also inside
an offline batch) carries the same fields; each step below reads one of them and
raises :class:`.refusals.Refusal` (code and message params, see
:mod:`.refusals`) when it is missing or hostile:

1. :func:`read_uuid`: ``uuid_missing``, ``uuid_invalid`` (the canonical text);
2. :func:`read_device`: ``device_missing`` (when the door requires it);
3. :func:`read_capture_time` then :func:`date`: the phone's clock and UTC offset
   (``captured_at_missing``, ``captured_at_invalid``) dated on the server's clock
   (``captured_in_future``, ``captured_too_old``; see :func:`.clock.date_event`);
4. :func:`read_position`: latitude, longitude, accuracy (``coordinates_missing``,
   ``coordinates_invalid`` for NaN, infinity or text, ``latitude_out_of_range``,
   ``longitude_out_of_range``, ``accuracy_invalid``, ``accuracy_too_poor``);
5. :func:`read_photo`: the selfie (``photo_missing``, ``photo_too_large``,
   ``photo_not_image``, ``photo_format``, ``photo_too_many_pixels``,
   ``photo_truncated``; see :mod:`.photo`).

:func:`read_event` runs steps 1-3 into an :class:`Event`; :func:`with_position`
and :func:`with_photo` add steps 4 and 5 when the door gets to them (a ping is
refused outside working hours before its position is read).  The model
``simantap.intake`` runs these steps for every door and adds what needs the
database (the employee, the replay of a UUID, the judging, the face check).

No ORM import; tested directly (tests/test_intake_lib.py)."""

import dataclasses
import math
import uuid as uuid_lib
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from . import clock, geofence
from . import photo as photo_lib
from .refusals import Refusal

KINDS = ("check_in", "check_out", "ping", "spot_check_answer")
DEVICE_MAX = 128


@dataclass(frozen=True)
class Position:
    latitude: float
    longitude: float
    accuracy: float  # metres


@dataclass(frozen=True)
class Event:
    """A phone event whose fields were read (see the module's steps)."""

    kind: str
    uuid: str
    device_id: str | None
    captured_at: datetime  # the phone's capture time, naive UTC, as it said
    dating: clock.Dating  # the capture time on the server's clock, and its flags
    received_at: datetime
    mock_location: bool  # the phone's word; the door decides when it refuses
    position: Position | None = None
    photo: photo_lib.Photo | None = None
    payload: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def event_time(self):
        return self.dating.event_time

    @property
    def clock_offset(self):
        """Server time minus phone time when it sent, in seconds, or None."""
        offset = self.dating.offset
        return None if offset is None else int(offset.total_seconds())


def truthy(value):
    """A phone's boolean: ``"false"`` or ``"0"`` is false."""
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


def read_uuid(value):
    """The canonical text of the event's UUID."""
    if value is None or value == "":
        raise Refusal("uuid_missing")
    if not isinstance(value, str | uuid_lib.UUID):
        raise Refusal("uuid_invalid")
    try:
        return str(uuid_lib.UUID(str(value).strip()))
    except ValueError as error:
        raise Refusal("uuid_invalid") from error


def read_device(value, required=False):
    """The phone's device id (at most 128 characters), or None."""
    device = str(value).strip()[:DEVICE_MAX] if value not in (None, "") else ""
    if not device and required:
        raise Refusal("device_missing")
    return device or None


def read_capture_time(value):
    """The phone's capture time as naive UTC: a datetime or ISO 8601 text, with
    its UTC offset (none: UTC)."""
    if value is None or value == "":
        raise Refusal("captured_at_missing")
    try:
        return clock.utc_naive(value)
    except (TypeError, ValueError, OverflowError) as error:
        # OverflowError: year 1 or 9999 with an offset leaves the calendar
        raise Refusal("captured_at_invalid") from error


def clock_bounds(future_skew, sync_delay, late_after, tolerance):
    """The bounds of :func:`.clock.date_event`, from minutes, hours and seconds."""
    return {
        "future_skew": timedelta(minutes=future_skew),
        "sync_delay": timedelta(hours=sync_delay),
        "late_after": timedelta(minutes=late_after),
        "tolerance": timedelta(seconds=tolerance),
    }


def date(captured, sent_at, received, bounds):
    """The :class:`.clock.Dating` of a capture time (raises the clock's refusals)."""
    return clock.date_event(captured, sent_at, received, **bounds)


def read_event(payload, *, kind, received, bounds, device_required=False):
    """Steps 1-3 of a phone event: an :class:`Event` without position nor photo."""
    payload = payload if isinstance(payload, dict) else {}
    event_uuid = read_uuid(payload.get("uuid"))
    device = read_device(payload.get("device_id"), device_required)
    captured = read_capture_time(payload.get("captured_at"))
    return Event(
        kind=kind,
        uuid=event_uuid,
        device_id=device,
        captured_at=captured,
        dating=date(captured, payload.get("sent_at"), received, bounds),
        received_at=received,
        mock_location=truthy(payload.get("mock_location")),
        payload=payload,
    )


def read_position(latitude, longitude, accuracy, max_accuracy=math.inf):
    """Step 4: a :class:`Position` (accuracy worse than ``max_accuracy`` refused)."""
    return Position(*geofence.check_fix(latitude, longitude, accuracy, max_accuracy))


def with_position(event, max_accuracy=math.inf):
    """``event`` with the position of its payload read."""
    payload = event.payload
    position = read_position(
        payload.get("latitude"),
        payload.get("longitude"),
        payload.get("accuracy"),
        max_accuracy,
    )
    return dataclasses.replace(event, position=position)


def read_photo(
    data,
    max_bytes=photo_lib.DEFAULT_MAX_BYTES,
    max_megapixels=photo_lib.DEFAULT_MAX_MEGAPIXELS,
    reencode=True,
):
    """Step 5: the selfie (bytes, or base64 text) checked and hashed, re-encoded
    unless ``reencode`` is False (a JPEG is then kept as sent, see
    :func:`.photo.process`)."""
    if data is None or data in ("", b""):
        raise Refusal("photo_missing")
    if isinstance(data, str):
        data = photo_lib.decode_base64(data, max_bytes)
    elif isinstance(data, bytearray | memoryview):
        data = bytes(data)
    elif not isinstance(data, bytes):
        raise Refusal("photo_not_image")
    return photo_lib.process(
        data, max_bytes=max_bytes, max_megapixels=max_megapixels, reencode=reencode
    )


def with_photo(event, **limits):
    """``event`` with the selfie of its payload read (see :func:`read_photo`)."""
    return dataclasses.replace(
        event, photo=read_photo(event.payload.get("photo"), **limits)
    )

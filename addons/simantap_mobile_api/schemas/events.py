from datetime import date
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from .common import EventTime, Text, UtcDatetime
from .documents import AllowedLocation, DayCode

CAPTURED_AT = (
    "When the phone captured the event (ISO 8601 with offset; without one it is "
    "UTC). The server's clock decides the working day; this is evidence."
)
PHOTO = (
    "The selfie, base64: JPEG, PNG or WebP, at most 5 MB before encoding (the "
    "company's limit); larger ones are refused (413 photo_too_large) before they are "
    "decoded."
)


class Fix(BaseModel):
    """What every event from the phone carries."""

    model_config = ConfigDict(allow_inf_nan=False)

    uuid: UUID = Field(
        description="Made by the phone once per event; sending the same event again "
        "returns its first outcome and stores nothing new."
    )
    captured_at: EventTime = Field(description=CAPTURED_AT)
    sent_at: EventTime | None = Field(
        default=None,
        description="The phone's clock when it sent the request: lets the server "
        "correct the capture time of an event sent late by the phone's clock offset.",
    )
    latitude: float = Field(ge=-90, le=90, description="Degrees.")
    longitude: float = Field(ge=-180, le=180, description="Degrees.")
    accuracy: float = Field(
        ge=0, le=100_000, description="Radius of the fix's accuracy, in metres."
    )
    mock_location: bool = Field(
        default=False, description="The OS says the location is mocked."
    )


class PingIn(Fix):
    """A location ping while checked in."""


class PhotoEventIn(Fix):
    photo: Text = Field(description=PHOTO)


class CheckPhotoIn(PhotoEventIn):
    second_photo: Text | None = Field(
        default=None,
        description="Optional: a second frame taken about a second after the "
        "selfie (the head turned a little), for the two-frame liveness check. Same "
        "format, limit and refusals as photo; never stored.",
    )


class CheckIn(CheckPhotoIn):
    """A check-in with its selfie."""


class CheckOut(CheckPhotoIn):
    """A check-out with its selfie."""


class SpotCheckAnswer(PhotoEventIn):
    """The answer to a spot check, with a fresh selfie."""


class BatchEvent(BaseModel):
    """An event captured offline. Only the types and plausible ranges are checked
    here (a batch that does not fit is refused whole, 422): each event is then
    judged on its own, so an event the rules refuse does not stop the others."""

    model_config = ConfigDict(allow_inf_nan=False)

    kind: Text = Field(
        description="check_in, check_out, ping or spot_check_answer.", max_length=32
    )
    uuid: Text | None = Field(default=None, max_length=64)
    captured_at: EventTime | None = Field(default=None, description=CAPTURED_AT)
    sent_at: EventTime | None = None
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    accuracy: float | None = Field(default=None, ge=0, le=100_000)
    mock_location: bool = False
    photo: Text | None = Field(
        default=None, description=PHOTO + " For check_in, check_out and answers."
    )
    second_photo: Text | None = Field(
        default=None,
        description="For check_in and check_out, optional: the second frame of the "
        "liveness check (see the check-in's second_photo).",
    )
    spot_check_id: int | None = Field(
        default=None,
        ge=1,
        le=2**31 - 1,
        description="For spot_check_answer: the spot check answered.",
    )


class SyncBatch(BaseModel):
    events: list[BatchEvent] = Field(
        description="In any order, possibly sent before; at most the endpoint's "
        "maximum (100 by default, else 413 batch_too_large)."
    )


class SpotCheckDue(BaseModel):
    """A spot check the employee must answer now, with a selfie and a fix."""

    id: int
    due_at: UtcDatetime
    deadline: UtcDatetime | None = Field(
        default=None, description="Answer before this to be on time."
    )
    seconds_left: int | None = None
    late: bool = False


class SignalMessage(BaseModel):
    code: str
    message: str


class EventResult(BaseModel):
    """The outcome of one event."""

    uuid: str | None = None
    kind: str | None = Field(
        default=None, description="check_in, check_out, ping or spot_check_answer."
    )
    status: Literal["accepted", "refused"]
    code: str | None = Field(default=None, description="Refused: the reason code.")
    message: str | None = Field(
        default=None, description="Refused: why; accepted: what was recorded."
    )
    replayed: bool = Field(
        default=False,
        description="The UUID had been sent before: this is its first outcome and "
        "nothing new was stored.",
    )
    signals: list[str] = Field(
        default_factory=list,
        description="Fraud signals raised (they do not refuse), e.g. late_sync, "
        "photo_reused.",
    )
    signal_messages: list[SignalMessage] = Field(default_factory=list)
    verdict: str | None = Field(
        default=None, description="inside, on_duty or outside the geofence."
    )
    distance: float | None = Field(
        default=None, description="Metres to the nearest allowed fence (0 inside)."
    )
    location_id: int | None = None
    location_name: str | None = None
    event_time: UtcDatetime | None = Field(
        default=None, description="The time the server recorded for the event."
    )
    working_day: date | None = None
    attendance_id: int | None = None
    attempt_id: int | None = None
    ping_id: int | None = None
    spot_check_id: int | None = None
    state: str | None = Field(
        default=None,
        description="Spot check answers: answered_inside, answered_outside or late.",
    )


class PingResult(EventResult):
    spot_check: SpotCheckDue | None = Field(
        default=None, description="A spot check due now, to answer at once."
    )


class SyncResult(BaseModel):
    results: list[EventResult] = Field(description="One per event, in the order sent.")
    spot_check: SpotCheckDue | None = None


class WorkInterval(BaseModel):
    start: UtcDatetime
    end: UtcDatetime


class TodayStatus(BaseModel):
    server_time: UtcDatetime
    working_day: date = Field(description="Today in the employee's time zone.")
    timezone: str
    checked_in: bool
    check_in: UtcDatetime | None = None
    on_duty: bool = Field(description="An approved field duty covers now.")
    working_now: bool
    schedule: list[WorkInterval] = Field(description="Today's working intervals.")
    collecting: bool = Field(description="Pings are accepted now.")
    ping_interval_minutes: int | None = None
    last_contact_at: UtcDatetime | None = None
    next_ping_at: UtcDatetime | None = Field(
        default=None, description="When the next ping is expected (past: now)."
    )
    spot_check: SpotCheckDue | None = None
    codes_so_far: list[DayCode] = Field(
        default_factory=list,
        description="Today's codes so far (e.g. H TL1), judged now and stored "
        "nowhere; the night's evaluation decides the day (see /me/week).",
    )
    max_accuracy: float = Field(
        description="The coarsest fix accepted, in metres (422 accuracy_too_poor "
        "beyond it): the phone waits for a better one before sending."
    )
    locations: list[AllowedLocation] = Field(
        default_factory=list,
        description="Where I may check in: my allowed geofences, and my approved "
        "field duty's destination while it covers now.",
    )

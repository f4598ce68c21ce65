"""Field duty (dinas luar), my days and objections (keberatan): what the phone sends
and reads besides attendance events."""

from datetime import date
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from .common import Text, UtcDatetime

FILE_CONTENT = (
    "The file, base64. Its size is checked against the company's limit (10 MB by "
    "default) before it is decoded (413 letter_too_large / photo_too_large), its "
    "type from its content (422 letter_type / photo_type). The whole request stays "
    "under the endpoint's body limit (8 MB by default)."
)


class FileIn(BaseModel):
    filename: Text = Field(min_length=1, max_length=255)
    content: str = Field(min_length=1, description=FILE_CONTENT)


class FieldDutyIn(BaseModel):
    """A field duty (dinas luar) on an assignment letter (surat tugas)."""

    model_config = ConfigDict(allow_inf_nan=False)

    uuid: UUID = Field(
        description="Made by the phone once per request: sending it again returns "
        "the duty it created and creates nothing new."
    )
    destination_name: Text = Field(min_length=1, max_length=256)
    purpose: Text = Field(min_length=1, max_length=4000)
    date_from: date
    date_to: date
    duty_kind: Literal["full_day", "part_day"] = "full_day"
    hour_from: float | None = Field(
        default=None, ge=0, le=24, description="Part-day duty: local start hour."
    )
    hour_to: float | None = Field(
        default=None, ge=0, le=24, description="Part-day duty: local end hour."
    )
    letter_number: Text = Field(min_length=1, max_length=128)
    letter_date: date
    letter: FileIn | None = Field(
        default=None, description="The signed assignment letter: PDF, JPEG or PNG."
    )
    destination_latitude: float | None = Field(default=None, ge=-90, le=90)
    destination_longitude: float | None = Field(default=None, ge=-180, le=180)
    destination_radius: int | None = Field(
        default=None, ge=10, le=50_000, description="Metres."
    )
    photos: list[FileIn] = Field(
        default_factory=list, max_length=10, description="Destination photos."
    )
    submit: bool = Field(
        default=True,
        description="Send it to the approver at once (needs the letter); false "
        "keeps a draft.",
    )


class PhotosIn(BaseModel):
    photos: list[FileIn] = Field(min_length=1, max_length=10)


class FieldDuty(BaseModel):
    id: int
    name: str
    state: Literal["draft", "submitted", "approved", "rejected", "done", "cancelled"]
    state_label: str
    duty_kind: Literal["full_day", "part_day"]
    date_from: date
    date_to: date
    hour_from: float | None = None
    hour_to: float | None = None
    destination_name: str
    purpose: str
    letter_number: str | None = None
    letter_date: date | None = None
    letter_filename: str | None = None
    has_letter: bool
    photo_count: int
    approver: str | None = Field(default=None, description="Who decides it.")
    submitted_at: UtcDatetime | None = None
    decided_at: UtcDatetime | None = None
    reject_reason: str | None = None
    can_submit: bool
    can_cancel: bool
    can_add_photos: bool


class FieldDutyList(BaseModel):
    items: list[FieldDuty] = Field(description="Newest first.")


class DayCode(BaseModel):
    code: str
    name: str


class StatusCode(BaseModel):
    """A daily attendance code of the regency (H, TL1, DL, CT...)."""

    code: str
    name: str
    category: str = Field(
        description="present, late, early, missing, absent, duty, leave or outside."
    )
    counts_as_present: bool


class StatusCodeList(BaseModel):
    items: list[StatusCode]


class DayObjection(BaseModel):
    id: int
    state: str
    state_label: str


class Day(BaseModel):
    """One day of the employee, from the evaluated daily status."""

    date: date
    evaluated: bool = Field(
        description="The day has been evaluated (each night, for the day before)."
    )
    working_day: bool | None = Field(
        default=None,
        description="The schedule expects work (before the evaluation: per the "
        "working schedule, public holidays and time off).",
    )
    codes: list[DayCode] = Field(default_factory=list)
    check_in: UtcDatetime | None = None
    check_out: UtcDatetime | None = None
    minutes_late: int = 0
    minutes_early: int = 0
    minutes_outside: int = 0
    corrected: bool = False
    correction_reason: str | None = None
    locked: bool = Field(default=False, description="In a locked TPP month.")
    objection: DayObjection | None = None
    can_object: bool = Field(
        default=False,
        description="The month is open for objections, the day has none open and "
        "one of its codes cuts TPP.",
    )


class CodeTotal(BaseModel):
    code: str
    name: str
    count: int


class TppMonth(BaseModel):
    """The TPP (tambahan penghasilan pegawai, the performance allowance) of the month,
    once a payroll officer has computed it."""

    state: str
    state_label: str
    open_for_objections: bool
    currency: str
    tpp_base: float
    cut_percent: float
    deduction: float
    adjustment: float
    net: float
    forfeited: bool
    breakdown: str


class DaysSummary(BaseModel):
    start: date
    end: date
    days: list[Day]
    totals: list[CodeTotal] = Field(description="Days per code over the range.")
    tpp: TppMonth | None = Field(
        default=None, description="My month only: the TPP, once computed."
    )


class ObjectionIn(BaseModel):
    """An objection (keberatan) to days of a month under review."""

    uuid: UUID = Field(
        description="Made by the phone once per request: sending it again returns "
        "the objection it created."
    )
    dates: list[date] = Field(min_length=1, max_length=31)
    requested_codes: list[Annotated[Text, Field(min_length=1, max_length=16)]] = Field(
        min_length=1,
        max_length=10,
        description="The codes the days should have, e.g. DL (field duty).",
    )
    reason: Text = Field(min_length=1, max_length=4000)
    attachment: FileIn | None = Field(
        default=None, description="Supporting document: PDF, JPEG or PNG."
    )


class Objection(BaseModel):
    id: int
    name: str
    state: str
    state_label: str
    month: date = Field(description="First day of the month objected to.")
    dates: list[date]
    requested_codes: list[str]
    reason: str
    has_attachment: bool
    head_note: str | None = None
    officer_note: str | None = None
    applied_codes: str | None = None
    created_at: UtcDatetime


class ObjectionList(BaseModel):
    items: list[Objection] = Field(description="Newest first.")


class AllowedLocation(BaseModel):
    name: str
    latitude: float
    longitude: float
    radius: int = Field(description="Geofence radius in metres.")

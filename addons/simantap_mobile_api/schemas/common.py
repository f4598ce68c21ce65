from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, PlainSerializer, WithJsonSchema


def _storable(value):
    """Text PostgreSQL can store: no NUL character, valid UTF-8."""
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError("must be valid UTF-8 text") from error
    return value


Text = Annotated[str, AfterValidator(_storable)]


def _in_utc(value):
    """A time from the phone, in UTC (without an offset it is UTC already), in a
    plausible range (the services judge whether it is too old or ahead)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    try:
        value = value.astimezone(UTC)
    except OverflowError as error:
        raise ValueError("is out of range") from error
    if not 2000 <= value.year <= 2099:
        raise ValueError("must lie between the years 2000 and 2099")
    return value


EventTime = Annotated[datetime, AfterValidator(_in_utc)]


def utc(value):
    """An Odoo datetime (naive UTC, or its text) as an aware UTC datetime, for the
    phone."""
    if not value:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


# datetimes leave the API in UTC with an explicit offset
UtcDatetime = Annotated[
    AwareDatetime,
    PlainSerializer(lambda value: value.astimezone(UTC).isoformat(), return_type=str),
    # the serializer returns text: say what text, for generated clients
    WithJsonSchema({"type": "string", "format": "date-time"}, mode="serialization"),
]

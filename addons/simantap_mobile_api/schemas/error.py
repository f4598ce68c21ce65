from pydantic import BaseModel, Field

from .events import EventResult


class FieldError(BaseModel):
    """One reason a request did not fit the schema."""

    loc: list[str | int] = Field(description="Where: e.g. ['body', 'latitude'].")
    msg: str
    type: str


class ErrorDetail(BaseModel):
    """A refusal: ``code`` is stable (compare it), ``message`` is for people."""

    code: str = Field(
        description="Stable machine code, e.g. invalid_credentials, "
        "device_pending_approval, token_invalid, device_revoked, outside_geofence, "
        "rate_limited, body_too_large."
    )
    message: str = Field(description="Translated message (Accept-Language).")
    errors: list[FieldError] | None = Field(
        default=None, description="For invalid_request: what did not fit the schema."
    )
    retry_after: int | None = Field(
        default=None, description="For rate_limited: seconds to wait."
    )
    limit: int | None = Field(
        default=None, description="For body_too_large and batch_too_large: the limit."
    )
    device_id: int | None = Field(
        default=None,
        description="For device_pending_approval: the phone's binding that waits "
        "for an attendance officer.",
    )
    event: EventResult | None = Field(
        default=None,
        description="For a refused event: its result, as in a batch.",
    )


class ErrorResponse(BaseModel):
    detail: ErrorDetail

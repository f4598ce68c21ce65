"""The error responses each route documents: one schema (ErrorResponse), the codes
a phone can meet on that route."""

from ..schemas import ErrorResponse

DESCRIPTIONS = {
    400: "malformed_request: the body is not valid JSON.",
    401: "token_missing, token_invalid, device_revoked, account_inactive (sign in "
    "again); invalid_credentials on sign-in.",
    403: "device_pending_approval (sign-in from a phone waiting for approval), "
    "no_employee, forbidden.",
    404: "not_found, spot_check_unknown.",
    409: "The state of the day does not allow it: not_checked_in, "
    "already_checked_in, spot_check_closed, uuid_conflict, objection_open; "
    "conflict (something stored at the same moment: try again).",
    413: "body_too_large, batch_too_large, photo_too_large.",
    422: "invalid_request (the body does not fit the schema: see errors) or a "
    "business refusal of the event: outside_geofence, mock_location, "
    "accuracy_too_poor, outside_working_hours, captured_in_future, captured_too_old, "
    "photo_not_image... (the event's result is in event).",
    429: "rate_limited (writes) or sign_in_cooldown (failed sign-ins of this "
    "login): wait Retry-After seconds.",
}


def error_responses(*codes):
    return {
        code: {"model": ErrorResponse, "description": DESCRIPTIONS[code]}
        for code in sorted(codes)
    }


AUTHENTICATED = (401, 422)
WRITE = (400, 401, 409, 413, 422, 429)

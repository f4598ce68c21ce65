"""The one catalogue of refusal codes: each code once, with its message (English
source, translated through the addon's i18n/id.po) and the HTTP status the mobile
API answers it with.

A refusal is raised as :class:`Refusal` (``code`` and message ``params``); the
libraries' own refusals (:class:`..geofence.FixError`, :class:`..photo.PhotoError`,
:class:`..clock.DatingRefusal`) are subclasses of it.  The services store the code
and the rendered message; the API maps the code to :func:`status`; the phone app
has its own words for every code (``why_<code>`` in its ``js/i18n.js``), checked
against this catalogue by a test.

A new refusal code is one line here (:func:`define`) plus its Indonesian
translation in i18n/id.po (``make pot``, then fill the msgstr); the app's words
for it go in js/i18n.js (a test says which are missing).

Other addons add their codes with :func:`define` at import (see
``simantap_sanction/errors.py``), giving their own module for the translation.
No ORM import: rendering takes a ``translate(module, source)`` callable."""

from dataclasses import dataclass

MODULE = "simantap_attendance"
# HTTP statuses (named as in the mobile API's documentation)
UNPROCESSABLE = 422  # a valid request refused for a business reason
FORBIDDEN = 403
NOT_FOUND = 404
CONFLICT = 409  # the state of the day or of the record does not allow it
TOO_LARGE = 413


def _lt(source):
    """Marks ``source`` for the translation template (``make pot``); translated
    when rendered."""
    return source


class Refusal(ValueError):
    """Stops a service with a refusal: ``code`` is in the catalogue, ``params``
    fill its message."""

    def __init__(self, code, **params):
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Entry:
    code: str
    message: str  # English source with %(name)s placeholders
    status: int = UNPROCESSABLE
    module: str = MODULE  # whose i18n translates the message
    group: str = "event"  # event (a phone event), duty (field duty), or the addon's


CATALOGUE = {}


def define(code, message, status=UNPROCESSABLE, module=MODULE, group="event"):
    """Add ``code`` to the catalogue; a code is defined once (the same definition
    again, as a module reload does, is harmless)."""
    entry = Entry(code, message, status, module, group)
    known = CATALOGUE.get(code)
    if known and known != entry:
        raise ValueError(f"refusal code {code!r} is already defined")
    CATALOGUE[code] = entry
    return entry


FALLBACK = _lt("Refused (%(code)s).")


def status(code):
    """The HTTP status of ``code`` (422 for a code the catalogue does not know)."""
    entry = CATALOGUE.get(code)
    return entry.status if entry else UNPROCESSABLE


class _Params(dict):
    """Message parameters; a missing one reads as empty rather than failing."""

    def __missing__(self, key):
        return ""


def render(code, params=None, translate=None):
    """The message of ``code`` with ``params`` filled, translated by
    ``translate(module, source)`` (none: English)."""
    entry = CATALOGUE.get(code)
    if entry is None:
        source, module, params = FALLBACK, MODULE, {"code": code}
    else:
        source, module = entry.message, entry.module
    text = translate(module, source) if translate else source
    try:
        return text % _Params(params or {})
    except (TypeError, ValueError):  # a broken translation: the English source
        return source % _Params(params or {})


# ---------------------------------------------------------------- phone events
# Malformed input (checked cheapest first)
define("uuid_missing", _lt("The event has no identifier (UUID)."))
define("uuid_invalid", _lt("The event identifier is not a valid UUID."))
define(
    "uuid_conflict",
    _lt(
        "This identifier (UUID) was already used for another event: send it again "
        "from the start."
    ),
    CONFLICT,
)
define("employee_unknown", _lt("This employee is unknown or archived."), FORBIDDEN)
define("employee_other_company", _lt("This employee belongs to another organisation."))
define("kind_invalid", _lt("This kind of event is not known."))
define("device_missing", _lt("The phone did not send its device id."))
define("captured_at_missing", _lt("The phone did not send the capture time."))
define("captured_at_invalid", _lt("The capture time is not a valid time."))
define(
    "captured_in_future",
    _lt(
        "The capture time is %(minutes)s minutes ahead of the server: check the "
        "phone's clock."
    ),
)
define(
    "captured_too_old",
    _lt(
        "The event was captured more than %(hours)s hours ago and can no longer be "
        "sent."
    ),
)
define("coordinates_missing", _lt("The position has no latitude or longitude."))
define("coordinates_invalid", _lt("The latitude or longitude is not a number."))
define("latitude_out_of_range", _lt("The latitude must lie between -90 and 90."))
define("longitude_out_of_range", _lt("The longitude must lie between -180 and 180."))
define("accuracy_invalid", _lt("The GPS accuracy is missing or negative."))
define("photo_missing", _lt("A selfie is required."))
define(
    "photo_too_large",
    _lt("The selfie is too large (%(size)s MB, at most %(maximum)s MB)."),
    TOO_LARGE,
)
define("photo_not_image", _lt("The selfie is not an image."))
define(
    "photo_format",
    _lt("The selfie must be a JPEG, PNG or WebP picture, not %(format)s."),
)
define(
    "photo_too_many_pixels",
    _lt("The selfie has too many pixels (at most %(maximum)s megapixels)."),
)
define("photo_truncated", _lt("The selfie is incomplete or damaged; take it again."))
# Policy: the event is well formed, the rules refuse it
define(
    "mock_location",
    _lt(
        "The phone reports a mock (fake) location. Turn off location spoofing apps "
        "and developer mock locations."
    ),
)
define(
    "accuracy_too_poor",
    _lt(
        "The GPS accuracy is %(accuracy)s m; at most %(maximum)s m is needed. Move "
        "to open sky and try again."
    ),
)
define(
    "already_checked_in",
    _lt("You already checked in today at %(since)s."),
    CONFLICT,
)
define("not_checked_in", _lt("You have not checked in: check in first."), CONFLICT)
define(
    "attendance_conflict",
    _lt("This event conflicts with another attendance: %(detail)s"),
)
define(
    "attendance_closed",
    _lt(
        "This check-in, captured at %(time)s, comes before your check-out at "
        "%(check_out)s that is already recorded: it cannot be placed."
    ),
    CONFLICT,
)
define(
    "no_allowed_location",
    _lt(
        "No place of work with a geofence is set for you. Contact your attendance "
        "officer."
    ),
)
# completed by the location's rule (hr.work.location._simantap_rule_text)
define("outside_geofence", _lt("You are %(distance)s m outside %(location)s."))
define(
    "outside_working_hours",
    _lt("No position is collected outside working hours or approved duty."),
)
define("spot_check_unknown", _lt("There is no such spot check due for you."), NOT_FOUND)
define(
    "spot_check_closed",
    _lt("This spot check is closed; it can no longer be answered."),
    CONFLICT,
)

# ---------------------------------------------------------------- field duty
# The duty's services say more at the raise site; these are the codes' own words.
for _code, _message, _status in (
    ("wrong_state", _lt("Not possible in the current state."), CONFLICT),
    ("duty_locked", _lt("The duty is no longer a draft."), CONFLICT),
    (
        "workflow_field",
        _lt("This is changed through the workflow buttons only."),
        UNPROCESSABLE,
    ),
    (
        "not_allowed",
        _lt("Only the employee, the approver or an officer may do this."),
        FORBIDDEN,
    ),
    (
        "not_approver",
        _lt("Only the approver or an attendance officer may decide."),
        FORBIDDEN,
    ),
    ("self_approval", _lt("You cannot decide a duty you are on."), UNPROCESSABLE),
    ("reason_required", _lt("Say why the duty is rejected."), UNPROCESSABLE),
    ("letter_missing", _lt("Attach the assignment letter."), UNPROCESSABLE),
    ("letter_too_large", _lt("The assignment letter is too large."), TOO_LARGE),
    (
        "letter_type",
        _lt("The assignment letter must be a PDF, JPEG or PNG file."),
        UNPROCESSABLE,
    ),
    ("photo_type", _lt("A photo must be a JPEG or PNG file."), UNPROCESSABLE),
    (
        "photo_not_own",
        _lt("Only a photo you have just uploaded can be attached."),
        UNPROCESSABLE,
    ),
    (
        "evidence_kept",
        _lt("Photos are evidence: they are never moved nor deleted."),
        UNPROCESSABLE,
    ),
    ("range_invalid", _lt("The dates or hours do not make a range."), UNPROCESSABLE),
    (
        "retroactive_limit",
        _lt("Submitted too many working days after the duty began."),
        UNPROCESSABLE,
    ),
    ("fence_invalid", _lt("The destination's fence is out of range."), UNPROCESSABLE),
):
    define(_code, _message, _status, group="duty")

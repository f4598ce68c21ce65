"""The one error of the addon: every refused TPP action raises a
:class:`SanctionError` carrying a stable ``code`` of :data:`REFUSAL_CODES` (the API
and the tests compare it) and a message translated where it is raised, which says
the particular case.  The catalogue gives each code its general meaning and HTTP
status; a test checks that every code raised is in it, and none in it is unused.

Access control stays Odoo's own :class:`~odoo.exceptions.AccessError` (record
rules, groups): not a refusal of this catalogue."""

from odoo.exceptions import ValidationError

from odoo.addons.simantap_attendance.errors import SimantapError
from odoo.addons.simantap_attendance.lib import refusals
from odoo.addons.simantap_attendance.lib.refusals import _lt

# The codes a TPP action is refused with, in the one catalogue of refusal codes
# (simantap_attendance/lib/refusals.py), translated by this addon's i18n.
# "wrong_state" is the field duty's code, with the same meaning and status.
for _code, _message, _status in (
    ("not_payroll", _lt("Only a payroll officer does this."), 422),
    ("no_rule_set", _lt("No rule set is in force on the month's first day."), 422),
    (
        "rule_set_overlap",
        _lt("Two rule sets of a company are in force on the same day."),
        422,
    ),
    ("rule_set_used", _lt("A locked month used this rule set."), 422),
    ("rule_set_invalid", _lt("The rule set's figures do not hold together."), 422),
    ("period_exists", _lt("The month already has a period."), 422),
    ("no_period", _lt("The month has no TPP period yet."), 422),
    (
        "assignment_overlap",
        _lt("Two TPP assignments of an employee on the same day."),
        422,
    ),
    ("open_objections", _lt("Objections are still open."), 422),
    ("override_reason", _lt("An override needs a reason."), 422),
    ("objection_period", _lt("The month is not under review."), refusals.CONFLICT),
    ("objection_days", _lt("These days are not the employee's in this month."), 422),
    (
        "objection_not_own",
        _lt("You can only object for yourself."),
        refusals.FORBIDDEN,
    ),
    ("objection_reason", _lt("An objection needs a reason."), 422),
    (
        "objection_open",
        _lt("A day already has an open objection."),
        refusals.CONFLICT,
    ),
    (
        "document_too_large",
        _lt("The supporting document is too large."),
        refusals.TOO_LARGE,
    ),
    (
        "document_type",
        _lt("The supporting document must be a PDF, JPEG or PNG file."),
        422,
    ),
    ("objection_not_head", _lt("You are not the unit head of the employee."), 422),
    ("objection_not_officer", _lt("You are not an attendance officer."), 422),
    ("objection_self", _lt("You cannot decide your own objection."), 422),
    ("decision_note", _lt("A rejection needs a note."), 422),
    ("not_locked", _lt("The day is not in a locked month."), 422),
    ("no_locked_line", _lt("The locked month has no line for the employee."), 422),
    ("correction_reason", _lt("A correction needs a reason."), 422),
    ("unknown_codes", _lt("Unknown attendance codes."), 422),
    ("not_officer", _lt("Only an attendance officer corrects a day."), 422),
    ("no_payroll", _lt("The OCA payroll addon is not installed."), 422),
):
    refusals.define(_code, _message, _status, module="simantap_sanction", group="tpp")

REFUSAL_CODES = {
    entry.code: entry.message
    for entry in refusals.CATALOGUE.values()
    if entry.group == "tpp" or entry.code == "wrong_state"
}


class SanctionError(SimantapError, ValidationError):
    """A refused TPP action: ``code`` is one of :data:`REFUSAL_CODES`."""

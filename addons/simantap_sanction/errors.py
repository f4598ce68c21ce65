"""The one error of the addon: every refused TPP action raises a
:class:`SanctionError` carrying a stable ``code`` of :data:`REFUSAL_CODES` (the API
and the tests compare it) and a message translated where it is raised, which says
the particular case.  The catalogue gives each code its general meaning, translatable
too; a test checks that every code raised is in it, and none in it is unused.

Access control stays Odoo's own :class:`~odoo.exceptions.AccessError` (record
rules, groups): not a refusal of this catalogue."""

from odoo.exceptions import ValidationError
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

REFUSAL_CODES = {
    "not_payroll": _lt("Only a payroll officer does this."),
    "wrong_state": _lt("Not possible in the current state."),
    "no_rule_set": _lt("No rule set is in force on the month's first day."),
    "rule_set_overlap": _lt("Two rule sets of a company are in force on one day."),
    "rule_set_used": _lt("A locked month used this rule set."),
    "rule_set_invalid": _lt("The rule set's figures do not hold together."),
    "period_exists": _lt("The month already has a TPP period."),
    "no_period": _lt("The month has no TPP period yet."),
    "assignment_overlap": _lt(
        "Two TPP assignments of an employee are in force on one day."
    ),
    "open_objections": _lt("Objections are still open."),
    "override_reason": _lt("Locking with open objections needs a reason."),
    "objection_period": _lt("The month is not under review."),
    "objection_days": _lt("The days are not the employee's days of this month."),
    "objection_not_own": _lt("An employee objects to their own days only."),
    "objection_reason": _lt("An objection needs a reason."),
    "objection_open": _lt("A day already has an open objection."),
    "document_too_large": _lt("The supporting document is too large."),
    "document_type": _lt("The supporting document is not a PDF, JPEG or PNG."),
    "objection_not_head": _lt("Not the unit head of the employee."),
    "objection_not_officer": _lt("Not an attendance officer."),
    "objection_self": _lt("No one decides their own objection."),
    "decision_note": _lt("A rejection needs a note."),
    "not_locked": _lt("The day is not in a locked month."),
    "no_locked_line": _lt("The locked month has no line for the employee."),
    "correction_reason": _lt("A correction needs a reason."),
    "unknown_codes": _lt("Unknown attendance codes."),
    "not_officer": _lt("Only an attendance officer corrects a day."),
    "no_payroll": _lt("The payroll addon (OCA payroll) is not installed."),
}


class SanctionError(ValidationError):
    """A refused TPP action: ``code`` is one of :data:`REFUSAL_CODES`;
    ``message`` is already translated and says the particular case."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code

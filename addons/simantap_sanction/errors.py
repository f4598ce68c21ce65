from odoo.exceptions import ValidationError

REFUSAL_CODES = [
    ("not_payroll", "Only a payroll officer does this"),
    ("wrong_state", "Not possible in the current state"),
    ("no_rule_set", "No rule set in force on the month's first day"),
    ("rule_set_overlap", "Two rule sets of a company in force on the same day"),
    ("rule_set_used", "A locked month used this rule set"),
    ("rule_set_invalid", "The rule set's figures do not hold together"),
    ("period_exists", "The month already has a period"),
    ("assignment_overlap", "Two TPP assignments of an employee on the same day"),
    ("open_objections", "Objections still open"),
    ("override_reason", "An override needs a reason"),
    ("objection_period", "The month is not under review"),
    ("objection_days", "Days that are not the employee's in this month"),
    ("objection_not_own", "Objecting for someone else"),
    ("objection_reason", "An objection needs a reason"),
    ("objection_open", "A day already has an open objection"),
    ("document_too_large", "Supporting document too large"),
    ("document_type", "Supporting document not a PDF, JPEG or PNG"),
    ("objection_not_head", "Not the unit head of the employee"),
    ("objection_not_officer", "Not an attendance officer"),
    ("objection_self", "Deciding one's own objection"),
    ("decision_note", "A rejection needs a note"),
    ("not_locked", "The day is not in a locked month"),
    ("no_locked_line", "The locked month has no line for the employee"),
    ("correction_reason", "A correction needs a reason"),
    ("unknown_codes", "Unknown attendance codes"),
    ("not_officer", "Only an attendance officer corrects a day"),
    ("no_payroll", "The OCA payroll addon is not installed"),
]


class SanctionError(ValidationError):
    """A refused TPP action: ``code`` is one of :data:`REFUSAL_CODES`."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code

from odoo import fields, models

from ..lib import face as face_lib

FACE_POLICIES = [
    ("off", "Off"),
    ("flag", "Flag for review"),
    ("refuse", "Refuse"),
]


# Face verification lives in its own files (issue #15), beside the intake.
# pylint: disable=consider-merging-classes-inherited
class ResCompany(models.Model):
    _inherit = "res.company"

    simantap_face_policy = fields.Selection(
        FACE_POLICIES,
        string="Face Verification",
        default="flag",
        required=True,
        help="Off: selfies are not compared. Flag: a selfie that does not show the "
        "employee (or shows no face, or several) is stored with a fraud signal for "
        "review. Refuse: it is refused and the employee must take it again.",
    )
    simantap_face_threshold = fields.Float(
        string="Face Distance Threshold",
        digits=(3, 2),
        default=face_lib.DEFAULT_THRESHOLD,
        help="Largest distance between a selfie and the employee's closest reference "
        "still judged the same person. 0.6 is the library's operating point; lower "
        "is stricter (fewer impostors pass, more true selfies are flagged).",
    )
    simantap_face_retention_days = fields.Integer(
        string="Face Data Retention (days)",
        default=365,
        help="Reference faces (encodings and photos) of an employee who left are "
        "deleted this many days after the employee record was archived; replaced "
        "or rejected references this many days after they were replaced or "
        "rejected. 0 keeps them until an officer deletes them.",
    )

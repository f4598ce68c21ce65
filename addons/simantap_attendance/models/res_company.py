from odoo import fields, models

from ..lib import geofence

GEOFENCE_POLICIES = [
    ("lenient", "Lenient: the accuracy circle reaches the fence"),
    ("strict", "Strict: the position itself inside the fence"),
    ("capped", "Capped: the accuracy counts up to the tolerance"),
]


class ResCompany(models.Model):
    """Simantap's thresholds for a regency (one company), with Indonesian defaults.
    Read by the check-in service and by the presence checks."""

    _inherit = "res.company"

    # --- position and time of a phone's fix ---
    simantap_max_accuracy = fields.Float(
        string="Maximum GPS Accuracy (m)",
        default=100.0,
        help="A fix whose accuracy circle is wider than this is refused: it cannot "
        "tell inside from outside.",
    )
    simantap_geofence_policy = fields.Selection(
        GEOFENCE_POLICIES,
        string="Geofence Policy",
        required=True,
        default=geofence.DEFAULT_POLICY,
        help="How much of a fix's reported GPS accuracy counts towards being inside "
        "a fence. Lenient: all of it (a 100 m fence admits a fix 200 m away that "
        "claims 100 m accuracy). Strict: none, the position itself must be inside. "
        "Capped: at most the tolerance below. A work location may set its own.",
    )
    simantap_geofence_tolerance = fields.Integer(
        string="Geofence Tolerance (m)",
        default=int(geofence.DEFAULT_TOLERANCE),
        help="With the capped policy, the most of a fix's accuracy that counts: a "
        "spoofing app claiming a coarse accuracy gains no more than this.",
    )
    simantap_sync_delay_hours = fields.Integer(
        string="Offline Sync Limit (hours)",
        default=72,
        help="Events captured longer ago than this are refused.",
    )
    simantap_late_sync_minutes = fields.Integer(
        string="Late Sync After (minutes)",
        default=5,
        help="An event received longer than this after its capture was sent offline: "
        "it is dated at its capture time and flagged as a late sync.",
    )
    simantap_clock_skew_minutes = fields.Integer(
        string="Allowed Future Clock Skew (minutes)",
        default=2,
        help="A capture time this far ahead of the server's clock is refused.",
    )
    simantap_clock_tolerance_seconds = fields.Integer(
        string="Clock Tolerance (seconds)",
        default=30,
        help="A phone clock that differs from the server's by more than this raises "
        "the clock skew signal.",
    )
    # --- selfie ---
    simantap_photo_max_bytes = fields.Integer(
        string="Maximum Photo Size (bytes)",
        default=5 * 1024 * 1024,
        help="Larger selfies are refused before they are decoded.",
    )
    simantap_photo_max_megapixels = fields.Float(
        string="Maximum Photo Megapixels",
        default=40.0,
        help="Larger images are refused from their header, before decoding "
        "(decompression bombs).",
    )
    simantap_photo_stale_minutes = fields.Integer(
        string="Stale Photo After (minutes)",
        default=10,
        help="A selfie whose camera time (EXIF) is this much older than the event "
        "raises the stale photo signal.",
    )
    simantap_photo_reuse_days = fields.Integer(
        string="Photo Reuse Window (days)",
        default=60,
        help="A selfie is compared with the employee's selfies of this many days.",
    )
    simantap_photo_reuse_distance = fields.Integer(
        string="Photo Reuse Distance (bits)",
        default=5,
        help="Two selfies whose 64-bit perceptual hashes differ in at most this many "
        "bits are the same picture (photo reused).",
    )
    # --- travel and devices ---
    simantap_impossible_speed_kmh = fields.Float(
        string="Impossible Travel Speed (km/h)",
        default=150.0,
        help="Two fixes implying a faster journey raise the impossible travel signal.",
    )
    simantap_device_window_days = fields.Integer(
        string="Device Window (days)",
        default=30,
        help="Another device used by the employee, or this device used by another "
        "employee, within this many days raises a device signal.",
    )
    # --- presence checks between check-in and check-out ---
    simantap_ping_interval = fields.Integer(
        string="Presence Ping Every (minutes)",
        default=60,
        help="How often the phone sends its position while the employee is checked "
        "in. A unit may set its own cadence.",
    )
    simantap_ping_grace = fields.Integer(
        string="Silence Grace (minutes)",
        default=15,
        help="No contact for longer than the cadence plus this grace makes a silent "
        "episode: the phone was off or the app killed.",
    )
    simantap_spot_checks_per_day = fields.Integer(
        string="Spot Checks per Working Day",
        default=2,
        help="Random moments drawn by the server inside each employee's working "
        "hours, at which a selfie and a position are asked for.",
    )
    simantap_spot_check_window = fields.Integer(
        string="Spot Check Answer Window (minutes)",
        default=15,
        help="Time to answer a spot check once the phone is told; an answer within "
        "the same time again is recorded as late, later it is unanswered.",
    )
    simantap_ping_retention_days = fields.Integer(
        string="Keep Raw Pings (days)",
        default=90,
        help="Raw position pings older than this are deleted once their day is "
        "closed; episodes and daily results stay.",
    )
    # --- field duty (dinas luar) ---
    simantap_duty_retroactive_days = fields.Integer(
        string="Retroactive Field Duty Limit (working days)",
        default=3,
        help="A field duty may be submitted at most this many working days (of the "
        "employee's working schedule) after its first day.",
    )
    simantap_duty_max_bytes = fields.Integer(
        string="Maximum Field Duty File Size (bytes)",
        default=10 * 1024 * 1024,
        help="Largest assignment letter (surat tugas) or destination photo accepted.",
    )
    # --- paper (signed PDF reports) ---
    simantap_paper_format = fields.Selection(
        [("a4", "A4 (210 × 297 mm)"), ("f4", "F4 (215 × 330 mm)")],
        string="Report Paper",
        default="f4",
        required=True,
        help="Paper of the signed reports: F4 (folio) is the usual paper of "
        "Indonesian offices.",
    )
    simantap_government_name = fields.Char(
        string="Government Name",
        help="First line of the reports' letterhead, e.g. PEMERINTAH KABUPATEN SOLOK "
        "SELATAN; by default PEMERINTAH followed by the company's name.",
    )
    simantap_signing_place = fields.Char(
        string="Signing Place",
        help="The place written before the date above the signatures, e.g. Padang "
        "Aro; by default the company's city.",
    )

    def _simantap_government(self):
        self.ensure_one()
        return (
            self.simantap_government_name or f"PEMERINTAH {self.name or ''}"
        ).upper()

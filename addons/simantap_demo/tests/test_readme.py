import os
import re

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase

# the rows of the README's demo table, and how each is counted in the database
COUNTS = {
    "units (OPD, sub-unit, schools)": ("hr.department", []),
    "employees, each with a valid NIP": ("hr.employee", [("nip", "!=", False)]),
    "of them PNS": ("hr.employee", [("asn_status", "=", "pns")]),
    "of them PPPK": ("hr.employee", [("asn_status", "=", "pppk")]),
    "work locations with their geofence": ("hr.work.location", []),
    "working schedules (two of them Ramadan's)": ("resource.calendar", []),
    "logins": ("res.users", [("share", "=", False)]),
    "position classes (kelas jabatan)": ("simantap.position.class", []),
    "TPP assignments": ("simantap.tpp.assignment", []),
    "sick leaves": ("hr.leave", [("state", "=", "validate")]),
    "approved field duties": ("simantap.field.duty", [("state", "=", "approved")]),
    "employees sending presence pings": ("simantap.presence.ping", None),
    "TPP months (last month, under review)": (
        "simantap.sanction.period",
        [("state", "=", "review")],
    ),
    "lines of that month": ("simantap.sanction.line", []),
    "employees without a TPP class": (
        "simantap.sanction.line",
        [("base_source", "=", "none")],
    ),
}


class TestReadme(TransactionCase):
    """The README's figures of the demo are those of a database built like
    `make run` builds it."""

    def test_readme_numbers_match_the_database(self):
        path = os.path.join(get_module_path("simantap_demo"), "..", "..", "README.md")
        if not os.path.exists(path):
            self.skipTest("no README.md beside the addons (not a checkout)")
        with open(path, encoding="utf-8") as readme:
            text = readme.read()
        section = text.split("## Demo regency", 1)[1].split("\n## ", 1)[0]
        rows = dict(re.findall(r"^\| (.+?) \| (\d+) \|$", section, re.MULTILINE))
        self.assertEqual(set(rows), set(COUNTS), "the README's demo table changed")
        for label, (model, domain) in COUNTS.items():
            if domain is None:  # distinct employees
                found = len(self.env[model].search([]).employee_id)
            else:
                found = self.env[model].search_count(domain)
            self.assertEqual(int(rows[label]), found, label)

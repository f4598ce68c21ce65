import re
from pathlib import Path

import polib

from odoo.tests import BaseCase, tagged

from odoo.addons.simantap_attendance.lib import refusals

from ..errors import MESSAGES, reason_status

ADDONS = Path(__file__).resolve().parents[2]
APP = ADDONS / "simantap_mobile_api" / "static" / "app" / "js"


def app_strings():
    """{lang: {key: text}} of the app's js/i18n.js."""
    text = (APP / "i18n.js").read_text()
    start_en = text.index("\n  en: {")
    strings = {}
    for lang, part in (("id", text[:start_en]), ("en", text[start_en:])):
        strings[lang] = {
            key: value.replace('\\"', '"')
            for key, value in re.findall(r'\n    (\w+): "((?:[^"\\]|\\.)*)",', part)
        }
    return strings


@tagged("post_install", "-at_install")
class TestRefusalWords(BaseCase):
    """The phone app, the API and the services say the same thing for each
    refusal code: one catalogue (simantap_attendance/lib/refusals.py)."""

    def test_the_api_status_is_the_catalogues(self):
        for code, entry in refusals.CATALOGUE.items():
            self.assertEqual(reason_status(code), entry.status, code)
        # the ones the phone meets most, as documented
        self.assertEqual(reason_status("outside_geofence"), 422)
        self.assertEqual(reason_status("employee_unknown"), 403)
        self.assertEqual(reason_status("spot_check_unknown"), 404)
        self.assertEqual(reason_status("not_checked_in"), 409)
        self.assertEqual(reason_status("photo_too_large"), 413)
        # field duty and TPP codes come from the same catalogue
        self.assertEqual(reason_status("duty_locked"), 409)
        self.assertEqual(reason_status("not_approver"), 403)
        self.assertEqual(reason_status("objection_open"), 409)
        self.assertEqual(reason_status("document_too_large"), 413)

    def test_the_app_has_indonesian_words_for_every_event_code(self):
        strings = app_strings()
        words = (APP / "words.js").read_text()
        listed = set(
            re.findall(
                r'"([a-z_]+)"', words[words.index("REASON_CODES") : words.index("];")]
            )
        )
        codes = {
            code for code, entry in refusals.CATALOGUE.items() if entry.group == "event"
        }
        self.assertFalse(codes - listed, "codes missing in js/words.js REASON_CODES")
        for lang in ("id", "en"):
            missing = {code for code in codes if f"why_{code}" not in strings[lang]}
            self.assertFalse(missing, f"codes without words in js/i18n.js ({lang})")

    def test_the_app_and_the_server_word_a_code_alike(self):
        """Where the server's message has no placeholder, the app says exactly the
        same (its words show when the server's message did not come through)."""
        strings = app_strings()
        po = {
            entry.msgid: entry.msgstr
            for entry in polib.pofile(
                str(ADDONS / "simantap_attendance" / "i18n" / "id.po")
            )
        }
        for code, entry in refusals.CATALOGUE.items():
            if entry.group != "event" or "%(" in entry.message:
                continue
            with self.subTest(code=code):
                self.assertEqual(strings["id"][f"why_{code}"], po[entry.message])

    def test_the_api_words_its_own_codes_only(self):
        """The API's table holds its transport codes (sign-in, body, batch...); a
        service's refusal is worded by the catalogue."""
        shared = set(MESSAGES) & set(refusals.CATALOGUE)
        # the API's own checks of uploads and of idempotency keys, before any
        # service: same code, the API's own limit in bytes
        self.assertLessEqual(
            shared,
            {
                "photo_too_large",
                "photo_type",
                "letter_too_large",
                "letter_type",
                "document_too_large",
                "document_type",
                "uuid_conflict",
            },
        )

    def test_every_code_a_service_raises_is_in_the_catalogue(self):
        """The field-duty and TPP services raise codes of the same catalogue, each
        with Indonesian words in its addon's id.po."""
        pattern = re.compile(r"(?:FieldDutyError|SanctionError)\(\s*\"([a-z_]+)\"")
        raised = set()
        for addon in ("simantap_attendance", "simantap_sanction"):
            for path in (ADDONS / addon).rglob("*.py"):
                if "tests" not in path.parts:
                    raised.update(pattern.findall(path.read_text()))
        self.assertGreater(len(raised), 30)
        self.assertFalse(raised - set(refusals.CATALOGUE))
        for addon in ("simantap_attendance", "simantap_sanction"):
            po = {
                entry.msgid: entry.msgstr
                for entry in polib.pofile(str(ADDONS / addon / "i18n" / "id.po"))
            }
            untranslated = [
                entry.code
                for entry in refusals.CATALOGUE.values()
                if entry.module == addon and not po.get(entry.message)
            ]
            self.assertFalse(untranslated, addon)

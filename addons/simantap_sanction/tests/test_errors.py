import ast
import os

import polib

from odoo.tests import tagged

from ..errors import REFUSAL_CODES, SanctionError
from .common import NOV, SanctionCase

ADDON = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _sources():
    for folder, dirs, files in os.walk(ADDON):
        dirs[:] = [d for d in dirs if d != "tests"]
        for name in files:
            if name.endswith(".py") and name != "errors.py":
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8") as handle:
                    yield path, ast.parse(handle.read())


@tagged("post_install", "-at_install")
class TestErrors(SanctionCase):
    """One error for the addon: each refusal's code is in the catalogue, each code
    of the catalogue is used, and has an Indonesian message."""

    def test_every_code_raised_is_in_the_catalogue(self):
        raised, strings = set(), set()
        for path, tree in _sources():
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    strings.add(node.value)
                if (
                    isinstance(node, ast.Call)
                    and getattr(node.func, "id", None) == "SanctionError"
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                ):
                    raised.add((node.args[0].value, path))
                    self.assertIn(node.args[0].value, REFUSAL_CODES, path)
        self.assertGreater(len(raised), 20)
        # the catalogue holds no code that nothing raises
        self.assertFalse(set(REFUSAL_CODES) - strings)

    def test_the_catalogue_is_in_indonesian(self):
        po = polib.pofile(os.path.join(ADDON, "i18n", "id.po"))
        translated = {entry.msgid for entry in po if entry.msgstr}
        for code, message in REFUSAL_CODES.items():
            self.assertIn(message._source, translated, code)

    def test_no_month_to_print(self):
        wizard = (
            self.env["simantap.month.report"]
            .with_user(self.user_payroll)
            .with_company(self.company)
            .create({"report": "tpp", "month": NOV})
        )
        self.assertEqual(self.code_of(wizard.action_print), "no_period")
        with self.assertRaises(SanctionError) as caught:
            wizard.with_context(lang="en_US").action_print()
        self.assertEqual(
            str(caught.exception), "There is no TPP month for 11/2026 yet."
        )

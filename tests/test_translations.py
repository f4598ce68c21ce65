"""Indonesian ships complete: every entry of each addon's id.po is translated and sits in
the addon's .pot too (Odoo merges the .pot in when it loads a language and drops, as
obsolete, every translation the .pot lacks)."""

import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "scripts"))

import sync_pot  # noqa: E402


def test_every_indonesian_translation_survives_loading(capsys):
    assert sync_pot.main(check=True) == 0, capsys.readouterr().out

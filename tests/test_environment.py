"""The environment `make install` built is the one every test runs in: official Odoo 18.0
of the pinned nightly, imported from the project's virtual environment, never from the
machine's own Python (which may hold an older or rebranded copy)."""

import importlib.metadata
import os
import subprocess
import sys

import odoo.release

PINNED_NIGHTLY = "18.0.post20250925"


def test_odoo_comes_from_the_projects_environment():
    assert sys.prefix != sys.base_prefix, (
        "tests must run inside the virtual environment"
    )
    venv = os.environ.get("SIMANTAP_VENV")
    if venv:
        assert os.path.realpath(sys.prefix) == os.path.realpath(venv)
    package = os.path.realpath(os.path.dirname(odoo.release.__file__))
    assert package.startswith(os.path.realpath(sys.prefix) + os.sep), package


def test_odoo_is_the_official_pinned_nightly():
    assert odoo.release.version_info[:2] == (18, 0)
    assert odoo.release.product_name == "Odoo"
    assert odoo.release.author == "OpenERP S.A."
    if not os.environ.get("SIMANTAP_ODOO"):  # another 18.0 named by the user
        assert importlib.metadata.version("odoo") == PINNED_NIGHTLY


def test_the_environment_is_consistent():
    check = subprocess.run(
        [sys.executable, "-m", "pip", "check"], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr

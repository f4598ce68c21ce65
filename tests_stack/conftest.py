import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import stack_client


def pytest_collection_modifyitems(config, items):
    if stack_client.stack_is_up():
        return
    skip = pytest.mark.skip(reason="the stack is not running: `make stack` first")
    for item in items:
        item.add_marker(skip)


@pytest.fixture(scope="session")
def admin():
    return stack_client.Admin()

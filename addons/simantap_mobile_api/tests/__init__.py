from . import test_meta

from . import test_nip, test_security, test_units

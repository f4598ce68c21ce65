from . import test_daily_status, test_nip, test_security, test_units, test_weekly_recap

from . import simantap_daily_status_correction

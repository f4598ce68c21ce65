from . import (
    simantap_locked_day_correction,
    simantap_month_report,
    simantap_sanction_lock,
)

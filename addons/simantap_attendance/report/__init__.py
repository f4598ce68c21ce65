# ruff: noqa: I001
# The helpers are imported first: the reports inherit them.
from . import report_simantap_common
from . import (
    report_attendance_card,
    report_attendance_recap,
    report_duty_register,
    weekly_recap_xlsx,
)

from . import (
    simantap_attendance_review,
    simantap_daily_status_correction,
    simantap_field_duty_reject,
    simantap_holiday_import,
    simantap_holiday_import_line,
    simantap_month_report,
)

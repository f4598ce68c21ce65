# ruff: noqa: I001
# The mixin is imported first: other models inherit it.
from . import simantap_employee_record_mixin
from . import (
    hr_attendance,
    hr_department,
    hr_employee,
    hr_leave,
    hr_leave_type,
    hr_work_location,
    res_company,
    res_config_settings,
    res_users,
    simantap_attendance_attempt,
    simantap_daily_status,
    simantap_field_duty,
    simantap_fraud_signal,
    simantap_presence,
    simantap_presence_day,
    simantap_presence_episode,
    simantap_presence_monitor,
    simantap_presence_ping,
    simantap_presence_timeline,
    simantap_spot_check,
    simantap_status_bracket,
    simantap_status_code,
    simantap_weekly_recap,
    simantap_weekly_unit_recap,
)

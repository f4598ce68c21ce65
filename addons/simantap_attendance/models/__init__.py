# ruff: noqa: I001
# The mixin is imported first: other models inherit it.
from . import simantap_employee_record_mixin
from . import (
    hr_department,
    hr_employee,
    hr_leave,
    hr_leave_type,
    hr_work_location,
    simantap_daily_status,
    simantap_status_bracket,
    simantap_status_code,
    simantap_weekly_recap,
    simantap_weekly_unit_recap,
)

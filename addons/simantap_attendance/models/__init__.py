from . import (
    hr_department,
    hr_employee,
    hr_work_location,
    simantap_employee_record_mixin,
)

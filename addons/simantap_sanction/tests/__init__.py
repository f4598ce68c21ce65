from . import (
    test_access,
    test_escalation,
    test_holiday_lock,
    test_lock,
    test_menus,
    test_month,
    test_objection,
    test_payroll_bridge,
    test_rule_set,
    test_tpp_lib,
    test_tpp_report,
)

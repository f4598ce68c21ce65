from . import (
    test_access,
    test_copyload,
    test_escalation,
    test_formats,
    test_lock,
    test_menus,
    test_month,
    test_month_no_class,
    test_objection,
    test_payroll_bridge,
    test_rule_set,
    test_tpp_lib,
)

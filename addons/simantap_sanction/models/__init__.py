from . import (
    hr_department,
    hr_employee,
    res_users,
    simantap_daily_status,
    simantap_discipline_alert,
    simantap_discipline_threshold,
    simantap_position_class,
    simantap_position_class_amount,
    simantap_sanction_adjustment,
    simantap_sanction_export,
    simantap_sanction_line,
    simantap_sanction_line_detail,
    simantap_sanction_month_facts,
    simantap_sanction_objection,
    simantap_sanction_period,
    simantap_sanction_period_no_class,
    simantap_tpp_assignment,
    simantap_tpp_rule,
    simantap_tpp_rule_set,
    simantap_tpp_rule_tier,
)

# isort: split
# a view joining the breakdown to the rules: its tables are created first
from . import simantap_sanction_line_item

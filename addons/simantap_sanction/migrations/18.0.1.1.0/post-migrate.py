"""18.0.1.1.0: the breakdown keeps its rule as an id without a foreign key
(``rule_ref``); the former ``rule_id`` column's values are copied over."""

from odoo.tools import SQL, sql


def migrate(cr, version):
    table = "simantap_sanction_line_detail"
    if not version or not sql.column_exists(cr, table, "rule_id"):
        return
    cr.execute(
        SQL(
            "UPDATE %s SET rule_ref = rule_id WHERE rule_ref IS NULL",
            SQL.identifier(table),
        )
    )

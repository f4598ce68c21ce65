from datetime import date
from decimal import Decimal

from odoo.tests import TransactionCase, tagged

from ..lib import copyload


@tagged("post_install", "-at_install")
class TestCopyLoad(TransactionCase):
    """Rows as COPY text, and loaded back by PostgreSQL unchanged."""

    def test_values_are_written_as_copy_text(self):
        line = copyload.copy_line(
            (7, None, "a\tb\\c\nd", Decimal("2.50"), date(2026, 11, 2), True)
        )
        self.assertEqual(line, "7\t\\N\ta\\tb\\\\c\\nd\t2.50\t2026-11-02\tTrue")

    def test_rows_are_loaded_unchanged(self):
        cr = self.env.cr
        cr.execute("CREATE TEMP TABLE copyload_probe (n int, t varchar, d date)")
        rows = [(1, "plain", date(2026, 11, 2)), (2, "tab\there \\ too", None)]
        rows += [(n, None, None) for n in range(3, 2003)]
        copyload.copy_rows(cr, "copyload_probe", ("n", "t", "d"), rows, chunk=500)
        cr.execute("SELECT n, t, d FROM copyload_probe ORDER BY n")
        self.assertEqual(cr.fetchall(), rows)

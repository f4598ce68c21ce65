from datetime import date, datetime
from decimal import Decimal

from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from ..lib import sqlarray


@tagged("post_install", "-at_install")
class TestSqlArray(TransactionCase):
    """Array literals read back by PostgreSQL as the values they were made of."""

    def read_back(self, values, kind):
        self.env.cr.execute(SQL("SELECT %s::%s[]", sqlarray.literal(values), SQL(kind)))
        return self.env.cr.fetchone()[0]

    def test_values_come_back_unchanged(self):
        texts = ["plain", 'a "quoted" word', "back\\slash", "", "NULL", None, "{,}"]
        self.assertEqual(self.read_back(texts, "varchar"), texts)
        moments = [datetime(2026, 11, 2, 1, 30, 0, 123456), None]
        self.assertEqual(self.read_back(moments, "timestamp"), moments)
        self.assertEqual(
            self.read_back([date(2026, 11, 2)], "date"), [date(2026, 11, 2)]
        )
        floats = [0.1, -101.4478123, 1e-05, 12.0, None]
        self.assertEqual(self.read_back(floats, "float8"), floats)
        # Odoo reads numeric back as float
        self.assertEqual(
            self.read_back([-0.5071234, Decimal("1.5")], "numeric"), [-0.5071234, 1.5]
        )
        self.assertEqual(
            self.read_back([1, None, 2**31 - 1], "int4"), [1, None, 2**31 - 1]
        )
        self.assertEqual(
            self.read_back([True, False, None], "bool"), [True, False, None]
        )
        self.assertEqual(self.read_back([], "int4"), [])

    def test_unstorable_values_are_refused(self):
        with self.assertRaises(ValueError):
            sqlarray.literal(["nul \x00 inside"])
        with self.assertRaises(TypeError):
            sqlarray.literal([object()])

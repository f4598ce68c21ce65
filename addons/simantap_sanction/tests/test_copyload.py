from datetime import date
from decimal import Decimal

import psycopg2
import psycopg2.extensions

from odoo.tests import BaseCase, TransactionCase, tagged
from odoo.tools import mute_logger, split_every

from ..lib import copyload


@tagged("post_install", "-at_install")
class TestCopyLine(BaseCase):
    """A row as a line of COPY text: pure, no database."""

    def test_values_are_written_as_copy_text(self):
        line = copyload.copy_line(
            (7, None, "a\tb\\c\nd", Decimal("2.50"), date(2026, 11, 2), True)
        )
        self.assertEqual(line, "7\t\\N\ta\\tb\\\\c\\nd\t2.50\t2026-11-02\tTrue")

    def test_text_that_looks_like_copy_syntax_stays_text(self):
        self.assertEqual(copyload.copy_line(("\\N",)), "\\\\N")
        self.assertEqual(copyload.copy_line(("a\r\nb",)), "a\\r\\nb")
        self.assertEqual(copyload.copy_line(("Kepala Bidang Ü",)), "Kepala Bidang Ü")
        self.assertEqual(copyload.copy_line(("",)), "")
        self.assertEqual(copyload.copy_line(()), "")


@tagged("post_install", "-at_install")
class TestCopyLoad(TransactionCase):
    """Rows loaded by PostgreSQL unchanged, in chunks sent by the loader."""

    def setUp(self):
        super().setUp()
        self.env.cr.execute(
            "CREATE TEMP TABLE copyload_probe (n int, t varchar, d date, m numeric)"
        )

    def load(self, rows, chunk):
        cr = self.env.cr
        with copyload.Loader(cr) as loader:
            for batch in split_every(chunk, rows, list):
                loader.send("copyload_probe", ("n", "t", "d", "m"), batch)
        cr.execute("SELECT n, t, d, m FROM copyload_probe ORDER BY n")
        return cr.fetchall()

    def test_rows_are_loaded_unchanged(self):
        rows = [
            (1, "plain", date(2026, 11, 2), Decimal("835000.00")),
            (2, "tab\there \\ too\r\nand \\N", None, Decimal("-0.5")),
            (3, "", None, None),
        ]
        rows += [(n, None, None, None) for n in range(4, 2004)]
        self.assertEqual(self.load(rows, chunk=500), rows)

    def test_chunk_boundaries(self):
        for count in (0, 1, 499, 500, 1000):
            self.env.cr.execute("TRUNCATE copyload_probe")
            rows = [(n, str(n), None, None) for n in range(count)]
            self.assertEqual(self.load(iter(rows), chunk=500), rows, count)

    def test_a_refused_row_restores_the_wait_callback(self):
        callback = psycopg2.extensions.get_wait_callback()
        with (
            self.assertRaises(psycopg2.DataError),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.load([(1, "ok", None, None), (2, "x", "not a date", None)], 500)
        self.assertIs(psycopg2.extensions.get_wait_callback(), callback)

    def test_chunks_after_a_refused_one_are_not_sent(self):
        cr = self.env.cr
        callback = psycopg2.extensions.get_wait_callback()
        with (
            self.assertRaises(psycopg2.DataError),
            mute_logger("odoo.sql_db"),
            cr.savepoint(),
            copyload.Loader(cr) as loader,
        ):
            loader.send("copyload_probe", ("n", "d"), [(1, "not a date")])
            for n in range(2, 50):  # queued or refused at once: never loaded
                loader.send("copyload_probe", ("n",), [(n,)])
        cr.execute("SELECT count(*) FROM copyload_probe")
        self.assertEqual(cr.fetchone()[0], 0)
        self.assertIs(psycopg2.extensions.get_wait_callback(), callback)

import datetime
from contextlib import closing

from psycopg2 import errors

from odoo import sql_db
from odoo.tests import freeze_time, tagged
from odoo.tools import SQL, mute_logger

from ..models.simantap_daily_status import EVALUATE_DAY_LOCK
from .test_daily_status import DailyCase

D = datetime.date


@tagged("post_install", "-at_install")
class TestDayEvaluationLock(DailyCase):
    """Two servers (here: a second connection) never evaluate the same day at once."""

    def _hold_lock(self, day):
        """Another connection, as another server's cron would, holding ``day``."""
        cnx = sql_db.db_connect(self.env.cr.dbname).cursor()
        cnx.execute(
            SQL(
                "SELECT pg_advisory_xact_lock(%s, %s)",
                EVALUATE_DAY_LOCK,
                day.toordinal(),
            )
        )
        return cnx

    def _statuses(self, day):
        return self.Status.search_count([("date", "=", day)])

    def test_cron_leaves_a_day_another_server_evaluates(self):
        yesterday = D(2026, 11, 3)
        params = self.env["ir.config_parameter"].sudo()
        before = params.get_param("simantap_attendance.daily_status_cursor")
        with closing(self._hold_lock(yesterday)), freeze_time("2026-11-04 02:00:00"):
            self.Status._cron_evaluate_days()
            self.assertEqual(self._statuses(yesterday), 0)
            self.assertEqual(
                params.get_param("simantap_attendance.daily_status_cursor"), before
            )
        # the other server is done (its transaction ended): the next run evaluates
        with freeze_time("2026-11-04 02:00:00"):
            self.Status._cron_evaluate_days()
        self.assertTrue(self._statuses(yesterday))

    def test_evaluation_waits_for_the_day_being_evaluated(self):
        day = D(2026, 11, 2)
        with closing(self._hold_lock(day)):
            with (
                self.env.cr.savepoint(),
                self.assertRaises(errors.LockNotAvailable),
                mute_logger("odoo.sql_db"),
            ):
                self.env.cr.execute("SET LOCAL lock_timeout = '200ms'")
                self.Status._evaluate(day, employees=self.emp_employee)
            # another day is not held up
            self.Status._evaluate(D(2026, 11, 3), employees=self.emp_employee)
        self.assertEqual(self._statuses(day), 0)
        self.assertEqual(self._statuses(D(2026, 11, 3)), 1)

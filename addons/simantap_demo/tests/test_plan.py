import datetime
import unittest

from ..lib.plan import plan_days

DAYS = [datetime.date(2026, 11, 2) + datetime.timedelta(days=n) for n in range(60)]


class TestPlan(unittest.TestCase):
    def test_same_seed_same_month(self):
        self.assertEqual(plan_days("1990", DAYS), plan_days("1990", DAYS))
        self.assertNotEqual(plan_days("1990", DAYS), plan_days("1991", DAYS))

    def test_steady_employee_is_never_absent_and_mostly_on_time(self):
        plans = plan_days("199002182017101738", DAYS).values()
        self.assertTrue(all(plan.present for plan in plans))
        on_time = [plan for plan in plans if plan.late <= 0 and plan.early <= 0]
        self.assertGreater(len(on_time), len(DAYS) * 0.8)

    def test_careless_employee_is_late_and_absent_at_times(self):
        plans = plan_days("199010132022061689", DAYS, "careless").values()
        self.assertTrue(any(not plan.present for plan in plans))
        self.assertGreater(sum(plan.late > 0 for plan in plans), 10)
        self.assertTrue(all(plan.late <= 75 and plan.early <= 50 for plan in plans))

from odoo.tests import freeze_time, tagged

from odoo.addons.simantap_sanction.tests.common import OCT

from .test_documents import MobileMonthCase


@tagged("post_install", "-at_install")
@freeze_time("2026-11-03 10:00:00")
class TestDaysWorthAnObjection(MobileMonthCase):
    """The phone offers an objection only on a day whose codes cut TPP, and tells
    weekends from working days the night has not evaluated yet."""

    def setUp(self):
        super().setUp()
        self.october = self.period(OCT)
        self.october.action_compute()
        self.october.action_start_review()

    def month(self):
        with self.client() as client:
            response = client.get(
                "/me/month",
                params={"month": "2026-10"},
                headers=self.token(client, "sm_pegawai"),
            )
        self.assertEqual(response.status_code, 200, response.text)
        return {day["date"]: day for day in response.json()["days"]}

    def test_only_days_that_cost_something_offer_an_objection(self):
        days = self.month()
        # TK, a late bracket, sick leave past its free days: they cut TPP
        for date in ("2026-10-13", "2026-10-05", "2026-10-19"):
            self.assertTrue(days[date]["can_object"], date)
        # present, on field duty, on annual leave: nothing to object to
        for date in ("2026-10-22", "2026-10-14", "2026-10-15"):
            self.assertFalse(days[date]["can_object"], date)
        # a Sunday has no status and nothing to object to
        self.assertFalse(days["2026-10-18"]["can_object"])

    def test_a_weekend_is_not_a_working_day_before_any_evaluation(self):
        with self.client() as client:
            week = client.get(
                "/me/week",
                params={"date": "2026-11-03"},
                headers=self.token(client, "sm_pegawai"),
            ).json()
        by_date = {day["date"]: day for day in week["days"]}
        # nothing of November is evaluated: Saturday and Sunday are days off,
        # the weekdays (today and the days to come) working days
        self.assertFalse(any(day["evaluated"] for day in week["days"]))
        self.assertEqual(
            [by_date[d]["working_day"] for d in ("2026-11-07", "2026-11-08")],
            [False, False],
        )
        self.assertTrue(
            all(by_date[f"2026-11-0{n}"]["working_day"] for n in range(3, 7))
        )

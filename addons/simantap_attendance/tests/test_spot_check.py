import base64
import random
from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .presence_common import AWAY, DAY, NEAR, PresenceCase, selfie, utc


@tagged("post_install", "-at_install")
class TestSpotCheck(PresenceCase):
    """Random spot checks: drawn, told, answered inside / outside / late / never."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.SpotCheck = cls.env["simantap.spot.check"]

    def setUp(self):
        super().setUp()
        self.attendance = self.check_in(self.emp_employee, utc(0, 55))

    def spot(self, employee, due_at):
        return self.SpotCheck.create(
            {
                "employee_id": employee.id,
                "work_date": DAY.date(),
                "due_at": due_at,
                "day_end": utc(10),
            }
        )

    def today(self, employee, at):
        with freeze_time(at):
            return self.Presence._today(employee)

    def answer(self, employee, check, at, where=NEAR, photo_seed=7, **extra):
        with freeze_time(at):
            return self.Presence._answer_spot_check(
                employee,
                self.payload(
                    at - timedelta(seconds=3),
                    where,
                    spot_check_id=check.id,
                    photo=selfie(photo_seed),
                    **extra,
                ),
            )

    # ------------------------------------------------------------------ drawing

    def test_draw_gives_each_employee_the_day_s_moments_in_working_time(self):
        with freeze_time(utc(17, 30) - timedelta(days=1)):  # Monday 00:30 local
            drawn = self.SpotCheck._draw_for(self.staff)
            self.assertFalse(self.SpotCheck._draw_for(self.staff))  # once a day
        self.assertEqual(len(drawn), 2 * len(self.staff))
        for employee in self.staff:
            mine = drawn.filtered(lambda check, emp=employee: check.employee_id == emp)
            self.assertEqual(len(mine), 2)
            for check in mine:
                self.assertEqual(check.work_date, DAY.date())
                self.assertEqual(check.state, "pending")
                self.assertEqual(check.day_end, utc(10))
                self.assertTrue(
                    utc(1) <= check.due_at < utc(5) or utc(6) <= check.due_at < utc(10),
                    check.due_at,
                )

    def test_draw_late_in_the_day_only_draws_what_is_left(self):
        with freeze_time(utc(7)):
            drawn = self.SpotCheck._draw_for(self.emp_employee, rng=random.Random(1))
        self.assertEqual(len(drawn), 2)
        self.assertTrue(all(utc(7) <= due < utc(10) for due in drawn.mapped("due_at")))

    def test_no_draw_on_a_weekend_or_when_disabled(self):
        with freeze_time(utc(2) + timedelta(days=5)):
            self.assertFalse(self.SpotCheck._draw_for(self.staff))
        self.company.simantap_spot_checks_per_day = 0
        with freeze_time(utc(0)):
            self.assertFalse(self.SpotCheck._draw_for(self.staff))

    def test_draw_cron_runs(self):
        with freeze_time(utc(0)):
            self.SpotCheck._cron_draw_spot_checks()
        self.assertEqual(
            self.SpotCheck.search_count([("employee_id", "in", self.staff.ids)]),
            2 * len(self.staff),
        )

    # ------------------------------------------------------------------ telling

    def test_today_tells_a_due_spot_check_once_checked_in(self):
        check = self.spot(self.emp_employee, utc(2))
        self.assertIsNone(self.today(self.emp_employee, utc(1, 59))["spot_check"])
        self.assertFalse(check.notified_at)
        today = self.today(self.emp_employee, utc(2, 5))
        self.assertEqual(today["spot_check"]["id"], check.id)
        self.assertEqual(today["spot_check"]["seconds_left"], 15 * 60)
        self.assertEqual(check.notified_at, utc(2, 5))
        self.assertEqual(check.deadline, utc(2, 20))
        self.assertEqual(check.close_at, utc(2, 35))
        # asked again later, the window does not move
        self.assertEqual(
            self.today(self.emp_employee, utc(2, 10))["spot_check"]["seconds_left"],
            10 * 60,
        )
        self.assertEqual(today["checked_in"], True)
        self.assertEqual(today["collecting"], True)
        self.assertEqual(today["ping_interval_minutes"], 60)
        self.assertEqual(today["next_ping_at"], "2026-11-02 01:55:00")

    def test_a_ping_also_tells_the_spot_check(self):
        check = self.spot(self.emp_employee, utc(2))
        result = self.ping(self.emp_employee, utc(2, 1))
        self.assertEqual(result["spot_check"]["id"], check.id)

    def test_spot_check_before_the_check_in_is_not_told_and_ends_void(self):
        check = self.spot(self.emp_colleague, utc(1, 30))
        self.check_in(self.emp_colleague, utc(2))
        self.assertIsNone(self.today(self.emp_colleague, utc(2, 5))["spot_check"])
        with freeze_time(utc(10, 5)):
            self.SpotCheck._close_overdue()
        self.assertEqual(check.state, "void")

    def test_not_checked_in_nothing_is_told(self):
        self.spot(self.emp_colleague, utc(2))
        today = self.today(self.emp_colleague, utc(2, 5))
        self.assertIsNone(today["spot_check"])
        self.assertFalse(today["collecting"])
        self.assertIsNone(today["next_ping_at"])

    # ------------------------------------------------------------------ answers

    def test_answered_inside(self):
        check = self.spot(self.emp_employee, utc(2))
        self.today(self.emp_employee, utc(2, 5))
        result = self.answer(self.emp_employee, check, utc(2, 10))
        self.assertEqual(result["status"], "accepted", result)
        self.assertEqual(result["state"], "answered_inside")
        self.assertEqual(check.state, "answered_inside")
        self.assertEqual(check.verdict, "inside")
        self.assertEqual(check.location_id, self.office)
        self.assertEqual(check.answered_at, utc(2, 10))
        self.assertTrue(check.photo_hash)
        self.assertTrue(base64.b64decode(check.photo).startswith(b"\xff\xd8"))
        again = self.answer(
            self.emp_employee, check, utc(2, 11), uuid=check.uuid, where=AWAY
        )
        self.assertTrue(again["replayed"])
        self.assertEqual(again["state"], "answered_inside")

    def test_answer_from_a_fast_phone_clock_is_dated_on_ours(self):
        check = self.spot(self.emp_employee, utc(2))
        self.today(self.emp_employee, utc(2, 5))
        fast = timedelta(minutes=10)
        with freeze_time(utc(2, 10)):
            result = self.Presence._answer_spot_check(
                self.emp_employee,
                self.payload(
                    utc(2, 10) + fast - timedelta(seconds=3),
                    NEAR,
                    spot_check_id=check.id,
                    photo=selfie(7),
                    sent_at=utc(2, 10) + fast - timedelta(seconds=1),
                ),
            )
        self.assertEqual(result["state"], "answered_inside", result)
        self.assertEqual(check.captured_at, utc(2, 10) - timedelta(seconds=2))
        self.assertEqual(check.clock_offset, -(10 * 60 - 1))

    def test_answered_outside(self):
        check = self.spot(self.emp_employee, utc(2))
        self.today(self.emp_employee, utc(2, 5))
        result = self.answer(self.emp_employee, check, utc(2, 10), where=AWAY)
        self.assertEqual(result["state"], "answered_outside")
        self.assertEqual(check.verdict, "outside")
        self.assertGreater(check.distance, 800)

    def test_answered_late(self):
        check = self.spot(self.emp_employee, utc(2))
        self.today(self.emp_employee, utc(2, 5))
        result = self.answer(self.emp_employee, check, utc(2, 25))
        self.assertEqual(result["state"], "late")
        self.assertEqual(check.verdict, "inside")

    def test_never_answered(self):
        check = self.spot(self.emp_employee, utc(2))
        self.today(self.emp_employee, utc(2, 5))
        with freeze_time(utc(2, 30)):
            self.SpotCheck._cron_close_spot_checks()
        self.assertEqual(check.state, "pending")  # a late answer is still taken
        with freeze_time(utc(2, 36)):
            self.SpotCheck._cron_close_spot_checks()
        self.assertEqual(check.state, "unanswered")
        result = self.answer(self.emp_employee, check, utc(2, 40))
        self.assertEqual(result["reason"], "spot_check_closed")

    def test_answer_after_the_close_without_cron_closes_it(self):
        check = self.spot(self.emp_employee, utc(2))
        self.today(self.emp_employee, utc(2, 5))
        result = self.answer(self.emp_employee, check, utc(2, 40))
        self.assertEqual(result["reason"], "spot_check_closed")
        self.assertEqual(check.state, "unanswered")

    def test_never_told_while_checked_in_is_unanswered_at_day_end(self):
        check = self.spot(self.emp_employee, utc(2))
        with freeze_time(utc(9)):
            self.SpotCheck._close_overdue()
        self.assertEqual(check.state, "pending")
        with freeze_time(utc(10, 1)):
            self.SpotCheck._close_overdue()
        self.assertEqual(check.state, "unanswered")

    def test_answer_straight_away_without_asking_first(self):
        check = self.spot(self.emp_employee, utc(2))
        result = self.answer(self.emp_employee, check, utc(2, 3))
        self.assertEqual(result["state"], "answered_inside")
        self.assertEqual(check.notified_at, utc(2, 3))

    def test_unknown_not_yet_due_or_foreign_spot_checks_are_refused(self):
        future = self.spot(self.emp_employee, utc(4))
        foreign = self.spot(self.emp_colleague, utc(2))
        for check in (future, foreign, self.SpotCheck.browse(987654)):
            result = self.answer(self.emp_employee, check, utc(2, 10))
            self.assertEqual(result["reason"], "spot_check_unknown")
        self.assertEqual(future.state, "pending")

    def test_answer_needs_a_real_selfie_and_a_real_fix(self):
        check = self.spot(self.emp_employee, utc(2))
        with freeze_time(utc(2, 5)):
            payload = self.payload(utc(2, 4), NEAR, spot_check_id=check.id)
            result = self.Presence._answer_spot_check(self.emp_employee, payload)
            self.assertEqual(result["reason"], "photo_missing")
            payload["photo"] = b"not a picture at all"
            result = self.Presence._answer_spot_check(self.emp_employee, payload)
            self.assertEqual(result["reason"], "photo_not_image")
            payload.update(photo=selfie(), mock_location=True)
            result = self.Presence._answer_spot_check(self.emp_employee, payload)
            self.assertEqual(result["reason"], "mock_location")
            payload.update(
                mock_location=False, photo=base64.b64encode(selfie()).decode()
            )
            result = self.Presence._answer_spot_check(self.emp_employee, payload)
            self.assertEqual(result["status"], "accepted")
        self.assertEqual(check.state, "answered_inside")

    def test_reused_selfie_raises_a_signal(self):
        first = self.spot(self.emp_employee, utc(2))
        second = self.spot(self.emp_employee, utc(3))
        self.answer(self.emp_employee, first, utc(2, 3), photo_seed=11)
        result = self.answer(self.emp_employee, second, utc(3, 3), photo_seed=11)
        self.assertIn("photo_reused", result["signals"])
        self.assertTrue(second.photo_reused)
        third = self.spot(self.emp_employee, utc(4))
        result = self.answer(self.emp_employee, third, utc(4, 3), photo_seed=12)
        self.assertNotIn("photo_reused", result["signals"])

    def test_answer_is_a_fix_of_the_day(self):
        check = self.spot(self.emp_employee, utc(2))
        self.answer(self.emp_employee, check, utc(2, 3), where=AWAY)
        self.ping(self.emp_employee, utc(2, 33))
        episodes = self.derive(self.emp_employee, utc(2, 40))
        self.assertEqual(
            [(ep.kind, ep.start, ep.stop) for ep in episodes],
            [("outside", utc(2, 3) - timedelta(seconds=3), utc(2, 33))],
        )

import random
from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from .presence_common import AWAY, DAY, NEAR, OFFICE, PresenceCase, selfie, utc

FAR = (-6.2181, 106.8166)  # 2 km south
ELSEWHERE = (-6.7, 106.8166)  # 55 km south


def shape(episodes):
    return [
        (ep.kind, ep.start, ep.stop, ep.minutes, round(ep.max_distance))
        for ep in episodes
    ]


@tagged("post_install", "-at_install")
class TestPresenceEpisodes(PresenceCase):
    """Episodes derived from the stored facts of a day."""

    def test_cadence_kept_gives_no_episode(self):
        self.check_in(self.emp_employee, utc(0, 55), check_out=utc(10, 5))
        for hour, minute in ((1, 50), (2, 50), (3, 50), (4, 50), (6, 10), (7, 10)):
            self.ping(self.emp_employee, utc(hour, minute))
        self.ping(self.emp_employee, utc(8, 10))
        self.ping(self.emp_employee, utc(9, 10))
        self.assertFalse(self.derive(self.emp_employee, utc(12)))
        day = self.env["simantap.presence.day"].search(
            [("employee_id", "=", self.emp_employee.id)]
        )
        self.assertEqual(
            (day.ping_count, day.outside_minutes, day.silent_minutes, day.to_derive),
            (8, 0, 0, False),
        )

    def test_cadence_broken_gives_a_silent_episode(self):
        self.check_in(self.emp_employee, utc(0, 55), check_out=utc(10, 5))
        for hour, minute in ((1, 50), (4, 30), (6, 10), (7, 10), (8, 10), (9, 10)):
            self.ping(self.emp_employee, utc(hour, minute))
        episodes = self.derive(self.emp_employee, utc(12))
        self.assertEqual(
            [(ep.kind, ep.start, ep.stop, ep.minutes) for ep in episodes],
            [("silent", utc(1, 50), utc(4, 30), 160)],
        )
        day = self.env["simantap.presence.day"].search(
            [("employee_id", "=", self.emp_employee.id)]
        )
        self.assertEqual(day.silent_minutes, 160)

    def test_unit_cadence_decides_the_silence(self):
        self.sub_unit.simantap_ping_interval = 180
        self.check_in(self.emp_employee, utc(0, 55), check_out=utc(10, 5))
        for hour, minute in ((1, 50), (4, 30), (6, 10), (7, 10), (8, 10), (9, 10)):
            self.ping(self.emp_employee, utc(hour, minute))
        self.assertFalse(self.derive(self.emp_employee, utc(12)))

    def test_phone_off_all_day_does_not_hide_anyone(self):
        self.check_in(self.emp_employee, utc(0, 55), check_out=utc(10, 5))
        with freeze_time(utc(12)):  # 19:00 in Jakarta: the day is not over
            self.Presence._cron_derive_days()
        self.assertFalse(self.episodes(self.emp_employee))
        with freeze_time(utc(17, 30)):  # 00:30 the next day in Jakarta
            self.Presence._cron_derive_days()
        episodes = self.episodes(self.emp_employee)
        self.assertEqual(
            [(ep.kind, ep.start, ep.stop, ep.minutes) for ep in episodes],
            [("silent", utc(1), utc(10), 480)],
        )
        with freeze_time(utc(17, 40)):
            self.assertEqual(self.Presence._cron_derive_days(), 0)

    def test_outside_episode_with_start_end_minutes_and_farthest_distance(self):
        self.check_in(self.emp_employee, utc(0, 55), check_out=utc(10, 5))
        self.ping(self.emp_employee, utc(1, 50))
        self.ping(self.emp_employee, utc(2, 30), where=AWAY)
        self.ping(self.emp_employee, utc(3, 0), where=FAR)
        self.ping(self.emp_employee, utc(3, 20), where=NEAR)
        for hour, minute in ((4, 20), (6, 10), (7, 10), (8, 10), (9, 10)):
            self.ping(self.emp_employee, utc(hour, minute))
        episodes = self.derive(self.emp_employee, utc(12))
        self.assertEqual(len(episodes), 1)
        outside = episodes
        self.assertEqual(outside.kind, "outside")
        self.assertEqual((outside.start, outside.stop), (utc(2, 30), utc(3, 20)))
        self.assertEqual(outside.minutes, 50)
        self.assertAlmostEqual(outside.max_distance, 1901, delta=5)
        self.assertEqual(outside.department_id, self.sub_unit)
        day = self.env["simantap.presence.day"].search(
            [("employee_id", "=", self.emp_employee.id)]
        )
        self.assertEqual(day.outside_minutes, 50)

    def test_impossible_travel_between_two_pings(self):
        self.check_in(self.emp_employee, utc(0, 55))
        self.ping(self.emp_employee, utc(1, 50))
        self.ping(self.emp_employee, utc(2, 0), where=ELSEWHERE)
        self.ping(self.emp_employee, utc(2, 10))
        episodes = self.derive(self.emp_employee, utc(2, 20))
        travel = episodes.filtered(lambda ep: ep.kind == "travel")
        self.assertEqual(len(travel), 2)
        self.assertGreater(min(travel.mapped("speed_kmh")), 150)

    def test_approved_duty_is_not_watched_for_silence(self):
        self.check_in(self.emp_employee, utc(0, 55), check_out=utc(10, 5))
        for hour, minute in ((1, 50), (4, 30), (6, 10), (7, 10), (8, 10), (9, 10)):
            self.ping(self.emp_employee, utc(hour, minute))
        Presence = type(self.env["simantap.presence"])
        duty = {self.emp_employee.id: [(utc(2), utc(4), 0)]}
        with patch.object(Presence, "_duty_intervals", lambda *args: duty):
            self.assertFalse(self.derive(self.emp_employee, utc(12)))

    def test_presence_figures_for_the_daily_status(self):
        self.check_in(self.emp_employee, utc(0, 55), check_out=utc(10, 5))
        for hour, minute in ((1, 50), (4, 30), (6, 10), (7, 10), (8, 10), (9, 10)):
            self.ping(self.emp_employee, utc(hour, minute))
        self.ping(self.emp_employee, utc(6, 40), where=AWAY)
        SpotCheck = self.env["simantap.spot.check"]
        for due_at, state in ((utc(2), "answered_inside"), (utc(3), "unanswered")):
            SpotCheck.create(
                {
                    "employee_id": self.emp_employee.id,
                    "work_date": DAY.date(),
                    "due_at": due_at,
                    "day_end": utc(10),
                    "state": state,
                }
            )
        self.derive(self.emp_employee, utc(12))
        Calendar = self.env["simantap.calendar"]
        start, stop = Calendar._day_bounds(
            Calendar._employee_zone(self.emp_employee), DAY.date()
        )
        figures = self.env["simantap.daily.status"]._presence_figures(
            self.emp_employee.ids, start, stop
        )
        self.assertEqual(
            figures[self.emp_employee.id],
            {
                "minutes_outside": 30,
                "minutes_silent": 160,
                "checks_expected": 2,
                "checks_answered": 1,
            },
        )

    def test_derivation_replaces_the_day_and_is_stable(self):
        self.check_in(self.emp_employee, utc(0, 55))
        self.ping(self.emp_employee, utc(1, 50))
        self.ping(self.emp_employee, utc(2, 30), where=AWAY)
        first = shape(self.derive(self.emp_employee, utc(5)))
        second = shape(self.derive(self.emp_employee, utc(5)))
        self.assertEqual(first, second)
        self.assertEqual(
            self.env["simantap.presence.episode"].search_count(
                [("employee_id", "=", self.emp_employee.id)]
            ),
            len(first),
        )


@tagged("post_install", "-at_install")
class TestPresenceSync(PresenceCase):
    """Offline batches: any order, twice, partly bad."""

    def day_events(self):
        """A day captured offline: check-in, pings (one outside stretch and one
        silence), check-out; fresh UUIDs on each call."""

        def event(kind, when, where=NEAR, **extra):
            return {
                "kind": kind,
                **self.payload(when, where, **extra),
            }

        events = [event("check_in", utc(0, 55), OFFICE, photo=selfie(1))]
        for hour, minute, where in (
            (1, 50, NEAR),
            (2, 30, AWAY),
            (2, 50, FAR),
            (3, 10, NEAR),
            (6, 30, NEAR),
            (7, 30, NEAR),
            (8, 30, AWAY),
            (9, 30, NEAR),
        ):
            events.append(event("ping", utc(hour, minute), where))
        events.append(event("check_out", utc(10, 5), OFFICE, photo=selfie(2)))
        return events

    def sync(self, employee, events, at):
        with freeze_time(at):
            return self.Presence._sync_batch(employee, events)

    def test_in_order_and_shuffled_twice_give_the_same_episodes(self):
        received = utc(11)
        in_order = self.sync(self.emp_employee, self.day_events(), received)
        self.assertEqual(
            [r["status"] for r in in_order["results"]], ["accepted"] * 10, in_order
        )
        expected = shape(self.episodes(self.emp_employee))
        self.assertEqual(
            [kind for kind, *_rest in expected], ["outside", "silent", "outside"]
        )

        events = self.day_events()
        shuffled = events[:]
        random.Random(3).shuffle(shuffled)
        batch = shuffled + shuffled[:4]  # some sent twice in the same batch
        first = self.sync(self.emp_colleague, batch, received)
        self.assertEqual(
            [r["status"] for r in first["results"]], ["accepted"] * len(batch)
        )
        self.assertEqual(sum(r["replayed"] for r in first["results"]), 4)
        again = self.sync(self.emp_colleague, list(reversed(events)), utc(12))
        self.assertTrue(all(r["replayed"] for r in again["results"]), again)
        self.assertEqual(shape(self.episodes(self.emp_colleague)), expected)
        self.assertEqual(
            self.env["simantap.presence.ping"].search_count(
                [("employee_id", "=", self.emp_colleague.id)]
            ),
            8,
        )
        self.assertEqual(
            self.env["hr.attendance"].search_count(
                [("employee_id", "=", self.emp_colleague.id)]
            ),
            1,
        )

    def test_a_partly_bad_batch_keeps_the_good_events(self):
        events = self.day_events()
        events[2]["mock_location"] = True
        events[3]["latitude"] = 123
        events.append({"kind": "selfie", "uuid": "c-odd"})
        events.append("not an event")
        result = self.sync(self.emp_employee, events, utc(11))
        reasons = [r["reason"] for r in result["results"]]
        self.assertEqual(reasons[2], "mock_location")
        self.assertEqual(reasons[3], "latitude_out_of_range")
        self.assertEqual(reasons[-2:], ["kind_invalid", "kind_invalid"])
        self.assertEqual(
            [r["status"] for r in result["results"]].count("accepted"), len(events) - 4
        )
        self.assertEqual(
            self.env["simantap.presence.ping"].search_count(
                [("employee_id", "=", self.emp_employee.id)]
            ),
            6,
        )

    def test_pings_sent_before_their_check_in_are_refused_then_accepted(self):
        events = self.day_events()
        pings = [event for event in events if event["kind"] == "ping"]
        early = self.sync(self.emp_employee, pings, utc(11))
        self.assertEqual(
            {r["reason"] for r in early["results"]}, {"not_checked_in"}, early
        )
        later = self.sync(self.emp_employee, events, utc(11, 30))
        self.assertEqual(
            [r["status"] for r in later["results"]], ["accepted"] * len(events)
        )
        self.assertTrue(self.episodes(self.emp_employee))

    def test_a_late_batch_re_evaluates_the_daily_status(self):
        self.sync(self.emp_employee, self.day_events(), utc(11) + timedelta(days=1))
        status = self.env["simantap.daily.status"].search(
            [("employee_id", "=", self.emp_employee.id), ("date", "=", DAY.date())]
        )
        self.assertTrue(status)

    def test_too_old_batch_is_refused(self):
        events = self.day_events()
        result = self.sync(self.emp_employee, events, DAY + timedelta(days=4))
        self.assertEqual(
            {r["reason"] for r in result["results"]}, {"captured_too_old"}, result
        )


@tagged("post_install", "-at_install")
class TestPresenceRetention(PresenceCase):
    """Raw pings go after the retention period, once their day is closed."""

    def test_closed_days_lose_their_raw_pings_but_keep_episodes(self):
        old_day = DAY - timedelta(days=98)  # Mondays
        recent_day = DAY - timedelta(days=14)
        for day in (old_day, recent_day):
            self.check_in(self.emp_employee, utc(0, 55, day), utc(10, 5, day))
            self.ping(self.emp_employee, utc(1, 50, day))
            self.ping(self.emp_employee, utc(2, 30, day), where=AWAY)
            self.ping(self.emp_employee, utc(3, 30, day))
        Ping = self.env["simantap.presence.ping"]
        Day = self.env["simantap.presence.day"]
        with freeze_time(utc(20)):
            # open days keep their pings whatever their age
            self.assertEqual(self.Presence._cron_purge_pings(), 0)
            self.assertEqual(self.Presence._cron_close_days(), 2)
            self.assertEqual(
                set(
                    Day.search([("employee_id", "=", self.emp_employee.id)]).mapped(
                        "state"
                    )
                ),
                {"closed"},
            )
            self.assertEqual(self.Presence._cron_purge_pings(), 3)
        self.assertFalse(Ping.search([("work_date", "=", old_day.date())]))
        self.assertEqual(Ping.search_count([("work_date", "=", recent_day.date())]), 3)
        old_episodes = self.episodes(self.emp_employee, old_day)
        self.assertIn("outside", old_episodes.mapped("kind"))
        # a closed day is never derived again: its episodes survive the purge
        self.derive(self.emp_employee, utc(21), old_day)
        self.assertEqual(self.episodes(self.emp_employee, old_day), old_episodes)
        old = Day.search(
            [
                ("employee_id", "=", self.emp_employee.id),
                ("work_date", "=", old_day.date()),
            ]
        )
        self.assertEqual(old.outside_minutes, 60)
        self.assertEqual(old.ping_count, 3)

    def test_days_within_the_sync_limit_stay_open(self):
        friday = DAY - timedelta(days=3)
        self.check_in(self.emp_employee, utc(0, 55, friday), utc(10, 5, friday))
        result = self.ping(self.emp_employee, utc(1, 50, friday))
        self.assertEqual(result["status"], "accepted")
        with freeze_time(utc(20)):
            self.assertEqual(self.Presence._cron_close_days(), 0)

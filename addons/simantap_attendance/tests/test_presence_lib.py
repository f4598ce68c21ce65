import itertools
import random
from datetime import datetime, timedelta

from odoo.tests import BaseCase, tagged

from ..lib import intervals, presence

DAY = datetime(2026, 11, 2)
# Working time 08:00-12:00 and 13:00-16:00, checked in all of it.
WINDOWS = [
    (DAY.replace(hour=1), DAY.replace(hour=5)),
    (DAY.replace(hour=6), DAY.replace(hour=9)),
]
OFFICE = (-6.2, 106.8166)


def at(hour, minute=0):
    return DAY.replace(hour=hour, minute=minute)


def fix(when, verdict="inside", distance=0.0, lat=OFFICE[0], lon=OFFICE[1], key=None):
    return presence.Fix(
        at=when,
        key=key or when.isoformat(),
        verdict=verdict,
        distance=distance,
        latitude=lat,
        longitude=lon,
        accuracy=10.0,
    )


@tagged("post_install", "-at_install")
class TestPresenceLib(BaseCase):
    """The pure day derivation and the spot-check draw, without the database."""

    def derive(self, fixes, until=None):
        return presence.derive_day(fixes, WINDOWS, 75, 150.0, until=until)

    def test_cadence_kept_gives_no_episode(self):
        fixes = [fix(at(1, 5) + timedelta(hours=h)) for h in range(8)]
        self.assertEqual(self.derive(fixes), [])

    def test_silence_longer_than_cadence_and_grace(self):
        fixes = [fix(at(1, 0)), fix(at(2, 0)), fix(at(4, 30)), fix(at(9, 0))]
        silent = [ep for ep in self.derive(fixes) if ep.kind == presence.SILENT]
        self.assertEqual(
            [(ep.start, ep.stop, ep.minutes) for ep in silent],
            # 02:00-04:30 (150 min) and 04:30-09:00: 30 + 180 = 210 watched minutes
            # (the lunch hour 05:00-06:00 is not watched)
            [(at(2), at(4, 30), 150), (at(4, 30), at(9), 210)],
        )

    def test_lunch_break_is_not_silence(self):
        fixes = [fix(at(h)) for h in (1, 2, 3, 4)] + [
            fix(at(4, 50)),
            fix(at(6, 10)),
            fix(at(7, 10)),
            fix(at(8, 10)),
            fix(at(9)),
        ]
        self.assertEqual(self.derive(fixes), [])

    def test_outside_episode_from_first_outside_fix_to_the_return(self):
        fixes = [
            fix(at(1)),
            fix(at(2), "outside", 350.0),
            fix(at(2, 40), "outside", 1200.0),
            fix(at(3, 10)),
            fix(at(4)),
        ]
        outside = [ep for ep in self.derive(fixes) if ep.kind == presence.OUTSIDE]
        self.assertEqual(len(outside), 1)
        episode = outside[0]
        self.assertEqual((episode.start, episode.stop), (at(2), at(3, 10)))
        self.assertEqual(episode.minutes, 70)
        self.assertEqual(episode.max_distance, 1200.0)

    def test_on_duty_fix_is_not_outside(self):
        fixes = [fix(at(1)), fix(at(2), "on_duty", 5000.0), fix(at(3))]
        self.assertFalse(
            [ep for ep in self.derive(fixes) if ep.kind == presence.OUTSIDE]
        )

    def test_silence_cuts_an_outside_run(self):
        fixes = [fix(at(1)), fix(at(1, 30), "outside", 800.0), fix(at(4, 30))]
        fixes += [fix(at(4, 50)), fix(at(6, 30)), fix(at(7, 30)), fix(at(8, 30))]
        episodes = self.derive(fixes)
        outside = [ep for ep in episodes if ep.kind == presence.OUTSIDE]
        silent = [ep for ep in episodes if ep.kind == presence.SILENT]
        self.assertEqual([(ep.start, ep.stop) for ep in outside], [(at(1, 30),) * 2])
        self.assertEqual(
            [(ep.start, ep.stop) for ep in silent], [(at(1, 30), at(4, 30))]
        )

    def test_impossible_travel(self):
        far = (OFFICE[0] + 0.5, OFFICE[1])  # about 55 km north
        fixes = [fix(at(1)), fix(at(1, 10), "outside", 55000.0, *far), fix(at(1, 20))]
        travel = [ep for ep in self.derive(fixes) if ep.kind == presence.TRAVEL]
        self.assertEqual(len(travel), 2)
        self.assertGreater(travel[0].speed_kmh, 150)

    def test_gps_jitter_is_no_journey(self):
        near = (OFFICE[0] + 0.0001, OFFICE[1])  # 11 m, within the accuracy
        fixes = [fix(at(1)), fix(at(1, 0) + timedelta(seconds=5), "inside", 0, *near)]
        self.assertFalse(
            [ep for ep in self.derive(fixes) if ep.kind == presence.TRAVEL]
        )

    def test_same_facts_in_any_order_give_the_same_episodes(self):
        fixes = [
            fix(at(1)),
            fix(at(2), "outside", 300.0),
            fix(at(2), "outside", 310.0, key="zz"),
            fix(at(2, 30), "outside", 900.0),
            fix(at(6, 30)),
            fix(at(6, 31), "outside", 40000.0, OFFICE[0] + 0.4, OFFICE[1]),
            fix(at(9)),
        ]
        expected = self.derive(fixes)
        self.assertTrue(expected)
        for permutation in itertools.islice(itertools.permutations(fixes), 0, 500, 7):
            self.assertEqual(self.derive(list(permutation)), expected)

    def test_day_still_running_is_cut_at_now(self):
        fixes = [fix(at(1))]
        self.assertFalse(self.derive(fixes, until=at(2)))
        silent = self.derive(fixes, until=at(3))
        self.assertEqual(
            [(ep.start, ep.stop, ep.minutes) for ep in silent], [(at(1), at(3), 120)]
        )

    def test_draw_stays_inside_the_windows_and_after_now(self):
        rng = random.Random(4)
        for _round in range(200):
            moments = presence.draw_moments(WINDOWS, 2, rng, not_before=at(3))
            self.assertEqual(len(moments), 2)
            self.assertEqual(moments, sorted(moments))
            for moment in moments:
                self.assertGreaterEqual(moment, at(3))
                self.assertTrue(
                    any(start <= moment < stop for start, stop in WINDOWS), moment
                )

    def test_draw_covers_the_whole_working_time(self):
        rng = random.Random(7)
        hours = {
            moment.hour
            for _round in range(300)
            for moment in presence.draw_moments(WINDOWS, 2, rng)
        }
        self.assertEqual(hours, {1, 2, 3, 4, 6, 7, 8})

    def test_no_working_time_no_draw(self):
        self.assertEqual(presence.draw_moments([], 2, random.Random()), [])
        self.assertEqual(
            presence.draw_moments(WINDOWS, 2, random.Random(), not_before=at(10)), []
        )

    def test_quick_skip_never_hides_an_impossible_journey(self):
        rng = random.Random(11)
        for _round in range(3000):
            first = fix(
                at(1),
                lat=rng.uniform(-11, 6),
                lon=rng.uniform(95, 141),
            )
            second = fix(
                at(1) + timedelta(seconds=rng.randrange(1, 7200)),
                lat=first.latitude + rng.uniform(-0.5, 0.5),
                lon=first.longitude + rng.uniform(-0.5, 0.5),
            )
            if presence._surely_plausible(first, second, 150.0):
                speed, _distance = presence.plausible_speed_kmh(first, second)
                self.assertLessEqual(speed, 150.0)

    def test_time_on_duty_is_not_silence(self):
        fixes = [fix(at(1)), fix(at(4, 30)), fix(at(6, 30)), fix(at(7, 30))]
        fixes.append(fix(at(8, 30)))
        self.assertTrue(self.derive(fixes))
        excused = presence.derive_day(
            fixes, WINDOWS, 75, 150.0, excused=[(at(1, 30), at(4))]
        )
        self.assertEqual(excused, [])

    def test_subtract_intervals(self):
        self.assertEqual(
            intervals.subtract(WINDOWS, [(at(2), at(3)), (at(4, 30), at(7))]),
            [(at(1), at(2)), (at(3), at(4, 30)), (at(7), at(9))],
        )

    def test_union_and_intersect_intervals(self):
        self.assertEqual(
            intervals.union([(at(3), at(5), "DL"), (at(1), at(2)), (at(2), at(4))]),
            [(at(1), at(5))],
        )
        self.assertEqual(
            intervals.intersect(WINDOWS, [(at(0), at(1, 30)), (at(8), at(10))]),
            [(at(1), at(1, 30)), (at(8), at(9))],
        )

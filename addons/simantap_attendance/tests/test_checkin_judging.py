from freezegun import freeze_time

from odoo.tests import BaseCase, tagged

from ..lib import geofence
from .checkin_common import NOW, OFFICE, CheckinCase, north

CENTRE = (-0.5071, 101.4478)
METRE = 1 / 110_574


@tagged("post_install", "-at_install")
class TestGeofencePolicyLib(BaseCase):
    """How much of a fix's accuracy each policy believes: both sides of each bound.
    A 100 m circle; the fix 130 m from its centre is 30 m outside it."""

    def fence(self, policy, tolerance=30):
        return geofence.Fence(
            key=1,
            latitude=CENTRE[0],
            longitude=CENTRE[1],
            radius=100,
            policy=policy,
            tolerance=tolerance,
        )

    def judge(self, metres, accuracy, policy, tolerance=30):
        lat = CENTRE[0] + metres * METRE
        return geofence.judge(lat, CENTRE[1], accuracy, [self.fence(policy, tolerance)])

    def test_the_default_is_capped_at_30_m(self):
        self.assertEqual(geofence.Fence(1, 0, 0, 100).policy, "capped")
        self.assertEqual(geofence.Fence(1, 0, 0, 100).tolerance, 30)

    def test_lenient_believes_the_whole_accuracy(self):
        self.assertTrue(self.judge(199, 100, "lenient").inside)
        self.assertFalse(self.judge(201, 100, "lenient").inside)

    def test_strict_believes_none_of_it(self):
        self.assertTrue(self.judge(99, 100, "strict").inside)
        judgement = self.judge(101, 100, "strict")
        self.assertFalse(judgement.inside)
        self.assertEqual((judgement.policy, judgement.allowance), ("strict", 0))

    def test_capped_believes_the_accuracy_up_to_the_tolerance(self):
        self.assertTrue(self.judge(129, 100, "capped").inside)
        judgement = self.judge(131, 100, "capped")
        self.assertFalse(judgement.inside)
        self.assertEqual((judgement.allowance, judgement.tolerance), (30, 30))
        # a finer fix than the tolerance counts for what it claims
        self.assertTrue(self.judge(109, 10, "capped").inside)
        self.assertFalse(self.judge(111, 10, "capped").inside)

    def test_a_fence_that_admits_wins_over_a_nearer_one_that_does_not(self):
        strict = self.fence("strict")
        lenient = geofence.Fence(
            key=2,
            latitude=CENTRE[0] + 300 * METRE,
            longitude=CENTRE[1],
            radius=100,
            policy="lenient",
        )
        # 25 m outside the strict fence, 75 m outside the lenient one
        lat = CENTRE[0] + 125 * METRE
        judgement = geofence.judge(lat, CENTRE[1], 90, [strict, lenient])
        self.assertTrue(judgement.inside)
        self.assertEqual(judgement.fence_key, 2)
        judgement = geofence.judge(lat, CENTRE[1], 5, [strict, lenient])
        self.assertFalse(judgement.inside)
        self.assertEqual((judgement.fence_key, judgement.policy), (1, "strict"))


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestCheckinJudging(CheckinCase):
    """A fix too coarse is never judged; a fix is judged by its place's policy,
    else the company's, and a refusal says which rule refused."""

    def test_a_fix_too_coarse_has_no_verdict(self):
        result = self.send(where=north(OFFICE, 40), accuracy=250)
        self.assertEqual(result["reason"], "accuracy_too_poor")
        self.assertIsNone(result["verdict"])
        self.assertIsNone(result["distance"])
        self.assertIsNone(result["location_id"])
        attempt = self.attempt(result)
        self.assertFalse(attempt.verdict)
        self.assertFalse(attempt.location_id)
        self.assertTrue(attempt.has_fix, "the position is kept as evidence")
        # at the limit itself, the fix is judged
        judged = self.send(where=north(OFFICE, 40), accuracy=100, photo=self.photos[1])
        self.assertEqual(judged["verdict"], "inside")

    def test_the_company_policy_decides_and_is_named(self):
        where = north(OFFICE, 150)  # 50 m outside the 100 m fence
        refused = self.send(where=where, accuracy=80)
        self.assertEqual(refused["reason"], "outside_geofence")
        self.assertEqual(
            refused["message"],
            "You are 50 m outside Kantor Dinas Uji. Rule: the GPS accuracy counts "
            "for at most 30 m.",
        )
        self.assertEqual(self.attempt(refused).reason_params["rule"], "capped")
        self.company.simantap_geofence_policy = "lenient"
        accepted = self.send(where=where, accuracy=80, photo=self.photos[1])
        self.assertEqual(accepted["status"], "accepted")

    def test_strict_counts_no_accuracy(self):
        self.company.simantap_geofence_policy = "strict"
        refused = self.send(where=north(OFFICE, 110), accuracy=20)
        self.assertEqual(refused["reason"], "outside_geofence")
        self.assertIn("Rule: strict", refused["message"])
        inside = self.send(where=north(OFFICE, 90), accuracy=20, photo=self.photos[1])
        self.assertEqual(inside["status"], "accepted")

    def test_a_location_overrides_the_company(self):
        self.company.simantap_geofence_policy = "strict"
        self.office.write(
            {"simantap_geofence_policy": "capped", "simantap_geofence_tolerance": 60}
        )
        accepted = self.send(where=north(OFFICE, 150), accuracy=80)
        self.assertEqual(accepted["status"], "accepted")
        self.office.simantap_geofence_policy = "lenient"
        refused = self.send(
            employee=self.emp_colleague,
            device_id="HP-REKAN",
            where=north(OFFICE, 200),
            accuracy=80,
            photo=self.photos[1],
        )
        self.assertIn(
            "Rule: lenient, inside when the GPS accuracy circle (80 m) reaches the "
            "fence.",
            refused["message"],
        )

    def test_the_settings_show_the_policy(self):
        settings = self.env["res.config.settings"].with_company(self.company).create({})
        self.assertEqual(settings.simantap_geofence_policy, "capped")
        self.assertEqual(settings.simantap_geofence_tolerance, 30)

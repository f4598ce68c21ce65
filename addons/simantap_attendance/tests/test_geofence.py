import json
import math
import random
from datetime import datetime, timedelta

from geopy.distance import geodesic

from odoo.tests import TransactionCase, tagged

from ..lib import geofence

CENTRE = (-0.5071, 101.4478)
METRE = 1 / 110_574  # degrees of latitude in a metre, near the equator
LON_METRE = 1 / 111_320  # degrees of longitude in a metre


def north(metres, point=CENTRE):
    return point[0] + metres * METRE, point[1]


@tagged("post_install", "-at_install")
class TestGeofenceLib(TransactionCase):
    """The pure geometry, without the database."""

    def setUp(self):
        super().setUp()
        self.circle = geofence.Fence(
            key=1,
            latitude=CENTRE[0],
            longitude=CENTRE[1],
            radius=100,
            policy="lenient",
        )
        lat, lon = -0.52, 101.46
        self.ring = geofence.parse_polygon(
            json.dumps(
                {
                    "type": "Polygon",
                    "coordinates": [
                        [
                            [lon - 0.001, lat - 0.001],
                            [lon + 0.001, lat - 0.001],
                            [lon + 0.001, lat + 0.001],
                            [lon - 0.001, lat + 0.001],
                            [lon - 0.001, lat - 0.001],
                        ]
                    ],
                }
            )
        )
        self.square = geofence.Fence(
            key=2,
            latitude=0,
            longitude=0,
            radius=1,
            polygon=self.ring,
            policy="lenient",
        )

    def test_distance_is_geodesic(self):
        lat, lon = north(1000)
        self.assertAlmostEqual(geofence.distance_m(*CENTRE, lat, lon), 1000, delta=5)

    def test_short_distances_match_the_geodesic_within_a_centimetre(self):
        rng = random.Random(18)
        for _case in range(300):
            lat, lon = rng.uniform(-11, 6), rng.uniform(95, 141)
            other = (lat + rng.uniform(-0.15, 0.15), lon + rng.uniform(-0.15, 0.15))
            exact = geodesic((lat, lon), other).meters
            self.assertAlmostEqual(
                geofence.distance_m(lat, lon, *other), exact, delta=0.01
            )
        # far apart (an impossible journey): geopy's geodesic itself
        far = geodesic((-0.5, 101.4), (-0.9, 101.4)).meters
        self.assertEqual(geofence.distance_m(-0.5, 101.4, -0.9, 101.4), far)

    def test_inside_the_circle(self):
        judgement = geofence.judge(*north(60), 10, [self.circle])
        self.assertTrue(judgement.inside)
        self.assertEqual(judgement.distance, 0)
        self.assertEqual(judgement.fence_key, 1)

    def test_outside_the_circle(self):
        judgement = geofence.judge(*north(300), 10, [self.circle])
        self.assertFalse(judgement.inside)
        self.assertAlmostEqual(judgement.distance, 200, delta=3)

    def test_edge_of_the_fence_is_judged_with_the_accuracy_circle(self):
        """120 m from the centre of a 100 m fence: 20 m outside.  Inside when the
        accuracy circle reaches the fence (distance - accuracy <= 0), not before."""
        lat, lon = north(120)
        self.assertTrue(geofence.judge(lat, lon, 25, [self.circle]).inside)
        self.assertTrue(geofence.judge(lat, lon, 20.5, [self.circle]).inside)
        self.assertFalse(geofence.judge(lat, lon, 15, [self.circle]).inside)
        self.assertFalse(geofence.judge(lat, lon, 0, [self.circle]).inside)

    def test_accuracy_worse_than_the_maximum_is_never_judged(self):
        with self.assertRaises(geofence.FixError) as caught:
            geofence.check_fix(*north(10), 150, max_accuracy=100)
        self.assertEqual(caught.exception.code, "accuracy_too_poor")
        self.assertEqual(caught.exception.params, {"accuracy": 150, "maximum": 100})
        self.assertEqual(geofence.check_fix(*north(10), 100, max_accuracy=100)[2], 100)

    def test_bad_fixes_have_their_own_codes(self):
        cases = [
            ((None, 101.4, 10), "coordinates_missing"),
            ((-0.5, None, 10), "coordinates_missing"),
            ((float("nan"), 101.4, 10), "coordinates_invalid"),
            ((-0.5, float("inf"), 10), "coordinates_invalid"),
            (("abc", 101.4, 10), "coordinates_invalid"),
            ((True, 101.4, 10), "coordinates_invalid"),
            ((91, 101.4, 10), "latitude_out_of_range"),
            ((-90.5, 101.4, 10), "latitude_out_of_range"),
            ((-0.5, 181, 10), "longitude_out_of_range"),
            ((-0.5, 101.4, -1), "accuracy_invalid"),
            ((-0.5, 101.4, None), "accuracy_invalid"),
            ((-0.5, 101.4, float("nan")), "accuracy_invalid"),
        ]
        for args, code in cases:
            with (
                self.subTest(args=args),
                self.assertRaises(geofence.FixError) as caught,
            ):
                geofence.check_fix(*args)
            self.assertEqual(caught.exception.code, code)
        self.assertEqual(geofence.check_fix("-0.5", "101.4", "12"), (-0.5, 101.4, 12.0))

    def test_polygon_fence(self):
        self.assertEqual(len(self.ring), 4)
        self.assertTrue(geofence.point_in_polygon(-0.52, 101.46, self.ring))
        self.assertTrue(geofence.judge(-0.52, 101.46, 5, [self.square]).inside)
        # 500 m east of the centre: about 390 m east of the east side
        lat, lon = -0.52, 101.46 + 500 * LON_METRE
        self.assertFalse(geofence.point_in_polygon(lat, lon, self.ring))
        judgement = geofence.judge(lat, lon, 5, [self.square])
        self.assertFalse(judgement.inside)
        self.assertAlmostEqual(judgement.distance, 389, delta=5)
        # the accuracy circle reaching the polygon counts, as for a circle
        near = (-0.52, 101.461 + 30 * LON_METRE)
        self.assertFalse(geofence.judge(*near, 20, [self.square]).inside)
        self.assertTrue(geofence.judge(*near, 35, [self.square]).inside)

    def test_bad_polygons_are_refused(self):
        for text in (
            "not json",
            '{"type": "Point", "coordinates": [101, -0.5]}',
            '{"type": "Polygon", "coordinates": [[[101, -0.5], [101.1, -0.5]]]}',
            '{"type": "Polygon", "coordinates": [[[101, -95], [101.1, -0.5], [101, -0.4]]]}',
        ):
            with self.subTest(text=text), self.assertRaises(geofence.PolygonError):
                geofence.parse_polygon(text)
        self.assertEqual(geofence.parse_polygon(""), ())
        feature = {
            "type": "Feature",
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[101, -0.5], [101.1, -0.5], [101, -0.4]]],
            },
        }
        self.assertEqual(len(geofence.parse_polygon(json.dumps(feature))), 3)

    def test_two_allowed_locations_take_the_nearest(self):
        school_a = geofence.Fence(key=10, latitude=-0.40, longitude=101.40, radius=100)
        school_b = geofence.Fence(key=20, latitude=-0.85, longitude=101.40, radius=100)
        judgement = geofence.judge(-0.85 + 50 * METRE, 101.40, 10, [school_a, school_b])
        self.assertTrue(judgement.inside)
        self.assertEqual(judgement.fence_key, 20)
        judgement = geofence.judge(-0.41, 101.40, 10, [school_a, school_b])
        self.assertFalse(judgement.inside)
        self.assertEqual(judgement.fence_key, 10)
        self.assertAlmostEqual(judgement.distance, 1006, delta=10)

    def test_no_fence_is_never_inside(self):
        judgement = geofence.judge(*CENTRE, 10, [])
        self.assertEqual(
            (judgement.fence_key, judgement.distance, judgement.inside),
            (None, None, False),
        )

    def test_speed_between_fixes(self):
        start = datetime(2026, 11, 2, 0, 0)
        lat, lon = north(50_000)
        speed = geofence.speed_kmh(*CENTRE, start, lat, lon, start + timedelta(hours=1))
        self.assertAlmostEqual(speed, 50, delta=0.5)
        self.assertIsNone(geofence.speed_kmh(*CENTRE, start, lat, lon, start))

    def test_unexplained_speed_ignores_gps_jitter(self):
        start = datetime(2026, 11, 2, 0, 0)
        # 60 m apart with 40 m accuracy each, one second apart: jitter, no journey
        jitter = geofence.unexplained_speed_kmh(
            (*CENTRE, 40, start), (*north(60), 40, start + timedelta(seconds=1))
        )
        self.assertEqual(jitter, 0)
        # 50 km in ten minutes: 300 km/h (less the 20 m of the accuracies)
        speed = geofence.unexplained_speed_kmh(
            (*CENTRE, 10, start), (*north(50_000), 10, start + timedelta(minutes=10))
        )
        self.assertAlmostEqual(speed, 300, delta=1)
        same_time = geofence.unexplained_speed_kmh(
            (*CENTRE, 10, start), (*north(5_000), 10, start)
        )
        self.assertTrue(math.isinf(same_time))

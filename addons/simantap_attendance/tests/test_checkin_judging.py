from freezegun import freeze_time

from odoo.tests import tagged

from .checkin_common import NOW, OFFICE, CheckinCase, north


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestCheckinJudging(CheckinCase):
    """A fix too coarse is never judged."""

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

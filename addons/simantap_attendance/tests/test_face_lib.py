from unittest import mock

from odoo.tests import TransactionCase, tagged

from ..lib import face as face_lib
from .face_common import darker, face_photo, mirrored, no_face, side_by_side

SAME = ("obama_1", "obama_2", "obama_3")
OTHERS = ("biden", "astronaut")


@tagged("post_install", "-at_install")
class TestFaceLib(TransactionCase):
    """The pure face step on real photographs, without the database."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.analysed = {
            name: face_lib.analyse(face_photo(name)) for name in SAME + OTHERS
        }

    def test_one_face_each(self):
        for name, analysis in self.analysed.items():
            self.assertEqual(analysis.faces, 1, name)
            self.assertEqual(len(analysis.encoding), 128, name)

    def test_same_person_within_the_default_threshold(self):
        for first in SAME:
            for second in SAME:
                value = face_lib.distance(
                    self.analysed[first].encoding, self.analysed[second].encoding
                )
                self.assertLessEqual(value, face_lib.DEFAULT_THRESHOLD)

    def test_other_persons_beyond_the_default_threshold(self):
        for person in SAME:
            for other in OTHERS:
                value = face_lib.distance(
                    self.analysed[person].encoding, self.analysed[other].encoding
                )
                self.assertGreater(value, face_lib.DEFAULT_THRESHOLD)
        value = face_lib.distance(
            self.analysed["biden"].encoding, self.analysed["astronaut"].encoding
        )
        self.assertGreater(value, face_lib.DEFAULT_THRESHOLD)

    def test_mirror_and_light_stay_the_same_person(self):
        reference = self.analysed["obama_1"].encoding
        for data in (mirrored("obama_1"), darker("obama_2")):
            analysis = face_lib.analyse(data)
            self.assertLess(face_lib.distance(reference, analysis.encoding), 0.5)

    def test_verdicts(self):
        references = [(1, self.analysed["obama_1"].encoding)]
        key, value = face_lib.closest(self.analysed["obama_2"].encoding, references)
        self.assertEqual(key, 1)
        self.assertEqual(face_lib.verdict(self.analysed["obama_2"], value), "match")
        key, value = face_lib.closest(self.analysed["biden"].encoding, references)
        self.assertEqual(face_lib.verdict(self.analysed["biden"], value), "mismatch")
        self.assertEqual(face_lib.verdict(self.analysed["biden"], None), "not_enrolled")
        self.assertEqual(
            face_lib.closest(self.analysed["biden"].encoding, []), (None, None)
        )

    def test_no_face_and_several_faces(self):
        empty = face_lib.analyse(no_face())
        self.assertEqual(empty.faces, 0)
        self.assertIsNone(empty.encoding)
        self.assertEqual(face_lib.verdict(empty, None), "no_face")
        two = face_lib.analyse(side_by_side("obama_1", "biden"))
        self.assertEqual(two.faces, 2)
        self.assertIsNone(two.encoding)
        self.assertEqual(face_lib.verdict(two, None), "several_faces")

    def test_two_frames(self):
        first = self.analysed["obama_1"]
        # the very same bytes, or the same picture re-encoded: a still photo
        self.assertEqual(
            face_lib.frames_problem(first, face_lib.analyse(face_photo("obama_1"))),
            "frames_identical",
        )
        self.assertEqual(
            face_lib.frames_problem(first, face_lib.analyse(darker("obama_1", 0.97))),
            "frames_identical",
        )
        # another picture of the same person passes; another person does not
        self.assertIsNone(face_lib.frames_problem(first, self.analysed["obama_3"]))
        self.assertEqual(
            face_lib.frames_problem(first, self.analysed["biden"]),
            "frames_other_person",
        )
        self.assertEqual(
            face_lib.frames_problem(first, face_lib.analyse(no_face())),
            "frames_no_face",
        )

    def test_pack_round_trip(self):
        encoding = self.analysed["biden"].encoding
        self.assertEqual(face_lib.unpack(face_lib.pack(encoding)), encoding)
        with self.assertRaises(ValueError):
            face_lib.unpack(b"short")

    def test_unreadable_bytes(self):
        with self.assertRaises(face_lib.FaceImageError):
            face_lib.analyse(b"not a picture")

    def test_library_missing(self):
        with (
            mock.patch.object(face_lib, "_engine", None),
            mock.patch.object(face_lib, "_failure", None),
            mock.patch("importlib.util.find_spec", return_value=None),
        ):
            available, reason = face_lib.status()
            self.assertFalse(available)
            self.assertIn("face_recognition_models", reason)
            with self.assertRaises(face_lib.FaceUnavailable):
                face_lib.analyse(face_photo("biden"))

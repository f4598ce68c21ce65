import base64
import io
from datetime import datetime, timedelta

from PIL import Image

from odoo.tests import TransactionCase, tagged

from ..lib import photo as photo_lib
from .checkin_common import make_photo


def header_only_png(width, height):
    """A valid PNG of a blank picture: tiny on disk, huge once decoded."""
    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, "PNG", optimize=True)
    return out.getvalue()


@tagged("post_install", "-at_install")
class TestPhotoLib(TransactionCase):
    """The pure selfie checks, without the database."""

    def refused(self, data, **limits):
        with self.assertRaises(photo_lib.PhotoError) as caught:
            photo_lib.process(data, **limits)
        return caught.exception.code

    def test_a_selfie_is_reencoded_to_a_small_jpeg(self):
        source = make_photo(1, size=(1280, 960), fmt="PNG")
        result = photo_lib.process(source)
        self.assertEqual((result.source_format, result.source_width), ("PNG", 1280))
        self.assertEqual((result.width, result.height), (1024, 768))
        reencoded = Image.open(io.BytesIO(result.jpeg))
        self.assertEqual(reencoded.format, "JPEG")
        self.assertEqual(reencoded.size, (1024, 768))
        self.assertEqual(len(result.phash_hex), 16)

    def test_small_pictures_keep_their_size(self):
        result = photo_lib.process(make_photo(1, size=(480, 640)))
        self.assertEqual((result.width, result.height), (480, 640))

    def test_jpeg_png_and_webp_are_accepted(self):
        for fmt in ("JPEG", "PNG", "WEBP"):
            with self.subTest(fmt=fmt):
                self.assertEqual(
                    photo_lib.process(make_photo(2, fmt=fmt)).source_format, fmt
                )

    def test_camera_metadata_is_stripped(self):
        taken = datetime(2026, 11, 2, 7, 25)
        result = photo_lib.process(make_photo(3, taken_at=taken))
        self.assertEqual(result.taken_at, taken)
        self.assertFalse(Image.open(io.BytesIO(result.jpeg)).getexif())

    def test_exif_capture_time_in_utc(self):
        taken = datetime(2026, 11, 2, 7, 25)
        result = photo_lib.process(make_photo(3, taken_at=taken))
        self.assertIsNone(result.taken_at_offset)
        # no offset in EXIF: the phone's local time, read in the employee's zone
        self.assertEqual(
            result.taken_at_utc("Asia/Jakarta"), datetime(2026, 11, 2, 0, 25)
        )
        self.assertEqual(
            result.taken_at_utc("Asia/Jayapura"), datetime(2026, 11, 1, 22, 25)
        )
        # with an offset, the offset wins
        image = Image.new("RGB", (64, 48))
        exif = Image.Exif()
        exif[0x8769] = {0x9003: "2026:11:02 08:25:00", 0x9011: "+08:00"}
        out = io.BytesIO()
        image.save(out, "JPEG", exif=exif)
        result = photo_lib.process(out.getvalue())
        self.assertEqual(result.taken_at_offset, timedelta(hours=8))
        self.assertEqual(
            result.taken_at_utc("Asia/Jakarta"), datetime(2026, 11, 2, 0, 25)
        )
        self.assertIsNone(photo_lib.process(make_photo(4)).taken_at)

    def test_missing_and_too_large(self):
        self.assertEqual(self.refused(b""), "photo_missing")
        self.assertEqual(self.refused(None), "photo_missing")
        data = make_photo(5)
        with self.assertRaises(photo_lib.PhotoError) as caught:
            photo_lib.process(data, max_bytes=len(data) - 1)
        self.assertEqual(caught.exception.code, "photo_too_large")
        self.assertIn("maximum", caught.exception.params)

    def test_not_an_image(self):
        self.assertEqual(self.refused(b"hello, I am a selfie"), "photo_not_image")
        self.assertEqual(self.refused(b"%PDF-1.4 fake"), "photo_not_image")
        # a JPEG signature followed by garbage
        self.assertEqual(
            self.refused(b"\xff\xd8\xff\xe0" + b"\x00" * 200), "photo_truncated"
        )

    def test_other_picture_formats_are_refused_by_format(self):
        for fmt in ("GIF", "BMP", "TIFF"):
            with self.subTest(fmt=fmt):
                self.assertEqual(self.refused(make_photo(6, fmt=fmt)), "photo_format")
        heic = b"\x00\x00\x00\x18ftypheic" + b"\x00" * 64
        with self.assertRaises(photo_lib.PhotoError) as caught:
            photo_lib.process(heic)
        self.assertEqual(caught.exception.code, "photo_format")
        self.assertEqual(caught.exception.params, {"format": "HEIC"})

    def test_truncated_files(self):
        for fmt in ("JPEG", "PNG", "WEBP"):
            data = make_photo(7, fmt=fmt)
            for cut in (len(data) // 2, len(data) - 20):
                with self.subTest(fmt=fmt, cut=cut):
                    self.assertEqual(self.refused(data[:cut]), "photo_truncated")

    def test_a_jpeg_is_checked_and_hashed_without_reencoding(self):
        source = make_photo(9, size=(1280, 960), taken_at=datetime(2026, 11, 2, 7))
        kept = photo_lib.process(source, reencode=False)
        full = photo_lib.process(source)
        self.assertEqual((kept.jpeg, kept.reencoded), (source, False))
        self.assertEqual((kept.width, kept.height), (1280, 960))
        self.assertEqual(kept.taken_at, full.taken_at)
        # the same picture for the reuse check, decoded at an eighth of its scale
        self.assertLessEqual(photo_lib.hamming(kept.phash, full.phash), 4)
        self.assertGreater(
            photo_lib.hamming(kept.phash, photo_lib.process(make_photo(10)).phash), 10
        )
        for cut in (len(source) // 2, len(source) - 20):
            with self.assertRaises(photo_lib.PhotoError) as caught:
                photo_lib.process(source[:cut], reencode=False)
            self.assertEqual(caught.exception.code, "photo_truncated")
        png = make_photo(9, fmt="PNG")
        self.assertTrue(photo_lib.process(png, reencode=False).reencoded)

    def test_a_jpeg_with_trailing_data_is_complete(self):
        data = make_photo(8) + b"SEFT trailer written by some cameras"
        self.assertEqual(photo_lib.process(data).source_format, "JPEG")

    def test_too_many_pixels_refused_from_the_header(self):
        data = header_only_png(8000, 5001)  # 40.008 megapixels, a few kB
        self.assertLess(len(data), 100_000)
        with self.assertRaises(photo_lib.PhotoError) as caught:
            photo_lib.process(data)
        self.assertEqual(caught.exception.code, "photo_too_many_pixels")
        self.assertEqual(caught.exception.params["megapixels"], 40.01)
        self.assertEqual(
            self.refused(header_only_png(800, 600), max_megapixels=0.4),
            "photo_too_many_pixels",
        )

    def test_decompression_bomb_is_refused_before_decoding(self):
        bomb = header_only_png(20_000, 20_000)  # 400 megapixels
        self.assertEqual(self.refused(bomb), "photo_too_many_pixels")
        self.assertEqual(
            self.refused(bomb, max_megapixels=1000), "photo_too_many_pixels"
        )

    def test_base64_size_is_checked_before_decoding(self):
        data = make_photo(9)
        text = base64.b64encode(data).decode()
        self.assertEqual(photo_lib.decode_base64(text), data)
        with self.assertRaises(photo_lib.PhotoError) as caught:
            photo_lib.decode_base64(text, max_bytes=len(data) // 2)
        self.assertEqual(caught.exception.code, "photo_too_large")
        with self.assertRaises(photo_lib.PhotoError) as caught:
            photo_lib.decode_base64("not base64 at all!")
        self.assertEqual(caught.exception.code, "photo_not_image")

    def test_hash_finds_the_same_picture_and_tells_others_apart(self):
        original = make_photo(10, size=(1280, 960))
        first = photo_lib.process(original).phash
        # the same picture re-encoded smaller and with a lower quality
        image = Image.open(io.BytesIO(original)).resize((800, 600))
        out = io.BytesIO()
        image.save(out, "JPEG", quality=50)
        again = photo_lib.process(out.getvalue()).phash
        self.assertLessEqual(photo_lib.hamming(first, again), 5)
        self.assertEqual(photo_lib.hamming(first, first), 0)
        for seed in range(11, 16):
            other = photo_lib.process(make_photo(seed, size=(1280, 960))).phash
            with self.subTest(seed=seed):
                self.assertGreater(photo_lib.hamming(first, other), 10)

    def test_hash_hex_round_trip(self):
        for value in (0, 1, 2**63, 2**64 - 1):
            self.assertEqual(
                photo_lib.hash_from_hex(photo_lib.hash_to_hex(value)), value
            )

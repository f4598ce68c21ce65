"""Selfie checks: is this upload a usable, fresh photo, and have we seen it before?

:func:`process` takes the bytes a phone sent and either raises :class:`PhotoError`
with a stable ``code`` or returns a :class:`Photo`: the picture re-encoded as a JPEG of
at most ``max_side`` pixels (camera metadata, GPS included, stripped), the camera's
capture time from EXIF, and a 64-bit perceptual hash (dHash).

Refusal codes, checked in this order, cheapest first:

* ``photo_missing``: no bytes;
* ``photo_too_large``: more bytes than allowed (checked before anything is parsed);
* ``photo_not_image``: the bytes are not a picture at all;
* ``photo_format``: a picture, but not JPEG, PNG or WebP (HEIC, GIF, BMP, TIFF...);
* ``photo_too_many_pixels``: width x height from the header is over the limit, so the
  picture is never decoded (decompression bombs);
* ``photo_truncated``: the file ends before its image data does, or that data cannot
  be decoded.

Two photos are "the same picture" when the Hamming distance of their hashes is small:
re-encoding, resizing or a light crop moves a dHash by a few bits, a new selfie by many.

Only Pillow is imported; nothing here knows Odoo.
"""

import base64
import binascii
import io
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from PIL import Image, ImageOps, JpegImagePlugin, PngImagePlugin, WebPImagePlugin

from .refusals import Refusal

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_MEGAPIXELS = 40.0
DEFAULT_MAX_SIDE = 1024
JPEG_QUALITY = 80
HASH_SIDE = 64  # asked of a JPEG decoded for its hash only: the smallest DCT scale

ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP")
# Importing a plugin registers its decoder: the ones we accept are there whatever the
# host preloaded (Odoo restricts Pillow to a few formats, WebP not among them).
DECODERS = (JpegImagePlugin, PngImagePlugin, WebPImagePlugin)
# Magic numbers of pictures we refuse by format rather than as "not an image".
_OTHER_IMAGE_MAGIC = (
    (0, b"GIF87a", "GIF"),
    (0, b"GIF89a", "GIF"),
    (0, b"BM", "BMP"),
    (0, b"II*\x00", "TIFF"),
    (0, b"MM\x00*", "TIFF"),
    (0, b"\x00\x00\x01\x00", "ICO"),
    (4, b"ftypheic", "HEIC"),
    (4, b"ftypheix", "HEIC"),
    (4, b"ftyphevc", "HEIC"),
    (4, b"ftypmif1", "HEIF"),
    (4, b"ftypmsf1", "HEIF"),
    (4, b"ftypavif", "AVIF"),
    (0, b"\xff\x0a", "JPEG XL"),
    (0, b"\x00\x00\x00\x0cJXL ", "JPEG XL"),
)
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_PNG_IEND = b"\x00\x00\x00\x00IEND\xaeB`\x82"

# EXIF tags
_ORIENTATION = 0x0112
_EXIF_IFD = 0x8769
_DATETIME = 0x0132
_DATETIME_ORIGINAL = 0x9003
_OFFSET_TIME = 0x9010
_OFFSET_TIME_ORIGINAL = 0x9011


class PhotoError(Refusal):
    """A selfie that cannot be used; ``code`` is stable, ``params`` fill the message."""


@dataclass(frozen=True)
class Photo:
    jpeg: bytes  # the re-encoded picture
    width: int  # of the re-encoded picture
    height: int
    source_format: str  # JPEG, PNG or WEBP
    source_width: int
    source_height: int
    taken_at: datetime | None  # EXIF capture time as written by the camera (naive)
    taken_at_offset: timedelta | None  # its UTC offset when EXIF gives one
    phash: int  # 64-bit dHash
    reencoded: bool = True  # False: ``jpeg`` is the JPEG as sent, to re-encode

    @property
    def phash_hex(self):
        return hash_to_hex(self.phash)

    def taken_at_utc(self, tz_name="Asia/Jakarta"):
        """The EXIF capture time in naive UTC: with the EXIF offset when there is
        one, else read in ``tz_name`` (a phone writes its local time)."""
        if self.taken_at is None:
            return None
        if self.taken_at_offset is not None:
            aware = self.taken_at.replace(tzinfo=timezone(self.taken_at_offset))
        else:
            aware = self.taken_at.replace(tzinfo=ZoneInfo(tz_name))
        return aware.astimezone(UTC).replace(tzinfo=None)


def _megabytes(size):
    return round(size / 1024 / 1024, 1)


def check_size(size, max_bytes=DEFAULT_MAX_BYTES):
    """Refuse by size alone (``size`` in bytes), before anything is read."""
    if not size:
        raise PhotoError("photo_missing")
    if size > max_bytes:
        raise PhotoError(
            "photo_too_large", size=_megabytes(size), maximum=_megabytes(max_bytes)
        )


def decode_base64(text, max_bytes=DEFAULT_MAX_BYTES):
    """Bytes of a base64 photo; its size is refused from the text length first."""
    if not text:
        raise PhotoError("photo_missing")
    if isinstance(text, str):
        text = text.encode("ascii", "ignore")
    check_size(len(text) * 3 // 4, max_bytes)
    # line breaks are allowed (Android's Base64.DEFAULT writes one every 76)
    text = b"".join(text.split())
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise PhotoError("photo_not_image") from exc


def sniff_format(data):
    """'JPEG', 'PNG', 'WEBP', another picture format's name, or None."""
    if data[:3] == b"\xff\xd8\xff":
        return "JPEG"
    if data[:8] == _PNG_MAGIC:
        return "PNG"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    for offset, magic, name in _OTHER_IMAGE_MAGIC:
        if data[offset : offset + len(magic)] == magic:
            return name
    return None


def _jpeg_scan_start(data):
    """Offset of the first entropy-coded scan (after the SOS header), or None."""
    pos, size = 2, len(data)
    while pos + 4 <= size:
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:  # no length
            pos += 2
            continue
        length = int.from_bytes(data[pos + 2 : pos + 4], "big")
        if marker == 0xDA:
            return pos + 2 + length
        pos += 2 + length
    return None


def is_complete(data, fmt):
    """Whether the file holds its whole image data: a JPEG's end-of-image marker
    after its first scan (entropy-coded data never holds FF D9), a PNG's IEND chunk,
    a WebP as long as its RIFF header says."""
    if fmt == "JPEG":
        start = _jpeg_scan_start(data)
        return start is not None and data.find(b"\xff\xd9", start) != -1
    if fmt == "PNG":
        return data.rfind(_PNG_IEND) != -1
    if fmt == "WEBP":
        return len(data) >= int.from_bytes(data[4:8], "little") + 8
    return False


def _parse_offset(text):
    """'+07:00' -> timedelta, or None."""
    if not isinstance(text, str) or len(text) < 6 or text[0] not in "+-":
        return None
    try:
        hours, minutes = int(text[1:3]), int(text[4:6])
    except ValueError:
        return None
    delta = timedelta(hours=hours, minutes=minutes)
    return -delta if text[0] == "-" else delta


def exif_taken_at(image):
    """(capture time as a naive datetime, its UTC offset or None) from EXIF, or
    (None, None): DateTimeOriginal, else the file's DateTime."""
    try:
        exif = image.getexif()
    except Exception:  # a broken EXIF block gives no capture time
        return None, None
    if not exif:
        return None, None
    try:
        sub = exif.get_ifd(_EXIF_IFD)
    except Exception:
        sub = {}
    candidates = (
        (sub.get(_DATETIME_ORIGINAL), sub.get(_OFFSET_TIME_ORIGINAL)),
        (exif.get(_DATETIME), sub.get(_OFFSET_TIME)),
    )
    for value, offset in candidates:
        if isinstance(value, bytes):
            value = value.decode("ascii", "ignore")
        if not isinstance(value, str):
            continue
        try:
            taken = datetime.strptime(value.strip("\x00 ")[:19], "%Y:%m:%d %H:%M:%S")
        except ValueError:
            continue
        return taken, _parse_offset(offset)
    return None, None


def dhash(image):
    """64-bit difference hash: a 9x8 grey thumbnail, one bit per horizontal step."""
    # an integer box reduction first (cheap), then the 9x8 grey thumbnail
    factor = max(1, min(image.width // 36, image.height // 32))
    if factor > 1:
        image = image.reduce(factor)
    small = image.convert("L").resize((9, 8), Image.Resampling.BOX)
    pixels = small.tobytes()
    value = 0
    for row in range(8):
        base = row * 9
        for col in range(8):
            value = (value << 1) | (pixels[base + col] > pixels[base + col + 1])
    return value


def hamming(first, second):
    """Number of differing bits between two hashes (ints)."""
    return (first ^ second).bit_count()


def hash_to_hex(value):
    return f"{value:016x}"


def hash_from_hex(text):
    return int(text, 16)


def process(
    data,
    max_bytes=DEFAULT_MAX_BYTES,
    max_megapixels=DEFAULT_MAX_MEGAPIXELS,
    max_side=DEFAULT_MAX_SIDE,
    reencode=True,
):
    """Validate a selfie and return a :class:`Photo`, or raise :class:`PhotoError`.

    With ``reencode=False`` a JPEG is checked and hashed exactly as thoroughly
    (every byte of its image data decoded) but at an eighth of its scale, which
    is several times cheaper, and the :class:`Photo` holds the bytes as sent
    (``reencoded`` False): the caller re-encodes them later with
    :func:`process`.  Other formats are always re-encoded at once."""
    check_size(len(data) if data else 0, max_bytes)
    fmt = sniff_format(data)
    if fmt is None:
        raise PhotoError("photo_not_image")
    if fmt not in ALLOWED_FORMATS:
        raise PhotoError("photo_format", format=fmt)
    max_pixels = max_megapixels * 1_000_000
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[fmt])
    except Image.DecompressionBombError as exc:
        raise PhotoError(
            "photo_too_many_pixels", megapixels=None, maximum=max_megapixels
        ) from exc
    except Exception as exc:  # Pillow raises many kinds on bad headers
        code = "photo_not_image" if is_complete(data, fmt) else "photo_truncated"
        raise PhotoError(code) from exc
    width, height = image.size
    if width <= 0 or height <= 0:
        raise PhotoError("photo_not_image")
    if width * height > max_pixels:
        raise PhotoError(
            "photo_too_many_pixels",
            megapixels=round(width * height / 1_000_000, 2),
            maximum=max_megapixels,
        )
    if not is_complete(data, fmt):
        raise PhotoError("photo_truncated")
    taken_at, offset = exif_taken_at(image)
    if fmt == "JPEG" and not reencode:
        return _hash_only(data, image, width, height, taken_at, offset)
    try:
        if fmt == "JPEG":
            # decode at the smallest DCT scale that still covers max_side
            image.draft("RGB", (max_side, max_side))
        orientation = image.getexif().get(_ORIENTATION, 1)
        image.load()
        if orientation != 1:
            image = ImageOps.exif_transpose(image)
        if image.mode != "RGB":
            image = image.convert("RGB")
        image.thumbnail((max_side, max_side), Image.Resampling.BOX)
    except Exception as exc:  # truncated or corrupt image data
        raise PhotoError("photo_truncated") from exc
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY)
    return Photo(
        jpeg=out.getvalue(),
        width=image.width,
        height=image.height,
        source_format=fmt,
        source_width=width,
        source_height=height,
        taken_at=taken_at,
        taken_at_offset=offset,
        phash=dhash(image),
    )


def _hash_only(data, image, width, height, taken_at, offset):
    """The :class:`Photo` of a JPEG kept as sent: decoded at the smallest DCT
    scale (every byte of the image data is still read, so damage is still
    found), turned upright, hashed."""
    try:
        image.draft("RGB", (HASH_SIDE, HASH_SIDE))
        orientation = image.getexif().get(_ORIENTATION, 1)
        image.load()
        if orientation != 1:
            image = ImageOps.exif_transpose(image)
        if image.mode != "RGB":
            image = image.convert("RGB")
    except Exception as exc:  # truncated or corrupt image data
        raise PhotoError("photo_truncated") from exc
    return Photo(
        jpeg=data,
        width=width,
        height=height,
        source_format="JPEG",
        source_width=width,
        source_height=height,
        taken_at=taken_at,
        taken_at_offset=offset,
        phash=dhash(image),
        reencoded=False,
    )

"""Documents from a phone or a form (assignment letters, destination photos,
supporting documents): accepted only when they really are what they claim.

:func:`check_document` takes the bytes and either raises :class:`DocumentError`
with a stable ``code`` or returns the kind (``pdf``, ``jpeg`` or ``png``).  Checked
in this order, cheapest first:

* ``document_missing``: no bytes;
* ``document_too_large``: more bytes than allowed (nothing parsed yet);
* ``document_type``: the first bytes (magic numbers) are not of an allowed kind;
* ``document_too_many_pixels``: a picture whose header declares more pixels than
  allowed (the selfie's cap: never decoded, so a decompression bomb costs nothing);
* ``document_too_many_pages``: a PDF of more pages than allowed;
* ``document_unreadable``: the magic numbers lie (``%PDF-`` followed by HTML, a
  JPEG header on something else), or the picture or the PDF is truncated or broken:
  a picture must decode, a PDF must parse (pypdf) and have a page.

Only Pillow and pypdf are imported; nothing here knows Odoo.
"""

import io
import logging
import struct
import warnings
import zlib

from PIL import Image
from pypdf import PdfReader

from . import photo as photo_lib

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_MEGAPIXELS = photo_lib.DEFAULT_MAX_MEGAPIXELS
DEFAULT_MAX_PAGES = 50
LETTER_KINDS = ("pdf", "jpeg", "png")
PHOTO_KINDS = ("jpeg", "png")
# a JPEG is decoded at the smallest DCT scale covering this side: enough to prove
# its data decodes, without the memory of the full picture
_JPEG_PROOF_SIDE = 256

_MAGIC = (
    (b"%PDF-", "pdf"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
)

# pypdf logs every oddity of a broken file; the refusal says enough
logging.getLogger("pypdf").setLevel(logging.ERROR)


class DocumentError(ValueError):
    """A document that cannot be accepted; ``code`` is stable, ``params`` fill the
    message."""

    def __init__(self, code, **params):
        super().__init__(code)
        self.code = code
        self.params = params


def sniff(data):
    """The kind of document these bytes start with (``pdf``, ``jpeg``, ``png``), or
    ``None``."""
    head = bytes(data[:16]) if data else b""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return None


def _megabytes(size):
    return f"{size / (1024 * 1024):.1f} MB"


def check_picture(data, kind, max_megapixels=DEFAULT_MAX_MEGAPIXELS):
    """Refuse a JPEG or PNG whose header declares too many pixels (before any
    decoding), or whose image data does not decode."""
    fmt = kind.upper()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[fmt])
    except Image.DecompressionBombError as exc:
        # over twice Pillow's own limit: it refused before telling the size
        limit = 2 * (Image.MAX_IMAGE_PIXELS or 0) / 1_000_000
        raise DocumentError(
            "document_too_many_pixels",
            megapixels=f"> {limit:.0f}",
            maximum=max_megapixels,
        ) from exc
    except Exception as exc:  # Pillow raises many kinds on a bad header
        raise DocumentError("document_unreadable", kind=fmt) from exc
    width, height = image.size
    if width <= 0 or height <= 0:
        raise DocumentError("document_unreadable", kind=fmt)
    if width * height > max_megapixels * 1_000_000:
        raise DocumentError(
            "document_too_many_pixels",
            megapixels=round(width * height / 1_000_000, 1),
            maximum=max_megapixels,
        )
    if not photo_lib.is_complete(data, fmt):
        raise DocumentError("document_unreadable", kind=fmt)
    try:
        if fmt == "PNG":
            # Pillow may be told to pad truncated data silently (Odoo tells it
            # so): the deflate stream itself is checked, without the picture
            complete = png_data_complete(data)
        else:
            image.draft("RGB", (_JPEG_PROOF_SIDE, _JPEG_PROOF_SIDE))
            image.load()
            complete = True
    except Exception as exc:  # truncated or corrupt image data
        raise DocumentError("document_unreadable", kind=fmt) from exc
    finally:
        image.close()
    if not complete:
        raise DocumentError("document_unreadable", kind=fmt)


_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4))
_ADAM7 += ((1, 0, 2, 2), (0, 1, 1, 2))
_PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}


def _png_expected_size(width, height, depth, color, interlaced):
    """Bytes of the filtered scanlines a PNG's deflate stream must hold."""
    bits = _PNG_CHANNELS[color] * depth
    if not interlaced:
        return height * (1 + (width * bits + 7) // 8)
    total = 0
    for x0, y0, dx, dy in _ADAM7:
        pass_width = (width - x0 + dx - 1) // dx if width > x0 else 0
        pass_height = (height - y0 + dy - 1) // dy if height > y0 else 0
        if pass_width and pass_height:
            total += pass_height * (1 + (pass_width * bits + 7) // 8)
    return total


def png_data_complete(data, step=1 << 20):
    """Whether a PNG's IDAT chunks inflate to exactly the scanlines its header
    declares, inflated a megabyte at a time (nothing of the picture is kept)."""
    width, height = struct.unpack(">II", data[16:24])
    depth, color, interlaced = data[24], data[25], data[28]
    if color not in _PNG_CHANNELS:
        return False
    expected = _png_expected_size(width, height, depth, color, interlaced)
    inflate = zlib.decompressobj()
    total, pos = 0, 8
    while pos + 8 <= len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        if kind == b"IDAT":
            pending = data[pos + 8 : pos + 8 + length]
            while pending:
                total += len(inflate.decompress(pending, step))
                pending = inflate.unconsumed_tail
                if total > expected:
                    return False
        elif kind == b"IEND":
            break
        pos += 12 + length
    return inflate.eof and total == expected


def check_pdf(data, max_pages=DEFAULT_MAX_PAGES):
    """Refuse bytes that do not parse as a PDF with 1 to ``max_pages`` pages."""
    try:
        pages = len(PdfReader(io.BytesIO(data), strict=False).pages)
    except Exception as exc:  # pypdf raises many kinds on a broken file
        raise DocumentError("document_unreadable", kind="PDF") from exc
    if pages < 1:
        raise DocumentError("document_unreadable", kind="PDF")
    if pages > max_pages:
        raise DocumentError("document_too_many_pages", pages=pages, maximum=max_pages)


def check_document(
    data,
    max_bytes=DEFAULT_MAX_BYTES,
    kinds=LETTER_KINDS,
    max_megapixels=DEFAULT_MAX_MEGAPIXELS,
    max_pages=DEFAULT_MAX_PAGES,
):
    """Return the kind of ``data`` or raise :class:`DocumentError`; the size is
    checked before the content, the header before the data."""
    if not data:
        raise DocumentError("document_missing")
    if max_bytes and len(data) > max_bytes:
        raise DocumentError(
            "document_too_large",
            size=_megabytes(len(data)),
            maximum=_megabytes(max_bytes),
        )
    kind = sniff(data)
    if kind not in kinds:
        raise DocumentError(
            "document_type", allowed=", ".join(k.upper() for k in kinds)
        )
    if kind == "pdf":
        check_pdf(data, max_pages)
    else:
        check_picture(data, kind, max_megapixels or DEFAULT_MAX_MEGAPIXELS)
    return kind

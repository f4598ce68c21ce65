"""Files for the document tests: real PDFs, pictures, and hostile ones (a PNG
header declaring 50 000 x 50 000 pixels, the magic numbers of a PDF or a JPEG in
front of HTML)."""

import io
import struct
import zlib

from pypdf import PdfWriter

from .checkin_common import make_photo

HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"
FAKE_PDF = b"%PDF-1.7\n" + HTML
FAKE_JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + HTML


def make_pdf(pages=1):
    writer = PdfWriter()
    for _page in range(pages):
        writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def png_bomb(width=50_000, height=50_000):
    """A few dozen bytes of PNG whose header declares ``width`` x ``height``
    pixels (the image data is one empty deflate stream)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b""))
        + _chunk(b"IEND", b"")
    )


PDF = make_pdf()
JPEG = make_photo(3, size=(64, 48))
PNG = make_photo(4, size=(64, 48), fmt="PNG")

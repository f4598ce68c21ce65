"""Real photographs of real people for the face tests (see faces/README.md): three
photos of one person, two other persons, and pictures made from them (a mirror,
darker light, two faces side by side, a picture without a face)."""

import io
import os

from PIL import Image, ImageEnhance, ImageOps

FACES = os.path.join(os.path.dirname(__file__), "faces")


def face_photo(name):
    """The bytes of faces/<name>.jpg."""
    with open(os.path.join(FACES, f"{name}.jpg"), "rb") as handle:
        return handle.read()


def _jpeg(image, quality=85):
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return out.getvalue()


def _open(name):
    return Image.open(io.BytesIO(face_photo(name))).convert("RGB")


def mirrored(name):
    return _jpeg(ImageOps.mirror(_open(name)))


def darker(name, factor=0.6):
    return _jpeg(ImageEnhance.Brightness(_open(name)).enhance(factor))


def scaled(data, width):
    """The picture ``data`` resized to ``width`` pixels wide (bicubic)."""
    image = Image.open(io.BytesIO(data)).convert("RGB")
    height = round(image.height * width / image.width)
    return _jpeg(image.resize((width, height), Image.Resampling.BICUBIC), quality=90)


def side_by_side(first, second):
    """Two faces in one picture (two photos pasted side by side)."""
    left, right = _open(first), _open(second)
    height = max(left.height, right.height)
    image = Image.new("RGB", (left.width + right.width, height), (255, 255, 255))
    image.paste(left, (0, 0))
    image.paste(right, (left.width, 0))
    return _jpeg(image)


def no_face():
    """A picture of an office wall: a grey gradient with a door, no face."""
    image = Image.new("RGB", (480, 360), (200, 200, 190))
    for x in range(480):
        for y in range(0, 360, 4):
            image.putpixel((x, y), (150 + x // 8, 150 + x // 8, 140))
    door = Image.new("RGB", (120, 260), (110, 80, 50))
    image.paste(door, (300, 100))
    return _jpeg(image)

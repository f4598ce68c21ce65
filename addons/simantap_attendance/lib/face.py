"""Face verification: does this selfie show the employee whose references we hold?

The models are dlib's (face detector, 5-point landmark predictor and the ResNet
face encoder), as packaged by ``face_recognition_models`` and run by the prebuilt
``dlib-bin`` wheel: nothing is downloaded at run time.  The ``face_recognition``
package itself is not used: its ``api`` module imports ``face_recognition_models``,
whose ``__init__`` needs ``pkg_resources`` (gone from setuptools 81 on), and on that
failure it calls ``quit()``, which would stop an Odoo worker.  The pipeline here is
the same one ``face_recognition.face_encodings`` runs (HOG detector, 5-point
landmarks, one encoding pass), so distances keep that library's scale.

* :func:`load` loads the models once per process (lazily; a few hundred ms) or
  raises :class:`FaceUnavailable` with the reason; :func:`status` says whether they
  can load without raising.
* :func:`analyse` takes picture bytes and returns an :class:`Analysis`: how many
  faces, the encoding of the face when there is exactly one, and the picture's
  SHA-256 and perceptual hash (for the two-frame check).
* :func:`closest` / :func:`verdict` compare an encoding with the references.
* :func:`frames_problem` is the two-frame liveness check.

Only Pillow, numpy and dlib are imported; nothing here knows Odoo.
"""

import hashlib
import importlib.util
import io
import os
import struct
import threading
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps

from . import photo as photo_lib

# dlib's documented operating point for this encoder: 0.6 gives 99.38 % on the
# Labeled Faces in the Wild benchmark.  See the README (Face verification) for the
# distances measured on our test photos.
DEFAULT_THRESHOLD = 0.6
# A selfie is shrunk to this longest side before detection: a phone's face fills
# a good part of the frame, so it stays well above the detector's ~80 px minimum,
# and detection cost grows with the pixel count.
DETECT_SIDE = 640
# Two frames whose perceptual hashes differ by at most this many bits (of 64) are
# the same picture, not two moments of a moving head.
SAME_FRAME_BITS = 4
ENCODING_LENGTH = 128
UPSAMPLE = 0

VERDICTS = (
    "match",
    "mismatch",
    "not_enrolled",
    "no_face",
    "several_faces",
    "unchecked",
)

_lock = threading.Lock()
_engine = None
_failure = None  # the reason the models could not load, once known


class FaceUnavailable(RuntimeError):
    """The face models cannot be loaded here; ``reason`` says why, in English."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


class FaceImageError(ValueError):
    """The bytes are not a picture the face step can read."""


@dataclass(frozen=True)
class Analysis:
    faces: int  # how many faces were found
    encoding: tuple | None  # 128 floats, only when exactly one face was found
    sha256: str
    phash: int


class _Engine:
    def __init__(self, dlib, numpy, models_dir):
        self.numpy = numpy
        self.detector = dlib.get_frontal_face_detector()
        self.landmarks = dlib.shape_predictor(
            os.path.join(models_dir, "shape_predictor_5_face_landmarks.dat")
        )
        self.encoder = dlib.face_recognition_model_v1(
            os.path.join(models_dir, "dlib_face_recognition_resnet_model_v1.dat")
        )


def _models_dir():
    """The folder of face_recognition_models' model files, found without importing
    the package (its ``__init__`` needs ``pkg_resources``)."""
    spec = importlib.util.find_spec("face_recognition_models")
    if spec is None or not spec.submodule_search_locations:
        raise FaceUnavailable("the package face_recognition_models is not installed")
    folder = os.path.join(list(spec.submodule_search_locations)[0], "models")
    for name in (
        "shape_predictor_5_face_landmarks.dat",
        "dlib_face_recognition_resnet_model_v1.dat",
    ):
        if not os.path.isfile(os.path.join(folder, name)):
            raise FaceUnavailable(f"the model file {name} is missing from {folder}")
    return folder


def load():
    """The loaded models (once per process), or raise :class:`FaceUnavailable`."""
    global _engine, _failure  # one engine per process, loaded lazily
    if _engine is not None:
        return _engine
    if _failure is not None:
        raise FaceUnavailable(_failure)
    with _lock:
        if _engine is None:
            try:
                _engine = _load_engine()
            except FaceUnavailable as exc:
                _failure = exc.reason
                raise
    return _engine


def _load_engine():
    try:
        import dlib  # noqa: PLC0415 -- optional, heavy: loaded on first use
        import numpy  # noqa: PLC0415
    except ImportError as exc:
        raise FaceUnavailable(f"cannot import {exc.name}: {exc}") from exc
    folder = _models_dir()
    try:
        return _Engine(dlib, numpy, folder)
    except RuntimeError as exc:  # dlib raises RuntimeError on a bad model
        raise FaceUnavailable(f"dlib cannot load the models: {exc}") from exc


def status():
    """(True, "") when the models load, else (False, reason)."""
    try:
        load()
    except FaceUnavailable as exc:
        return False, exc.reason
    return True, ""


def _pixels(data, max_side):
    """An upright RGB picture of at most ``max_side`` pixels."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format == "JPEG":
                image.draft("RGB", (max_side, max_side))
            image = ImageOps.exif_transpose(image)
            if image.mode != "RGB":
                image = image.convert("RGB")
            image.thumbnail((max_side, max_side), Image.Resampling.BILINEAR)
    except Exception as exc:  # Pillow raises many kinds on bad data
        raise FaceImageError(str(exc)) from exc
    return image


def analyse(data, max_side=DETECT_SIDE):
    """The :class:`Analysis` of picture bytes; raises :class:`FaceUnavailable`
    when the models cannot load and :class:`FaceImageError` on unreadable bytes."""
    engine = load()
    image = _pixels(data, max_side)
    array = engine.numpy.asarray(image)
    boxes = engine.detector(array, UPSAMPLE)
    encoding = None
    if len(boxes) == 1:
        shape = engine.landmarks(array, boxes[0])
        encoding = tuple(
            float(value)
            for value in engine.encoder.compute_face_descriptor(array, shape, 1)
        )
    return Analysis(
        faces=len(boxes),
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        phash=photo_lib.dhash(image),
    )


def distance(first, second):
    """Euclidean distance of two encodings (0 = identical; same person < ~0.6)."""
    return sum((a - b) ** 2 for a, b in zip(first, second, strict=True)) ** 0.5


def closest(encoding, references):
    """(key, distance) of the nearest of ``references`` [(key, encoding)], or
    (None, None) when there is none."""
    best = (None, None)
    for key, reference in references:
        value = distance(encoding, reference)
        if best[1] is None or value < best[1]:
            best = (key, value)
    return best


def verdict(analysis, best_distance, threshold=DEFAULT_THRESHOLD):
    """One of :data:`VERDICTS` (but ``unchecked``) for an analysed selfie."""
    if analysis.faces == 0:
        return "no_face"
    if analysis.faces > 1:
        return "several_faces"
    if best_distance is None:
        return "not_enrolled"
    return "match" if best_distance <= threshold else "mismatch"


def frames_problem(first, second, threshold=DEFAULT_THRESHOLD):
    """The two-frame liveness check: None when the second frame is another
    picture of the same person, else ``frames_identical`` (the same bytes, or
    the same picture by perceptual hash: a still photo held up, a frame sent
    twice), ``frames_no_face`` (the second frame has no single face) or
    ``frames_other_person``."""
    if first.sha256 == second.sha256:
        return "frames_identical"
    if photo_lib.hamming(first.phash, second.phash) <= SAME_FRAME_BITS:
        return "frames_identical"
    if second.faces != 1 or first.encoding is None:
        return "frames_no_face"
    if distance(first.encoding, second.encoding) > threshold:
        return "frames_other_person"
    return None


def pack(encoding):
    """An encoding as 1,024 bytes (128 little-endian doubles)."""
    if len(encoding) != ENCODING_LENGTH:
        raise ValueError("a face encoding has 128 values")
    return struct.pack(f"<{ENCODING_LENGTH}d", *encoding)


def unpack(data):
    """The encoding packed by :func:`pack`."""
    if len(data) != ENCODING_LENGTH * 8:
        raise ValueError("a packed face encoding has 1024 bytes")
    return struct.unpack(f"<{ENCODING_LENGTH}d", data)

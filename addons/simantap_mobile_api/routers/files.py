"""Files the phone sends as base64 (assignment letters, destination photos,
supporting documents): the size is judged from the text's length before anything
is decoded; the content's type is then the models' to check."""

import base64
import binascii

from starlette import status

from ..errors import api_error


def decoded_size(text):
    """The size in bytes ``text`` decodes to (at most), from its length alone."""
    return len(text) * 3 // 4


def decode_file(env, file, max_bytes, too_large_code, type_code):
    """``(filename, bytes)`` of a :class:`FileIn`; 413 ``too_large_code`` beyond
    ``max_bytes``, 422 ``type_code`` when it is not base64."""
    size = decoded_size(file.content)
    if max_bytes and size > max_bytes:
        raise api_error(
            env,
            status.HTTP_413_CONTENT_TOO_LARGE,
            too_large_code,
            params={"limit": max_bytes},
            limit=max_bytes,
        )
    try:
        data = base64.b64decode(file.content.encode("ascii"), validate=True)
    except (binascii.Error, ValueError, UnicodeEncodeError) as error:
        raise api_error(
            env, status.HTTP_422_UNPROCESSABLE_CONTENT, type_code
        ) from error
    if not data:
        raise api_error(env, status.HTTP_422_UNPROCESSABLE_CONTENT, type_code)
    return file.filename, data

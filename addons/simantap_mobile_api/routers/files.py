"""Documents the phone creates (field duties, objections): the files it sends as
base64 (assignment letters, destination photos, supporting documents), whose size
is judged from the text's length before anything is decoded (the content's type is
then the models' to check), the request UUID that makes a resent request return
the document it created, and the labels of their states."""

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
        # Android's Base64.DEFAULT breaks lines every 76 characters
        content = "".join(file.content.split())
        data = base64.b64decode(content.encode("ascii"), validate=True)
    except (binascii.Error, ValueError, UnicodeEncodeError) as error:
        raise api_error(
            env, status.HTTP_422_UNPROCESSABLE_CONTENT, type_code
        ) from error
    if not data:
        raise api_error(env, status.HTTP_422_UNPROCESSABLE_CONTENT, type_code)
    return file.filename, data


def earlier_request(caller, model_name, uuid, response):
    """The document of ``model_name`` the request ``uuid`` created before, as the
    caller sees it, with a 200 status instead of the 201 of a creation; None for a
    new request; 409 ``uuid_conflict`` when another employee's request used it."""
    known = caller.env[model_name]._api_find_request(uuid)
    if not known:
        return None
    if known.employee_id != caller.employee:
        raise api_error(caller.env, status.HTTP_409_CONFLICT, "uuid_conflict")
    response.status_code = status.HTTP_200_OK
    return known.with_env(caller.env)


def selection_label(record, field_name):
    """The label of ``record``'s selection value, in its environment's language."""
    return dict(record._fields[field_name]._description_selection(record.env))[
        record[field_name]
    ]

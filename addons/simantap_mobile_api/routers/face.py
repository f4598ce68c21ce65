"""My reference face: the phone sends up to three enrolment selfies (each with a
different head pose) for an attendance officer to approve; until then, and after,
it can read where its enrolment stands.  Thin over ``simantap.face.reference``:
the encodings never leave the server."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field
from starlette import status

from odoo import fields

from odoo.addons.simantap_attendance.lib import photo as photo_lib

from ..dependencies import Caller, authenticated_caller, write_quota
from ..errors import error_response
from ..schemas import FileIn
from ..schemas.common import UtcDatetime, utc
from .files import decode_file
from .responses import AUTHENTICATED, WRITE, error_responses

router = APIRouter(tags=["my face"])

MAX_PHOTOS = 3


class FaceEnrolmentIn(BaseModel):
    photos: list[FileIn] = Field(
        min_length=1,
        max_length=MAX_PHOTOS,
        description="One to three selfies of me alone, each with a different head "
        "pose (JPEG, PNG or WebP). Each must show exactly one face; when one is "
        "refused (422 no_face, several_faces, photo_not_image...), nothing is "
        "stored. Earlier selfies still waiting for approval are withdrawn.",
    )


class FaceReference(BaseModel):
    id: int
    state: Literal["draft", "approved", "rejected", "replaced"] = Field(
        description="draft: waiting for an attendance officer's approval."
    )
    source: Literal["officer", "phone"]
    created_at: UtcDatetime
    reenrolment: bool


class FaceEnrolment(BaseModel):
    enrolled: bool = Field(
        description="I have an approved face: my selfies are compared with it."
    )
    pending: int = Field(description="My selfies waiting for approval.")
    references: list[FaceReference]


def enrolment_info(caller):
    references = (
        caller.env["simantap.face.reference"]
        .sudo()
        .search(
            [
                ("employee_id", "=", caller.employee.id),
                ("state", "in", ("draft", "approved")),
            ]
        )
    )
    return FaceEnrolment(
        enrolled=any(ref.state == "approved" for ref in references),
        pending=sum(ref.state == "draft" for ref in references),
        references=[
            FaceReference(
                id=ref.id,
                state=ref.state,
                source=ref.source,
                created_at=utc(ref.create_date),
                reenrolment=ref.reenrolment,
            )
            for ref in references
        ],
    )


@router.get(
    "/me/face",
    response_model=FaceEnrolment,
    responses=error_responses(*AUTHENTICATED),
)
async def my_face(
    caller: Annotated[Caller, Depends(authenticated_caller)],
) -> FaceEnrolment:
    """Where my face enrolment stands."""
    return enrolment_info(caller)


@router.post(
    "/me/face",
    response_model=FaceEnrolment,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(*WRITE)
    | {503: {"description": "face_unavailable: the server cannot check faces now."}},
)
async def enrol_my_face(
    data: FaceEnrolmentIn, caller: Annotated[Caller, Depends(write_quota)]
):
    """Send my enrolment selfies for an attendance officer's approval (a
    re-enrolment too: it replaces my approved face once approved)."""
    env = caller.env
    References = env["simantap.face.reference"].sudo()
    company = caller.employee.company_id
    max_bytes = company.simantap_photo_max_bytes or photo_lib.DEFAULT_MAX_BYTES
    photos = []
    for index, file in enumerate(data.photos):
        _name, content = decode_file(
            env, file, max_bytes, "photo_too_large", "photo_type"
        )
        try:
            photo = photo_lib.process(
                content,
                max_bytes=max_bytes,
                max_megapixels=company.simantap_photo_max_megapixels
                or photo_lib.DEFAULT_MAX_MEGAPIXELS,
            )
        except photo_lib.PhotoError as error:
            text = env["simantap.intake"]._refusal_message(error.code, error.params)
            return error_response(
                env,
                status.HTTP_422_UNPROCESSABLE_CONTENT,
                error.code,
                text=text,
                index=index,
            )
        problem, analysis = References._simantap_analyse_enrolment(photo.jpeg)
        if problem:
            code, text = problem
            unavailable = code == "face_unavailable"
            return error_response(
                env,
                status.HTTP_503_SERVICE_UNAVAILABLE
                if unavailable
                else status.HTTP_422_UNPROCESSABLE_CONTENT,
                code,
                text=text,
                index=index,
            )
        photos.append((photo.jpeg, analysis))
    References.search(
        [
            ("employee_id", "=", caller.employee.id),
            ("state", "=", "draft"),
            ("source", "=", "phone"),
        ]
    ).write({"state": "rejected", "ended_at": fields.Datetime.now()})
    References._simantap_create_from_phone(caller.employee, photos)
    return enrolment_info(caller)

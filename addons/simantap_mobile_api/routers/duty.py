"""Field duty (dinas luar) from the phone: file one with its assignment letter
(surat tugas) and destination photos, list mine, submit or cancel a draft, add
photos while on duty.  Thin over ``simantap.field.duty``: its actions decide, and
its refusals (FieldDutyError, with a code) become the error model."""

import base64
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response
from starlette import status

from ..dependencies import Caller, authenticated_caller, write_quota
from ..errors import api_error
from ..schemas import FieldDuty, FieldDutyIn, FieldDutyList, PhotosIn
from ..schemas.common import utc
from .files import decode_file, earlier_request, selection_label
from .responses import AUTHENTICATED, WRITE, error_responses

router = APIRouter(tags=["field duty"])

DutyId = Annotated[int, Path(ge=1, le=2**31 - 1)]
LIST_LIMIT = 100
DUTY_WRITE = (403, 404, *WRITE)


def duty_info(duty):
    """A duty the caller may read, for the phone."""
    mine = duty.employee_id.user_id == duty.env.user
    on_duty = duty.env.user in duty.employee_ids.user_id
    return FieldDuty(
        id=duty.id,
        name=duty.name,
        state=duty.state,
        state_label=selection_label(duty, "state"),
        duty_kind=duty.duty_kind,
        date_from=duty.date_from,
        date_to=duty.date_to,
        hour_from=duty.hour_from if duty.duty_kind == "part_day" else None,
        hour_to=duty.hour_to if duty.duty_kind == "part_day" else None,
        destination_name=duty.destination_name,
        purpose=duty.purpose,
        letter_number=duty.letter_number or None,
        letter_date=duty.letter_date or None,
        letter_filename=duty.letter_filename or None,
        has_letter=bool(duty.letter_filename or duty.letter_file),
        photo_count=len(duty.sudo().photo_ids),
        approver=duty.sudo().approver_user_id.name or None,
        submitted_at=utc(duty.submitted_on),
        decided_at=utc(duty.decided_on),
        reject_reason=duty.reject_reason or None,
        can_submit=mine and duty.state == "draft",
        can_cancel=mine and duty.state in ("draft", "submitted"),
        can_add_photos=on_duty and duty.state in ("draft", "approved", "done"),
    )


def my_duty(caller, duty_id):
    """One of the caller's duties (they are on it), else 404: another's duty is
    as unknown as a missing one."""
    duty = caller.env["simantap.field.duty"].search(
        [("id", "=", duty_id), ("employee_ids", "in", caller.employee.ids)],
        limit=1,
    )
    if not duty:
        raise api_error(caller.env, status.HTTP_404_NOT_FOUND, "not_found")
    return duty


def decode_photos(caller, duty_model, photos):
    max_bytes = duty_model._simantap_max_bytes()
    return [
        decode_file(caller.env, photo, max_bytes, "photo_too_large", "photo_type")
        for photo in photos
    ]


@router.get(
    "/field-duties",
    response_model=FieldDutyList,
    responses=error_responses(*AUTHENTICATED),
)
async def list_duties(
    caller: Annotated[Caller, Depends(authenticated_caller)],
) -> FieldDutyList:
    """The duties I am on (filed by me or naming me), newest first."""
    duties = caller.env["simantap.field.duty"].search(
        [("employee_ids", "in", caller.employee.ids)], limit=LIST_LIMIT
    )
    return FieldDutyList(items=[duty_info(duty) for duty in duties])


@router.get(
    "/field-duties/{duty_id}",
    response_model=FieldDuty,
    responses=error_responses(404, *AUTHENTICATED),
)
async def get_duty(
    duty_id: DutyId, caller: Annotated[Caller, Depends(authenticated_caller)]
) -> FieldDuty:
    return duty_info(my_duty(caller, duty_id))


@router.post(
    "/field-duties",
    response_model=FieldDuty,
    status_code=status.HTTP_201_CREATED,
    responses={200: {"description": "Sent before: the duty it created."}}
    | error_responses(*DUTY_WRITE),
)
async def create_duty(
    data: FieldDutyIn,
    caller: Annotated[Caller, Depends(write_quota)],
    response: Response,
) -> FieldDuty:
    """File a field duty for me, with the assignment letter and destination photos,
    and (by default) submit it to my unit head. Nothing is stored when a part is
    refused (422 letter_missing, letter_type, retroactive_limit, range_invalid...)."""
    Duty = caller.env["simantap.field.duty"]
    known = earlier_request(caller, Duty._name, data.uuid, response)
    if known:
        return duty_info(known)
    max_bytes = Duty._simantap_max_bytes()
    values = data.model_dump(
        exclude={"uuid", "letter", "photos", "submit"}, exclude_none=True
    )
    values.update(employee_id=caller.employee.id, api_uuid=str(data.uuid))
    if data.letter:
        name, content = decode_file(
            caller.env, data.letter, max_bytes, "letter_too_large", "letter_type"
        )
        values.update(letter_filename=name, letter_file=base64.b64encode(content))
    photos = decode_photos(caller, Duty, data.photos)
    duty = Duty.create(values)
    if photos:
        duty._simantap_add_photos(photos)
    if data.submit:
        duty.action_submit()
    return duty_info(duty)


@router.post(
    "/field-duties/{duty_id}/submit",
    response_model=FieldDuty,
    responses=error_responses(*DUTY_WRITE),
)
async def submit_duty(
    duty_id: DutyId, caller: Annotated[Caller, Depends(write_quota)]
) -> FieldDuty:
    """Send my draft to the approver (409 wrong_state when it is not a draft)."""
    duty = my_duty(caller, duty_id)
    duty.action_submit()
    return duty_info(duty)


@router.post(
    "/field-duties/{duty_id}/cancel",
    response_model=FieldDuty,
    responses=error_responses(*DUTY_WRITE),
)
async def cancel_duty(
    duty_id: DutyId, caller: Annotated[Caller, Depends(write_quota)]
) -> FieldDuty:
    """Cancel my draft or my duty still waiting for a decision (409 wrong_state once
    decided: an approved duty is cancelled by its approver)."""
    duty = my_duty(caller, duty_id)
    if duty.state not in ("draft", "submitted"):
        duty._simantap_refuse_state(("draft", "submitted"))
    duty.action_cancel()
    return duty_info(duty)


@router.post(
    "/field-duties/{duty_id}/photos",
    response_model=FieldDuty,
    responses=error_responses(*DUTY_WRITE),
)
async def add_photos(
    duty_id: DutyId,
    data: PhotosIn,
    caller: Annotated[Caller, Depends(write_quota)],
) -> FieldDuty:
    """Add photos taken at the destination (JPEG or PNG), to a draft or an approved
    duty."""
    duty = my_duty(caller, duty_id)
    duty._simantap_add_photos(decode_photos(caller, duty, data.photos))
    return duty_info(duty)

"""My monthly attendance card as a PDF, the same paper the unit head signs, for the
phone's month screen.  Thin over the attendance addon's report."""

from typing import Annotated

from fastapi import APIRouter, Depends, Response

from ..dependencies import Caller, authenticated_caller
from .common import MonthParam, month_start
from .responses import AUTHENTICATED, error_responses

router = APIRouter(tags=["my days"])

CARD = "simantap_attendance.action_report_attendance_card"


@router.get(
    "/me/month/card",
    response_class=Response,
    responses={
        200: {
            "content": {"application/pdf": {}},
            "description": "The attendance card of the month (PDF).",
        },
        **error_responses(*AUTHENTICATED),
    },
)
async def my_month_card(
    caller: Annotated[Caller, Depends(authenticated_caller)],
    month: MonthParam = None,
) -> Response:
    """My attendance card of the month: every day with its times and codes, in
    the regency's layout, as a PDF to download."""
    start = month_start(caller, month)
    # rendered as the employee (the card checks whose it is), always a real PDF
    report = (
        caller.env["ir.actions.report"]
        .with_user(caller.employee.user_id)
        .with_context(force_report_rendering=True)
    )
    pdf, _kind = report._render_qweb_pdf(
        CARD, caller.employee.ids, data={"month": start.isoformat()}
    )
    return Response(
        pdf,
        media_type="application/pdf",
        headers={
            "Content-Disposition": (
                f'attachment; filename="kartu-kehadiran-{start:%Y-%m}.pdf"'
            )
        },
    )

"""What a phone asks before anything else: is this a Simantap server, which API
version, and what time the server says it is (server time is the truth)."""

from typing import Annotated

from fastapi import APIRouter, Depends

from odoo import fields
from odoo.api import Environment

from ..dependencies import api_env
from ..schemas import ServerInfo
from ..schemas.common import utc
from .responses import error_responses

router = APIRouter(tags=["meta"])


@router.get("/meta", response_model=ServerInfo, responses=error_responses(422))
async def server_info(env: Annotated[Environment, Depends(api_env)]) -> ServerInfo:
    """The API version and the server's clock, for the phone to measure its skew."""
    return ServerInfo(
        api_version="1",
        server_time=utc(fields.Datetime.now()),
        timezone=env.user.tz or "Asia/Jakarta",
    )

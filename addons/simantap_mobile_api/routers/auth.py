"""Sign in from a phone (binding it to the employee) and sign out."""

from typing import Annotated

from fastapi import APIRouter, Depends, Response
from starlette import status

from odoo.api import Environment
from odoo.exceptions import AccessDenied

from ..dependencies import Caller, api_env, authenticated_caller
from ..errors import api_error, error_response
from ..models.res_users import SignInCooldown, mark_phone_sign_in
from ..schemas import SignIn, SignInResult
from .common import device_info, employee_info
from .responses import AUTHENTICATED, error_responses

router = APIRouter(tags=["auth"])


@router.post(
    "/auth/sign-in",
    response_model=SignInResult,
    responses=error_responses(400, 401, 403, 413, 422, 429),
)
async def sign_in(
    data: SignIn, env: Annotated[Environment, Depends(api_env)]
) -> SignInResult:
    """Check the employee's Odoo login and password and bind this phone.

    The employee's first phone is bound at once; another phone waits for an
    attendance officer's approval (403 `device_pending_approval`: sign in again
    later). Signing in again from a bound phone replaces its token."""
    # the cooldown of failed sign-ins counts this login apart (see res_users.py)
    mark_phone_sign_in(data.login)
    try:
        auth = (
            env["res.users"]
            .sudo()
            .authenticate(
                env.cr.dbname,
                {"type": "password", "login": data.login, "password": data.password},
                {"interactive": False},
            )
        )
    except SignInCooldown as error:
        seconds = int(
            env["ir.config_parameter"]
            .sudo()
            .get_param("base.login_cooldown_duration", 60)
        )
        # this login from this address, or the whole address (many logins)
        raise api_error(
            env,
            status.HTTP_429_TOO_MANY_REQUESTS,
            "address_cooldown" if error.scope == "address" else "sign_in_cooldown",
            headers={"Retry-After": str(seconds)},
            params={"seconds": seconds},
            retry_after=seconds,
        ) from error
    except AccessDenied as error:
        raise api_error(
            env,
            status.HTTP_401_UNAUTHORIZED,
            "invalid_credentials",
            headers={"WWW-Authenticate": "Bearer"},
        ) from error
    user = env["res.users"].sudo().browse(auth["uid"])
    employee = user.with_company(user.company_id).employee_id or user.employee_ids[:1]
    if not employee:
        raise api_error(env, status.HTTP_403_FORBIDDEN, "no_employee")
    device, token = env["simantap.device"]._api_sign_in(
        employee,
        data.device_id,
        device_model=data.device_model,
        platform=data.platform,
        app_version=data.app_version,
    )
    if token is None:
        # the request for approval is kept: answer without rolling back
        return error_response(
            env,
            status.HTTP_403_FORBIDDEN,
            "device_pending_approval",
            device_id=device.id,
        )
    return SignInResult(
        access_token=token,
        employee=employee_info(employee),
        device=device_info(device),
    )


@router.post(
    "/auth/sign-out",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=error_responses(*AUTHENTICATED),
)
async def sign_out(
    caller: Annotated[Caller, Depends(authenticated_caller)],
) -> Response:
    """Forget this phone's token; the phone stays bound to the employee."""
    caller.device._api_sign_out()
    return Response(status_code=status.HTTP_204_NO_CONTENT)

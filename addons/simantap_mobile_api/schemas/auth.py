from typing import Literal

from pydantic import BaseModel, Field

from .common import Text, UtcDatetime


class SignIn(BaseModel):
    """The employee's Odoo login and password, and the phone they sign in from."""

    login: Text = Field(min_length=1, max_length=256)
    password: Text = Field(min_length=1, max_length=1024)
    device_id: Text = Field(
        min_length=1,
        max_length=128,
        description="A stable identifier of the phone (Android ID): the same phone "
        "always sends the same one.",
    )
    device_model: Text | None = Field(
        default=None, max_length=128, description="e.g. 'Samsung SM-A145F'."
    )
    platform: Text | None = Field(
        default=None, max_length=64, description="e.g. 'Android 14'."
    )
    app_version: Text | None = Field(default=None, max_length=32)


class EmployeeInfo(BaseModel):
    id: int
    name: str
    job_title: str | None = None
    unit: str | None = Field(default=None, description="The employee's unit (OPD).")
    company: str
    timezone: str


class DeviceInfo(BaseModel):
    id: int
    device_id: str
    device_model: str | None = None
    state: Literal["pending", "active", "revoked"]
    requested_at: UtcDatetime
    approved_at: UtcDatetime | None = None


class SignInResult(BaseModel):
    access_token: str = Field(
        description="Send it as 'Authorization: Bearer <token>'. It stays valid until "
        "the phone signs in again or out, or is revoked."
    )
    token_type: Literal["bearer"] = "bearer"
    employee: EmployeeInfo
    device: DeviceInfo


class Me(BaseModel):
    employee: EmployeeInfo
    device: DeviceInfo

from pydantic import BaseModel, Field

from .common import Text, UtcDatetime


class PushKeys(BaseModel):
    p256dh: Text = Field(
        min_length=80,
        max_length=100,
        description="The subscription's P-256 public key, base64url (65 bytes).",
    )
    auth: Text = Field(
        min_length=16,
        max_length=32,
        description="The subscription's authentication secret, base64url (16 bytes).",
    )


class PushSubscriptionIn(BaseModel):
    """``PushSubscription.toJSON()`` of the browser."""

    endpoint: Text = Field(
        min_length=12,
        max_length=2048,
        description="The push service's URL for this phone (https).",
    )
    keys: PushKeys
    expirationTime: float | None = Field(
        default=None, description="Ignored: the push service says when it is gone."
    )


class PushKey(BaseModel):
    public_key: str = Field(
        description="The company's VAPID public key (applicationServerKey, "
        "base64url): subscribe with it."
    )
    subscribed: bool = Field(
        description="This phone has a subscription made with the current key; "
        "when false, subscribe (again) and post it."
    )


class PushSubscriptionOut(BaseModel):
    id: int
    public_key: str
    subscribed_at: UtcDatetime

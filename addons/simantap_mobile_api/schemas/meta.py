from pydantic import BaseModel, Field

from .common import UtcDatetime


class ServerInfo(BaseModel):
    api_version: str
    server_time: UtcDatetime = Field(
        description="The server's clock (the truth): the phone measures its skew."
    )
    timezone: str = Field(description="The regency's default time zone.")

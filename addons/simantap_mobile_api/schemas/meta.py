from datetime import datetime

from pydantic import BaseModel


class ServerInfo(BaseModel):
    api_version: str
    server_time: datetime
    timezone: str

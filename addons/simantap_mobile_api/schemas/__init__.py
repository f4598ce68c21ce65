from .meta import ServerInfo

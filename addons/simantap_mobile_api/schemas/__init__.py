from .auth import DeviceInfo, EmployeeInfo, Me, SignIn, SignInResult
from .error import ErrorResponse
from .events import (
    BatchEvent,
    CheckIn,
    CheckOut,
    EventResult,
    PingIn,
    PingResult,
    SignalMessage,
    SpotCheckAnswer,
    SpotCheckDue,
    SyncBatch,
    SyncResult,
    TodayStatus,
    WorkInterval,
)
from .meta import ServerInfo

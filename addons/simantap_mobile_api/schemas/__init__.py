from .auth import DeviceInfo, EmployeeInfo, Me, SignIn, SignInResult
from .documents import (
    AllowedLocation,
    CodeTotal,
    Day,
    DayCode,
    DayObjection,
    DaysSummary,
    FieldDuty,
    FieldDutyIn,
    FieldDutyList,
    FileIn,
    Objection,
    ObjectionIn,
    ObjectionList,
    PhotosIn,
    StatusCode,
    StatusCodeList,
    TppMonth,
)
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

from .auth import router as auth_router
from .days import router as days_router
from .duty import router as duty_router
from .events import router as events_router
from .face import router as face_router
from .me import router as me_router
from .meta import router as meta_router
from .push import router as push_router
from .reports import router as reports_router

ROUTERS = (
    meta_router,
    auth_router,
    me_router,
    events_router,
    duty_router,
    days_router,
    reports_router,
    face_router,
    push_router,
)

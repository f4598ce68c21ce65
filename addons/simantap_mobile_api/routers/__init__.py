from .meta import router as meta_router

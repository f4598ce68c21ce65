from . import (
    test_api,
    test_concurrency,
    test_device,
    test_documents,
    test_interop,
    test_meta,
    test_openapi,
)

from . import (
    test_api,
    test_days_to_object,
    test_device,
    test_documents,
    test_meta,
    test_openapi,
)

from . import (
    test_api,
    test_body_limit,
    test_device,
    test_documents,
    test_meta,
    test_openapi,
    test_reports_api,
)

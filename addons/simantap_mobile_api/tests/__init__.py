from . import (
    test_api,
    test_body_limit,
    test_concurrency,
    test_days_to_object,
    test_device,
    test_docs,
    test_documents,
    test_interop,
    test_meta,
    test_openapi,
    test_openapi30,
    test_reports_api,
)

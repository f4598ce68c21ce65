from . import test_api, test_device, test_meta, test_openapi

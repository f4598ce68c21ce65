from . import (
    api_request_mixin,
    fastapi_endpoint,
    ir_http,
    res_company,
    res_config_settings,
    res_lang,
    res_users,
    simantap_device,
)

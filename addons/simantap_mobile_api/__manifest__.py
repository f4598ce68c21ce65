{
    "name": "Simantap Mobile API",
    "summary": "The phone's door to Simantap: a versioned JSON API with device binding "
    "and idempotent offline sync, and the phone web app that uses it",
    "version": "18.0.1.1.0",
    "category": "Human Resources/Attendances",
    "website": "https://github.com/simantap/simantap",
    "author": "Simantap",
    "maintainers": ["simantap"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["simantap_sanction", "fastapi"],
    "external_dependencies": {
        "python": ["swagger_ui_bundle", "pywebpush", "py_vapid", "http_ece"]
    },
    "data": [
        "security/simantap_mobile_api_security.xml",
        "security/ir.model.access.csv",
        "security/simantap_device_security.xml",
        "security/simantap_push_security.xml",
        "data/fastapi_endpoint_data.xml",
        "views/simantap_device_views.xml",
        "views/res_config_settings_views.xml",
        "views/simantap_push_views.xml",
        "views/res_config_settings_push_views.xml",
        "data/simantap_push_data.xml",
    ],
}

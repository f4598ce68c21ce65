{
    "name": "Simantap Sanction",
    "summary": "Monthly TPP allowance cuts from attendance codes, under the regent's "
    "regulation (Perbup), for payroll",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Attendances",
    "website": "https://github.com/simantap/simantap",
    "author": "Simantap",
    "maintainers": ["simantap"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["simantap_attendance"],
    "data": [
        "security/ir.model.access.csv",
        "security/simantap_sanction_security.xml",
        "views/simantap_position_class_views.xml",
        "views/simantap_sanction_menus.xml",
    ],
}

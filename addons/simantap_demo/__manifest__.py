{
    "name": "Simantap Demo Regency",
    "summary": "A sample regency (Kabupaten Solok Selatan) with a month of attendance "
    "history and a TPP month under review, without stock Odoo's demo people",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Attendances",
    "website": "https://github.com/simantap/simantap",
    "author": "Simantap",
    "maintainers": ["simantap"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["simantap_sanction"],
    "data": [
        "data/res_company_demo.xml",
        "data/resource_calendar_demo.xml",
        "data/hr_department_demo.xml",
        "data/hr_work_location_demo.xml",
        "data/res_users_demo.xml",
        "data/hr_employee_demo.xml",
        "data/stock_data_demo.xml",
        "data/simantap_position_class_demo.xml",
        "data/simantap_demo_history.xml",
    ],
}

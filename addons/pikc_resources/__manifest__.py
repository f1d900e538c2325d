# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "PIKC Resources",
    "summary": "Workshops, equipment, staff and buildings of a vocational "
    "education competence centre and its member schools, shared between them",
    "version": "18.0.1.0.0",
    "category": "Services/PIKC",
    "website": "https://github.com/pikc-lv/pikc-odoo",
    "author": "PIKC",
    "license": "LGPL-3",
    "depends": [
        "mail",
        "hr",
        "hr_skills",
        "maintenance",
        "stock_account",
        "purchase_stock",
    ],
    "data": [
        "security/pikc_resources_security.xml",
        "security/ir.model.access.csv",
        "security/pikc_staff_security.xml",
        "data/pikc_sector_data.xml",
        "data/hr_skill_data.xml",
        "views/pikc_sector_views.xml",
        "views/res_company_views.xml",
        "views/pikc_resources_menus.xml",
        "views/hr_employee_views.xml",
        "views/pikc_staff_development_views.xml",
        "views/pikc_staff_menus.xml",
    ],
    "demo": [
        "demo/res_company_demo.xml",
        "demo/res_users_demo.xml",
        "demo/hr_employee_demo.xml",
        "demo/pikc_staff_development_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "pikc_resources/static/tests/tours/*.js",
        ],
    },
    "application": True,
}

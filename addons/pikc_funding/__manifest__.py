# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "PIKC Funding",
    "summary": "EU-funded projects (ERDF, ESF, KPFI, Erasmus+) of the PIKC: "
    "grants, budgets and the Odoo purchases, bills, expenses and timesheets "
    "that consume them",
    "version": "18.0.1.1.0",
    "category": "Services/PIKC",
    "website": "https://github.com/pikc-lv/pikc-odoo",
    "author": "PIKC",
    "license": "LGPL-3",
    "depends": [
        "pikc_resources",
        "account",
        "purchase",
        "hr_expense",
        "hr_timesheet",
        "project_stock_account",
    ],
    "data": [
        "security/pikc_funding_security.xml",
        "security/ir.model.access.csv",
        "security/pikc_funding_viewer_security.xml",
        "data/res_partner_category_data.xml",
        "data/account_analytic_plan_data.xml",
        "data/pikc_fund_data.xml",
        "data/pikc_cost_category_data.xml",
        "views/res_partner_views.xml",
        "views/hr_employee_views.xml",
        "views/pikc_fund_views.xml",
        "views/pikc_cost_category_views.xml",
        "views/pikc_grant_views.xml",
        "views/pikc_grant_budget_line_views.xml",
        "views/pikc_procurement_views.xml",
        "views/pikc_grant_override_views.xml",
        "views/pikc_budget_line_choice_views.xml",
        "views/pikc_funding_menus.xml",
    ],
    "demo": [
        "demo/res_company_demo.xml",
        "demo/res_partner_demo.xml",
        "demo/res_users_demo.xml",
        "demo/pikc_grant_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "pikc_funding/static/tests/tours/*.js",
        ],
    },
}

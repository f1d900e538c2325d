import { registry } from "@web/core/registry";
import { screenSteps } from "@pikc_resources/../tests/tours/pikc_screens_tour";

/** Open the first record shown (a kanban card or a list row). */
const openFirst = (selector) => ({ content: "Open the first record", trigger: selector, run: "click" });

/**
 * The main screens of each funding role's day, as the demo logins see
 * them (see pikc_resources' pikc_screens_tour.js).
 */
const FUNDING_SCREENS = {
    projectmanager: [
        { item: "pikc_funding.menu_pikc_grant", menu: "Funding", name: "projectmanager-grants", ready: ".o_kanban_record" },
        { item: "pikc_funding.menu_pikc_grant", menu: "Funding", steps: [openFirst(".o_kanban_record")], name: "projectmanager-grant-form", ready: ".o_form_view .o_form_sheet_bg" },
    ],
    accountant: [
        { item: "pikc_funding.menu_pikc_budget_report", menu: "Reporting", name: "accountant-budget-vs-actual", ready: ".o_view_controller" },
    ],
    auditor: [
        { item: "pikc_funding.menu_pikc_procurement", menu: "Funding", steps: [openFirst(".o_data_row td.o_data_cell")], name: "auditor-procurement-form", ready: ".o_form_view .o_form_sheet_bg" },
    ],
};

for (const [login, screens] of Object.entries(FUNDING_SCREENS)) {
    registry.category("web_tour.tours").add(`pikc_screens_${login}`, {
        url: "/odoo",
        steps: () => screenSteps(screens),
    });
}

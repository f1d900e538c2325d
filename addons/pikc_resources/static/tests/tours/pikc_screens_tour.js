import { registry } from "@web/core/registry";
import { openPikcMenuSteps, pikcOpeningSteps } from "@pikc_resources/../tests/tours/pikc_tour_steps";
import { screenStep } from "@pikc_resources/../tests/tours/pikc_screen_steps";

/** The list of the bookings (upcoming first: the demo's start next week). */
const LIST_VIEW = { content: "Show the list", trigger: ".o_switch_view.o_list", run: "click" };

/** Open the first record shown (a kanban card or a list row). */
const openFirst = (selector) => ({ content: "Open the first record", trigger: selector, run: "click" });

/**
 * The main screens of each resource role's day, as the demo logins see
 * them, each screenshot by tests/test_screens.py (in Latvian and English;
 * scripts/screens keeps them in docs/screens/). A screen is a menu item of
 * a navbar menu, the steps on it (if any), its name and what must show
 * before its screenshot.
 */
export const RESOURCE_SCREENS = {
    teacher: [
        { item: "pikc_resources.menu_pikc_booking", menu: "Resources", steps: [LIST_VIEW], name: "teacher-bookings", ready: ".o_list_view .o_data_row" },
        { item: "pikc_resources.menu_pikc_workshop", menu: "Resources", name: "teacher-workshops", ready: ".o_kanban_record" },
        { item: "pikc_resources.menu_pikc_booking_slot_wizard", menu: "Resources", name: "teacher-free-slots", ready: ".modal .o_form_view" },
    ],
    "teacher.school2": [
        { item: "pikc_resources.menu_pikc_workshop", menu: "Resources", name: "school2-shared-workshops", ready: ".o_kanban_record" },
        { item: "pikc_resources.menu_pikc_booking", menu: "Resources", steps: [LIST_VIEW], name: "school2-bookings", ready: ".o_list_view .o_data_row" },
    ],
    master: [
        { item: "pikc_resources.menu_pikc_booking_to_approve", menu: "Resources", name: "master-requests-to-approve", ready: ".o_view_controller" },
        { item: "pikc_resources.menu_pikc_equipment", menu: "Resources", name: "master-equipment", ready: ".o_view_controller" },
    ],
    director: [
        { item: "pikc_resources.menu_pikc_utilization_report_week", menu: "Reporting", name: "director-utilization", ready: ".o_pivot table" },
        { item: "pikc_resources.menu_pikc_staff", menu: "Resources", name: "director-staff", ready: ".o_kanban_record" },
        { item: "pikc_resources.menu_pikc_workshop", menu: "Resources", steps: [openFirst(".o_kanban_record")], name: "director-workshop-form", ready: ".o_form_view .o_form_sheet_bg" },
    ],
};

/**
 * The steps visiting ``screens``: open each menu item, take the screen's
 * steps, wait for what it must show, take its screenshot.
 *
 * @param {Array<Object>} screens see RESOURCE_SCREENS
 */
export function screenSteps(screens) {
    return screens.flatMap(({ item, menu, steps = [], name, ready }, index) => [
        ...(index ? openPikcMenuSteps(item, `Open ${name}`, menu) : pikcOpeningSteps(item, `Open ${name}`, menu)),
        ...steps,
        screenStep(name, ready),
    ]);
}

for (const [login, screens] of Object.entries(RESOURCE_SCREENS)) {
    registry.category("web_tour.tours").add(`pikc_screens_${login}`, {
        url: "/odoo",
        steps: () => screenSteps(screens),
    });
}

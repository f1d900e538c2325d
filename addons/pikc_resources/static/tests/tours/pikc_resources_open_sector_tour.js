import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

/**
 * A teacher (resource user) opens the PIKC app, then the competence sectors,
 * then one sector, and finds its code there, read-only.
 */
registry.category("web_tour.tours").add("pikc_resources_open_sector", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("pikc_resources.menu_pikc_root", "Open the PIKC app"),
        {
            content: "Open the Resources menu",
            trigger: '.o_main_navbar [data-menu-xmlid="pikc_resources.menu_pikc_resources"]',
            run: "click",
        },
        {
            content: "Open the competence sectors",
            trigger: '.dropdown-item[data-menu-xmlid="pikc_resources.menu_pikc_sector"]',
            run: "click",
        },
        {
            content: "Open the mechanical engineering sector",
            trigger: '.o_view_controller.o_list_view .o_data_row td[name="name"]:contains("Mechanical engineering")',
            run: "click",
        },
        {
            content: "The sector's form shows its code, read-only for a teacher",
            trigger: '.o_form_view .o_form_readonly .o_field_widget[name="code"]:contains("MECH")',
        },
    ],
});

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

/**
 * An HR officer opens PIKC > Resources > Staff, then a teacher of the VETPRO
 * mobility, finds her sectors and development log on the PIKC page, then
 * opens the professional development log of the institution and one entry.
 */
registry.category("web_tour.tours").add("pikc_resources_staff_development", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("pikc_resources.menu_pikc_root", "Open the PIKC app"),
        {
            content: "Open the Resources menu",
            trigger: '.o_main_navbar [data-menu-xmlid="pikc_resources.menu_pikc_resources"]',
            run: "click",
        },
        {
            content: "Open the staff",
            trigger: '.dropdown-item[data-menu-xmlid="pikc_resources.menu_pikc_staff"]',
            run: "click",
        },
        {
            content: "Open the electrical installation teacher",
            trigger: '.o_kanban_record:contains("Ilze Liepiņa")',
            run: "click",
        },
        {
            content: "Open the PIKC page of her form",
            trigger: '.o_form_view .o_notebook a.nav-link[name="pikc"]',
            run: "click",
        },
        {
            content: "Her sector is shown",
            trigger: '.o_field_widget[name="sector_ids"]:contains("Energy, electronics and automation")',
        },
        {
            content: "Her development log lists the Vilnius lesson observation",
            trigger: '.o_field_widget[name="pikc_development_ids"] .o_data_row:contains("hospitēšana")',
        },
        {
            content: "Open the Resources menu again",
            trigger: '.o_main_navbar [data-menu-xmlid="pikc_resources.menu_pikc_resources"]',
            run: "click",
        },
        {
            content: "Open the professional development log",
            trigger: '.dropdown-item[data-menu-xmlid="pikc_resources.menu_pikc_staff_development"]',
            run: "click",
        },
        {
            content: "The log lists the VETPRO mobility",
            trigger: '.o_view_controller.o_list_view .o_data_row td[name="name"]:contains("VETPRO mobility to Vilnius")',
            run: "click",
        },
        {
            content: "The entry's form shows the grant it was funded by",
            trigger: '.o_form_view .o_field_widget[name="grant_reference"] input:value("2011-1-LV1-LEO03-02109")',
        },
    ],
});

import { registry } from "@web/core/registry";
import {
    openPikcMenuSteps,
    pikcOpeningSteps,
} from "@pikc_resources/../tests/tours/pikc_tour_steps";

/**
 * An HR officer opens PIKC > Resources > Staff, then a teacher of the VETPRO
 * mobility, finds her sectors and development log on the PIKC page, then
 * opens the professional development log of the institution and one entry.
 */
registry.category("web_tour.tours").add("pikc_resources_staff_development", {
    url: "/odoo",
    steps: () => [
        ...pikcOpeningSteps("pikc_resources.menu_pikc_staff", "Open the staff"),
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
        ...openPikcMenuSteps(
            "pikc_resources.menu_pikc_staff_development",
            "Open the professional development log"
        ),
        {
            content: "The log lists the VETPRO mobility",
            trigger: '.o_view_controller.o_list_view .o_data_row td[name="name"]:contains("VETPRO mobilitāte uz Viļņu")',
            run: "click",
        },
        {
            content: "The entry's form shows the grant it was funded by",
            trigger: '.o_form_view .o_field_widget[name="grant_reference"] input:value("2011-1-LV1-LEO03-02109")',
        },
    ],
});

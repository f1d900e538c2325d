import { registry } from "@web/core/registry";
import { pikcOpeningSteps } from "@pikc_resources/../tests/tours/pikc_tour_steps";

/**
 * A teacher (resource user) opens the PIKC app, then the competence sectors,
 * then one sector, and finds its code there, read-only.
 */
registry.category("web_tour.tours").add("pikc_resources_open_sector", {
    url: "/odoo",
    steps: () => [
        ...pikcOpeningSteps("pikc_resources.menu_pikc_sector", "Open the competence sectors"),
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

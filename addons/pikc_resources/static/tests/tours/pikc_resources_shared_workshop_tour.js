import { registry } from "@web/core/registry";
import { pikcOpeningSteps } from "@pikc_resources/../tests/tours/pikc_tour_steps";

/**
 * A teacher of a member school opens a workshop another institution shares:
 * the form opens, read-only, with what a requester needs.
 */
registry.category("web_tour.tours").add("pikc_resources_shared_workshop", {
    url: "/odoo",
    steps: () => [
        ...pikcOpeningSteps("pikc_resources.menu_pikc_workshop", "Open the workshops"),
        {
            content: "Open the shared lab of the other institution",
            trigger: '.o_kanban_record:contains("Tour shared lab")',
            run: "click",
        },
        {
            content: "Its capacity and hourly rate show, read-only",
            trigger:
                '.o_form_view .o_form_readonly .o_field_widget[name="capacity"]:contains("14")',
        },
        {
            content: "The owner's stock is not offered",
            trigger: '.o_form_view:not(:has(button[name="action_issue_material"]))',
        },
    ],
});

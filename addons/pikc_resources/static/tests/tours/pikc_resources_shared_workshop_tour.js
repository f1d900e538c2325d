import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

/**
 * A teacher of a member school opens a workshop another institution shares:
 * the form opens, read-only, with what a requester needs.
 */
registry.category("web_tour.tours").add("pikc_resources_shared_workshop", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("pikc_resources.menu_pikc_root", "Open the PIKC app"),
        {
            content: "Open the Resources menu",
            trigger: '.o_main_navbar [data-menu-xmlid="pikc_resources.menu_pikc_resources"]',
            run: "click",
        },
        {
            content: "Open the workshops",
            trigger: '.dropdown-item[data-menu-xmlid="pikc_resources.menu_pikc_workshop"]',
            run: "click",
        },
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

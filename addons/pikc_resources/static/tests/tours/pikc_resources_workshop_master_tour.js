import { registry } from "@web/core/registry";
import { pikcOpeningSteps } from "@pikc_resources/../tests/tours/pikc_tour_steps";

/**
 * A workshop master adds a piece of equipment to a workshop, then issues
 * material from the workshop to a training.
 */
registry.category("web_tour.tours").add("pikc_resources_workshop_master", {
    url: "/odoo",
    steps: () => [
        ...pikcOpeningSteps("pikc_resources.menu_pikc_workshop", "Open the workshops"),
        {
            content: "Open the tour lab",
            trigger: '.o_kanban_record:contains("Tour lab")',
            run: "click",
        },
        {
            content: "Add equipment to the workshop",
            trigger: '.o_field_widget[name="equipment_ids"] .o_field_x2many_list_row_add a',
            run: "click",
        },
        {
            content: "Name the equipment",
            trigger: '.modal .o_field_widget[name="name"] input',
            run: "edit Tour bench drill",
        },
        {
            content: "Give it its inventory code",
            trigger: '.modal .o_field_widget[name="inventory_code"] input',
            run: "edit TOUR-INV-1",
        },
        {
            content: "Save the equipment",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The equipment is listed in the workshop",
            trigger: '.o_field_widget[name="equipment_ids"] .o_data_row:contains("Tour bench drill")',
        },
        {
            content: "Issue material from the workshop to a training",
            trigger: '.o_form_view button[name="action_issue_material"]',
            run: "click",
        },
        {
            content: "Add a material line",
            trigger:
                '.o_field_widget[name="move_ids_without_package"] .o_field_x2many_list_row_add a',
            run: "click",
        },
        {
            content: "Choose the welding wire",
            trigger:
                '.o_field_widget[name="move_ids_without_package"] .o_data_row .o_field_widget[name="product_id"] input',
            run: "edit Tour welding wire",
        },
        {
            content: "Pick it from the suggestions",
            trigger: '.o-autocomplete--dropdown-item:contains("Tour welding wire")',
            run: "click",
        },
        {
            content: "Issue two spools",
            trigger:
                '.o_field_widget[name="move_ids_without_package"] .o_data_row .o_field_widget[name="product_uom_qty"] input',
            run: "edit 2",
        },
        {
            content: "Validate the issue",
            trigger: '.o_form_view .o_statusbar_buttons button[name="button_validate"]',
            run: "click",
        },
        {
            content: "The material has left the workshop",
            trigger: '.o_statusbar_status .o_arrow_button_current:contains("Done")',
        },
    ],
});

import { registry } from "@web/core/registry";
import { pikcOpeningSteps } from "@pikc_resources/../tests/tours/pikc_tour_steps";

/**
 * A project manager orders a lathe for the tour's ERDF grant (the vendor's
 * analytic distribution charges the grant) and is refused: the grant's
 * budget control blocks the overrun.
 */
registry.category("web_tour.tours").add("pikc_funding_budget_refused", {
    url: "/odoo/action-purchase.purchase_rfq",
    steps: () => [
        {
            content: "Create a request for quotation",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Choose the vendor",
            trigger: '.o_field_widget[name="partner_id"] input',
            run: "edit Tour Lathe Vendor",
        },
        {
            content: "Pick the vendor from the suggestions",
            trigger: '.o-autocomplete--dropdown-item:contains("Tour Lathe Vendor")',
            run: "click",
        },
        {
            content: "Add a product line",
            trigger: '.o_field_widget[name="order_line"] .o_field_x2many_list_row_add a',
            run: "click",
        },
        {
            content: "Choose the lathe",
            trigger:
                '.o_field_widget[name="order_line"] .o_data_row .o_field_widget[name="product_id"] input',
            run: "edit Tour lathe",
        },
        {
            content: "Pick the lathe from the suggestions",
            trigger: '.o-autocomplete--dropdown-item:contains("Tour lathe")',
            run: "click",
        },
        {
            content: "Its price",
            trigger:
                '.o_field_widget[name="order_line"] .o_data_row .o_field_widget[name="price_unit"] input',
            run: "edit 6000",
        },
        {
            content: "Confirm the order",
            trigger: '.o_form_view button[name="button_confirm"]',
            run: "click",
        },
        {
            content: "The budget control refuses it, naming the line and the excess",
            trigger:
                '.modal:contains("past their available amount"):contains("Equipment: available")',
        },
        {
            content: "Close the message",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The order is still a request for quotation",
            trigger: '.o_statusbar_status .o_arrow_button_current:contains("RFQ")',
        },
    ],
});

/**
 * The funding manager overrides the budget control of the refused order
 * with a reason; the order is confirmed and the grant shows the commitment.
 */
registry.category("web_tour.tours").add("pikc_funding_budget_override", {
    steps: () => [
        {
            content: "Override the budget control",
            trigger: '.o_form_view button:contains("Override Budget")',
            run: "click",
        },
        {
            content: "Give the reason",
            trigger: '.modal .o_field_widget[name="reason"] textarea',
            run: "edit Offer above the estimate, accepted by the managing authority",
        },
        {
            content: "Override and confirm",
            trigger: '.modal button[name="action_override"]',
            run: "click",
        },
        {
            content: "The order is confirmed",
            trigger: '.o_statusbar_status .o_arrow_button_current:contains("Purchase Order")',
        },
        ...pikcOpeningSteps("pikc_funding.menu_pikc_grant", "Open the grants", "Funding"),
        {
            content: "Open the tour grant",
            trigger: '.o_kanban_record:contains("TOUR-ERDF")',
            run: "click",
        },
        {
            content: "Its equipment line shows the commitment of 6,000",
            trigger:
                '.o_field_widget[name="budget_line_ids"] .o_data_row:contains("Equipment") td[name="amount_committed"]:contains("6,000.00")',
        },
        {
            content: "The override is recorded with its reason",
            trigger: '.o_notebook a:contains("Budget Overrides")',
            run: "click",
        },
        {
            content: "The reason is shown",
            trigger:
                '.o_field_widget[name="override_ids"] .o_data_row:contains("accepted by the managing authority")',
        },
    ],
});

import { registry } from "@web/core/registry";
import {
    openPikcMenuSteps,
    pikcOpeningSteps,
} from "@pikc_resources/../tests/tours/pikc_tour_steps";

const { DateTime } = luxon;

/**
 * The first working day of next month: always ahead, always in the month
 * the calendar shows after one "Next" in month scale.
 */
function bookingDay() {
    let day = DateTime.now().plus({ months: 1 }).startOf("month");
    while (day.weekday > 5) {
        day = day.plus({ days: 1 });
    }
    return day.toFormat("MM/dd/yyyy");
}

/**
 * A teacher of the member school opens the PIKC's shared tour CNC lab,
 * books it for a morning of next month and requests it.
 */
registry.category("web_tour.tours").add("pikc_resources_booking_request", {
    url: "/odoo",
    steps: () => [
        ...pikcOpeningSteps("pikc_resources.menu_pikc_workshop", "Open the workshops"),
        {
            content: "Open the PIKC's shared tour CNC lab",
            trigger: '.o_kanban_record:contains("Tour CNC lab")',
            run: "click",
        },
        {
            content: "Book it",
            trigger: '.o_form_view button[name="action_book"]',
            run: "click",
        },
        {
            content: "The booking is of the lab",
            trigger: '.o_form_view .o_field_widget[name="resource_id"] input:value("Tour CNC lab")',
        },
        {
            content: "Start in the morning",
            trigger: '.o_field_widget[name="start"] input',
            run: `edit ${bookingDay()} 10:00:00`,
        },
        {
            content: "End before lunch",
            trigger: '.o_field_widget[name="stop"] input',
            run: `edit ${bookingDay()} 12:00:00`,
        },
        {
            content: "Say what for",
            trigger: '.o_field_widget[name="purpose"] input',
            run: "edit Tour: CNC practice for electricians",
        },
        {
            content: "Eight students",
            trigger: '.o_field_widget[name="participants"] input',
            run: "edit 8",
        },
        {
            content: "Request the lab",
            trigger: '.o_form_view button[name="action_request"]',
            run: "click",
        },
        {
            content: "The booking waits for the PIKC",
            trigger: '.o_statusbar_status [aria-checked="true"]:contains("Requested")',
        },
    ],
});

/**
 * The lab's workshop master finds the request among the requests to approve,
 * confirms it, and sees it in the bookings calendar.
 */
registry.category("web_tour.tours").add("pikc_resources_booking_approve", {
    url: "/odoo",
    steps: () => [
        ...pikcOpeningSteps(
            "pikc_resources.menu_pikc_booking_to_approve",
            "Open the requests to approve"
        ),
        {
            content: "Open the member school's request",
            trigger: '.o_kanban_record:contains("Tour CNC lab")',
            run: "click",
        },
        {
            content: "The purpose is readable to the owner",
            trigger: '.o_field_widget[name="purpose"] input:value("Tour: CNC practice for electricians")',
        },
        {
            content: "Confirm the booking",
            trigger: '.o_form_view button[name="action_confirm"]',
            run: "click",
        },
        {
            content: "The booking is confirmed",
            trigger: '.o_statusbar_status [aria-checked="true"]:contains("Confirmed")',
        },
        ...openPikcMenuSteps("pikc_resources.menu_pikc_booking", "Open the bookings"),
        {
            content: "Show a month",
            trigger: ".o_calendar_container .scale_button_selection",
            run: "click",
        },
        {
            content: "Month scale",
            trigger: ".o_scale_button_month",
            run: "click",
        },
        {
            content: "Go to next month",
            trigger: ".o_calendar_button_next",
            run: "click",
        },
        {
            content: "The confirmed booking is in the calendar",
            trigger: '.o_calendar_renderer .fc-event:contains("Tour CNC lab")',
        },
    ],
});

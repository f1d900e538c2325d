import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const { DateTime } = luxon;

/** The Monday after today, when the tour's lab is booked (as the test books it). */
function nextMonday() {
    const tomorrow = DateTime.now().plus({ days: 1 }).startOf("day");
    return tomorrow.plus({ days: (8 - tomorrow.weekday) % 7 });
}

/** Open an item of PIKC > Reporting. */
function openReportingSteps(itemXmlid, content) {
    return [
        {
            content: "Open the Reporting menu",
            trigger: '.o_main_navbar [data-menu-xmlid="pikc_resources.menu_pikc_reporting"]',
            run: "click",
        },
        {
            content,
            trigger: `.dropdown-item[data-menu-xmlid="${itemXmlid}"]`,
            run: "click",
        },
    ];
}

/**
 * The PIKC director opens Reporting > Utilization > Heat Map by Week: the
 * workshops of each sector and institution, week by week, coloured; finds
 * the week of the tour lab's booking (20 % of its hours, coloured on the
 * red side); then lists the under-used workshops of that week, the least
 * used first, each beside its institution's 30 % threshold.
 */
registry.category("web_tour.tours").add("pikc_resources_utilization", {
    url: "/odoo",
    steps: () => {
        const monday = nextMonday();
        return [
            ...stepUtils.goToAppSteps("pikc_resources.menu_pikc_root", "Open the PIKC app"),
            ...openReportingSteps(
                "pikc_resources.menu_pikc_utilization_report_week",
                "Open the heat map of the weeks"
            ),
            {
                content: "The heat map shows workshops only, without staff outside the sectors",
                trigger: '.o_searchview_facet:contains("Workshops")',
            },
            {
                content: "The heat map opens on the weeks around today",
                trigger: '.o_searchview_facet:contains("4 Weeks Back to 4 Weeks Ahead")',
            },
            {
                content: "Its cells are coloured, a legend above them",
                trigger: '.o_pivot .o_pikc_heat_legend + table .o_pivot_cell_value[style*="background-color"]',
            },
            {
                content: "Look for the tour lab",
                trigger: "input.o_searchview_input",
                run: "edit Tour heat lab",
            },
            {
                content: "Search it as a resource",
                trigger: '.o_searchview_autocomplete .o_menu_item:contains("Resource")',
                run: "click",
            },
            {
                content: "Its sector's row shows the booked week at 20 %, on the red side",
                trigger: '.o_pivot .o_pivot_cell_value[style*="hsl(24,"]:contains("20.0")',
            },
            ...openReportingSteps(
                "pikc_resources.menu_pikc_utilization_under",
                "Open the under-used resources"
            ),
            {
                content: "From the Monday of the booked week",
                trigger: '.modal .o_field_widget[name="date_from"] input',
                run: `edit ${monday.toFormat("MM/dd/yyyy")}`,
            },
            {
                content: "To its Friday",
                trigger: '.modal .o_field_widget[name="date_to"] input',
                run: `edit ${monday.plus({ days: 4 }).toFormat("MM/dd/yyyy")}`,
            },
            {
                content: "Close the date picker",
                trigger: ".modal .modal-title",
                run: "click",
            },
            {
                content: "Show the under-used workshops",
                trigger: '.modal button[name="action_show"]',
                run: "click",
            },
            {
                content: "The tour lab is listed beside its institution's threshold",
                trigger: '.o_list_view .o_data_row:contains("Tour heat lab"):has(td[name="utilization"]:contains("20.0")):has(td[name="threshold"]:contains("30.0"))',
            },
            {
                content: "The least used come first",
                trigger: '.o_list_view .o_data_row td[name="utilization"]',
                run() {
                    const rates = [
                        ...document.querySelectorAll('.o_list_view .o_data_row td[name="utilization"]'),
                    ].map((cell) => parseFloat(cell.textContent));
                    const sorted = [...rates].sort((a, b) => a - b);
                    if (rates.join() !== sorted.join()) {
                        throw new Error(`Under-used resources not sorted: ${rates.join(", ")}`);
                    }
                },
            },
            {
                content: "Only workshops are ranked",
                trigger: '.o_list_view:not(:has(.o_data_row td[name="resource_kind"]:not(:contains("Workshop"))))',
            },
        ];
    },
});

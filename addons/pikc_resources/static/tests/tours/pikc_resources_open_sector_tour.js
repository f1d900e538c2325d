import { registry } from "@web/core/registry";

/**
 * A teacher (resource user) opens the PIKC app, then the competence sectors,
 * then one sector, and finds its code there.
 */
registry.category("web_tour.tours").add("pikc_resources_open_sector", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the PIKC app",
            trigger: '.o_app[data-menu-xmlid="pikc_resources.menu_pikc_root"]',
            run: "click",
        },
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
            trigger: '.o_list_view .o_data_row td[name="name"]:contains("Mechanical engineering")',
            run: "click",
        },
        {
            content: "The sector's form shows its code, read-only for a teacher",
            trigger: '.o_form_view .o_form_readonly [name="code"]:contains("MECH"), .o_form_view [name="code"] span:contains("MECH")',
        },
    ],
});

import { stepUtils } from "@web_tour/tour_service/tour_utils";

/**
 * Steps shared by the PIKC tours (of both addons), written once. In the same
 * bundle as the tours (web.assets_tests); pikc_funding's tours import it as
 * "@pikc_resources/../tests/tours/pikc_tour_steps".
 */

/** The menus of the PIKC app's navbar, by the name a tour step gives them. */
export const PIKC_MENUS = {
    Resources: "pikc_resources.menu_pikc_resources",
    Funding: "pikc_resources.menu_pikc_funding",
    Reporting: "pikc_resources.menu_pikc_reporting",
};

/**
 * Open an item of a menu of the PIKC app already shown: the menu in the
 * navbar ("Resources" or "Funding"), then the item.
 *
 * @param {string} itemXmlid the item's menu xml id, e.g. "pikc_resources.menu_pikc_workshop"
 * @param {string} content what the step says, e.g. "Open the workshops"
 * @param {string} [menu="Resources"] a key of PIKC_MENUS
 */
export function openPikcMenuSteps(itemXmlid, content, menu = "Resources") {
    return [
        {
            content: `Open the ${menu} menu`,
            trigger: `.o_main_navbar [data-menu-xmlid="${PIKC_MENUS[menu]}"]`,
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
 * The opening of every PIKC tour: from anywhere in the web client, open the
 * PIKC app from the apps menu, then an item of one of its menus.
 *
 * @param {string} itemXmlid the item's menu xml id
 * @param {string} content what the step opening the item says
 * @param {string} [menu="Resources"] a key of PIKC_MENUS
 */
export function pikcOpeningSteps(itemXmlid, content, menu = "Resources") {
    return [
        ...stepUtils.goToAppSteps("pikc_resources.menu_pikc_root", "Open the PIKC app"),
        ...openPikcMenuSteps(itemXmlid, content, menu),
    ];
}

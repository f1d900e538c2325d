/**
 * Screenshots taken by the PIKC tours. A tour step made by `screenStep` asks
 * the test running the tour (tests/screens.py, ScreenshotTourMixin) for a
 * screenshot of the page as it is, named `<language>/<name>`, and waits
 * until the test has it: `scripts/screens` keeps them in docs/screens/.
 * Importable as "@pikc_resources/../tests/tours/pikc_screen_steps".
 */

import { user } from "@web/core/user";

/** How long a step waits for the test to take its screenshot (ms). */
const SCREENSHOT_TIMEOUT = 10000;

/**
 * A step waiting for the screen to settle (nothing loading, no dialog
 * opening), then for its screenshot.
 *
 * @param {string} name the screen's file name, without language or
 *     extension, e.g. "teacher-bookings"
 * @param {string} [trigger] what must be on the screen first
 */
export function screenStep(name, trigger = ".o_action_manager .o_view_controller") {
    return {
        content: `Screenshot of ${name}`,
        trigger: `body:not(:has(.o_loading_indicator, .o_blockUI)) ${trigger}`,
        async run() {
            // The settled page: fonts loaded, one more frame painted.
            await document.fonts.ready;
            await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 300)));
            const language = (user.lang || "en_US").split(/[_-]/)[0];
            const key = `${language}/${name}`;
            window.pikcScreens = window.pikcScreens || {};
            console.log(`pikc-screen:${key}`);
            const deadline = Date.now() + SCREENSHOT_TIMEOUT;
            while (!window.pikcScreens[key]) {
                if (Date.now() > deadline) {
                    throw new Error(`The test took no screenshot of ${key}`);
                }
                await new Promise((resolve) => setTimeout(resolve, 50));
            }
        },
    };
}

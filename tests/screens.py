"""Screenshots of PIKC's screens, taken by the browser tours.

A tour step made by ``screenStep`` (``pikc_screen_steps.js``) logs
``pikc-screen:<language>/<name>`` and waits; the test running the tour
(a :class:`ScreenshotTourMixin` case) captures the page through the
browser's DevTools protocol, keeps the PNG in ``$PIKC_SCREENS`` when that
is set (``scripts/screens`` sets it to ``docs/screens``), and lets the tour
go on. Every run takes the screenshots, so a tour that reaches its screens
proves they render; only ``scripts/screens`` keeps them.
"""

import base64
import os
from pathlib import Path
from unittest.mock import patch

from odoo.tests.common import ChromeBrowser

#: What a tour logs to ask for a screenshot.
SIGNAL = "pikc-screen:"

#: The PNG file signature.
PNG = b"\x89PNG\r\n\x1a\n"


class ScreenshotTourMixin:
    """Answers the screenshot steps of the tours the case runs: the names
    of the screenshots taken (``language/name``) are in
    ``self.screens_taken``, their PNG files in ``$PIKC_SCREENS`` if set."""

    def setUp(self):
        super().setUp()
        self.screens_taken = []

    def browser_js(self, *args, **kwargs):
        case = self
        handle_console = ChromeBrowser._handle_console

        def _handle_console(browser, type, args=None, **kw):  # noqa: A002
            message = str(browser._from_remoteobject(args[0])) if args else ""
            if message.startswith(SIGNAL):
                case._pikc_capture(browser, message.removeprefix(SIGNAL))
                return None
            return handle_console(browser, type, args=args, **kw)

        with patch.object(ChromeBrowser, "_handle_console", _handle_console):
            return super().browser_js(*args, **kwargs)

    def _pikc_capture(self, browser, key):
        """Capture the page for the screen ``key`` (``language/name``), then
        tell the tour it may go on. Runs in the browser's websocket thread:
        the capture's answer comes in a callback."""
        future = browser._websocket_send(
            "Page.captureScreenshot", params={"format": "png"}, with_future=True
        )

        def done(result):
            try:
                data = base64.b64decode(result.result(timeout=0)["data"])
            except Exception as error:  # noqa: BLE001 — the tour reports it
                browser._logger.error("no screenshot of %s: %s", key, error)
                return
            if not data.startswith(PNG):
                browser._logger.error("the screenshot of %s is no PNG", key)
                return
            folder = os.environ.get("PIKC_SCREENS")
            if folder:
                path = Path(folder) / f"{key}.png"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
            self.screens_taken.append(key)
            browser._websocket_send(
                "Runtime.evaluate",
                params={"expression": f"window.pikcScreens[{key!r}] = true"},
            )

        future.add_done_callback(done)

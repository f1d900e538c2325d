"""Every PIKC screen opens for every PIKC role: Odoo's own click-everywhere
crawler (``@web/webclient/clickbot/clickbot_loader``, as Odoo's
``addons/web/tests/test_click_everywhere.py`` runs it) clicks each menu of
the PIKC app, each view of its action and each filter, as a user of one
PIKC group at a time, as the employee without one and as each demo login,
and fails on any error dialog or console error."""

import logging
import time

from odoo.tests import HttpCase, tagged

from odoo.addons.pikc_resources.tests.common import PikcResourcesCommon

_logger = logging.getLogger(__name__)

#: The PIKC addons, whose groups and root menus are crawled.
PIKC_MODULES = ("pikc_resources", "pikc_funding")

#: The demo logins (password = login), crawled as they are in the demo data.
DEMO_LOGINS = (
    "director",
    "master",
    "teacher",
    "teacher.school2",
    "accountant",
    "projectmanager",
    "auditor",
)

#: Seconds the crawl of one user may take (the full crawl of the director,
#: who sees every menu, takes about a minute on the 2-core CI machine).
CRAWL_TIMEOUT = 600

#: The call of Odoo's crawler on one root menu, in its full mode (every
#: menu, view and filter).
CRAWL = (
    "odoo.loader.modules.get('@web/webclient/clickbot/clickbot_loader')"
    ".startClickEverywhere('%s');"
)


@tagged("post_install", "-at_install")
class TestClickEverywhere(HttpCase):
    """Odoo's crawler on the PIKC app as each PIKC role."""

    allow_end_on_form = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("base.main_company")
        data = cls.env["ir.model.data"].search(
            [
                ("module", "in", PIKC_MODULES),
                ("model", "in", ("res.groups", "ir.ui.menu")),
            ]
        )
        cls.groups = sorted(
            f"{record.module}.{record.name}"
            for record in data
            if record.model == "res.groups"
        )
        cls.root_menus = sorted(
            f"{record.module}.{record.name}"
            for record in data
            if record.model == "ir.ui.menu"
            and not cls.env["ir.ui.menu"].browse(record.res_id).parent_id
        )
        # The helper of the addons' tests, which only needs ``cls.env``.
        create_user = PikcResourcesCommon.create_pikc_user.__func__
        cls.users = {
            group: create_user(cls, f"crawl_{group.split('.')[1]}", group, cls.company)
            for group in [*cls.groups, "base.group_user"]
        }
        demo = cls.env["res.users"].search([("login", "in", DEMO_LOGINS)])
        cls.demo_users = {user.login: user for user in demo}
        # Onboarding tours would open over the crawled screens.
        if "tour_enabled" in cls.env["res.users"]._fields:
            (
                demo | cls.env["res.users"].union(*cls.users.values())
            ).tour_enabled = False

    def crawl(self, login):
        """Run the crawler on each PIKC root menu the user sees, as
        ``login``; the error of the first that fails, or None. Logs the
        time each took."""
        user = self.env["res.users"].search([("login", "=", login)])
        visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        for xmlid in self.root_menus:
            if self.env.ref(xmlid).id not in visible:
                continue
            start = time.monotonic()
            try:
                self.browser_js(
                    "/odoo",
                    CRAWL % xmlid,
                    "odoo.isReady === true",
                    login=login,
                    timeout=CRAWL_TIMEOUT,
                    success_signal="clickbot test succeeded",
                )
            except Exception as error:  # noqa: BLE001 - reported with the login
                return f"{login} on {xmlid}: {error}"
            finally:
                _logger.info(
                    "crawled %s as %s in %.0f s", xmlid, login, time.monotonic() - start
                )
        return None

    def test_the_pikc_groups_and_demo_logins_are_found(self):
        """The crawl covers every PIKC group and each demo login."""
        self.assertIn("pikc_resources.group_resource_user", self.groups)
        self.assertIn("pikc_funding.group_funding_viewer", self.groups)
        self.assertEqual(self.root_menus, ["pikc_resources.menu_pikc_root"])
        self.assertEqual(sorted(self.demo_users), sorted(DEMO_LOGINS))
        # The employee without a PIKC group has no PIKC app to crawl: each
        # menu of it is for a PIKC group or the HR officers.
        employee = self.users["base.group_user"]
        visible = self.env["ir.ui.menu"].with_user(employee)._visible_menu_ids()
        self.assertNotIn(self.env.ref("pikc_resources.menu_pikc_root").id, visible)

    def test_crawl_as_each_pikc_group(self):
        """A user of one PIKC group (and the employee without one) opens
        every PIKC menu, view and filter without an error."""
        errors = [self.crawl(user.login) for user in self.users.values()]
        errors = [error for error in errors if error]
        self.assertFalse(errors, "\n\n".join(errors))

    def test_crawl_as_each_demo_login(self):
        """Each demo login opens every PIKC menu, view and filter it sees
        without an error."""
        errors = [self.crawl(login) for login in DEMO_LOGINS]
        errors = [error for error in errors if error]
        self.assertFalse(errors, "\n\n".join(errors))

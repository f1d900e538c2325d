"""The main screens of each demo login's day open in the browser, in
Latvian and in English, and are screenshot on the way (``scripts/screens``
keeps the screenshots in ``docs/screens/``; see :mod:`tests.screens`)."""

from odoo.tests import HttpCase, tagged

from .screens import ScreenshotTourMixin

#: The screens of each demo login (password = login), as its tour
#: ``pikc_screens_<login>`` visits them; a form's screenshot ends in
#: ``-form``.
SCREENS = {
    "teacher": ["teacher-bookings", "teacher-workshops", "teacher-free-slots"],
    "teacher.school2": ["school2-shared-workshops", "school2-bookings"],
    "master": ["master-requests-to-approve", "master-equipment"],
    "director": ["director-utilization", "director-staff", "director-workshop-form"],
    "projectmanager": ["projectmanager-grants", "projectmanager-grant-form"],
    "accountant": ["accountant-budget-vs-actual"],
    "auditor": ["auditor-procurement-form"],
}

LANGUAGES = {"lv_LV": "lv", "en_US": "en"}


@tagged("post_install", "-at_install")
class TestScreens(ScreenshotTourMixin, HttpCase):
    """Each demo login's screens, in both languages."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("lv_LV")
        cls.env["ir.module.module"].search(
            [("state", "=", "installed")]
        )._update_translations(["lv_LV"])
        cls.users = cls.env["res.users"].search([("login", "in", list(SCREENS))])
        values = {"tour_enabled": False} if "tour_enabled" in cls.users._fields else {}
        cls.users.write(values)

    def test_every_demo_login_sees_its_screens_in_both_languages(self):
        self.assertEqual(sorted(self.users.mapped("login")), sorted(SCREENS))
        for user in self.users:
            for lang, prefix in LANGUAGES.items():
                with self.subTest(login=user.login, lang=lang):
                    user.lang = lang
                    self.screens_taken.clear()
                    self.start_tour(
                        "/odoo", f"pikc_screens_{user.login}", login=user.login
                    )
                    self.assertEqual(
                        self.screens_taken,
                        [f"{prefix}/{name}" for name in SCREENS[user.login]],
                    )

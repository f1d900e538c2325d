from pathlib import Path

import polib

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

ADDONS = ("pikc_resources", "pikc_funding")


@tagged("post_install", "-at_install")
class TestLatvianTranslations(TransactionCase):
    def test_every_user_facing_string_has_a_latvian_translation(self):
        """The .pot holds every translatable term of the code and data, and
        lv.po translates each of them (scripts/i18n keeps both current)."""
        for module in ADDONS:
            with self.subTest(module=module):
                i18n = Path(get_module_path(module)) / "i18n"
                terms = {
                    source
                    for _m, _t, _n, _r, source, _v, _c in TranslationModuleReader(
                        self.env.cr, modules=[module]
                    )
                }
                pot = {e.msgid for e in polib.pofile(str(i18n / f"{module}.pot"))}
                self.assertEqual(terms - pot, set(), f"{module}.pot is out of date")
                untranslated = {
                    e.msgid
                    for e in polib.pofile(str(i18n / "lv.po"))
                    if e.msgid in terms and not e.msgstr
                }
                lv_terms = {e.msgid for e in polib.pofile(str(i18n / "lv.po"))}
                self.assertEqual(
                    terms - lv_terms, set(), f"{module}: lv.po lacks terms"
                )
                self.assertEqual(
                    untranslated, set(), f"{module}: untranslated in lv.po"
                )

    def test_latvian_sector_names_load(self):
        """With Latvian active, the sectors read in Latvian."""
        latvian = self.env["res.lang"]._activate_lang("lv_LV")
        self.assertTrue(latvian.active)
        modules = self.env["ir.module.module"].search([("name", "in", ADDONS)])
        self.assertEqual(len(modules), len(ADDONS))
        modules._update_translations(["lv_LV"])
        # The translations were written in SQL: read them from the database.
        self.env.invalidate_all()
        sector = self.env.ref("pikc_resources.sector_mechanical_engineering")
        self.assertEqual(sector.with_context(lang="lv_LV").name, "Mašīnzinības")
        self.assertEqual(
            sector.with_context(lang="en_US").name, "Mechanical engineering"
        )

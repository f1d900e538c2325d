from pathlib import Path

import polib

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader, code_translations

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

    def test_pikc_wording_of_odoo_terms_loads_over_odoo(self):
        """The ``i18n_extra`` files translate the Odoo terms PIKC's users meet
        that Odoo leaves in English, and word vendor bills as *rēķini* over
        Odoo's *pavadzīmes* (delivery notes); an update of Odoo's accounting
        with its translations overwritten keeps PIKC's word."""
        self.env["res.lang"]._activate_lang("lv_LV")
        Module = self.env["ir.module.module"]
        Module.search(
            [("name", "in", ("base", "web", "account", "maintenance", *ADDONS))]
        )._update_translations(["lv_LV"])
        self.env.invalidate_all()
        bills = self.env.ref("account.action_move_in_invoice_type")
        self.assertEqual(bills.with_context(lang="lv_LV").name, "Rēķini")
        self.assertEqual(bills.with_context(lang="en_US").name, "Bills")
        Module.search([("name", "=", "account")])._update_translations(
            ["lv_LV"], overwrite=True
        )
        self.env.invalidate_all()
        self.assertEqual(bills.with_context(lang="lv_LV").name, "Rēķini")
        menu = self.env.ref("account.menu_action_move_in_invoice_type")
        self.assertNotIn("pavadz", menu.with_context(lang="lv_LV").name.lower())
        label = (
            self.env["maintenance.equipment"]
            .with_context(lang="lv_LV")
            .fields_get(["name"], ["string"])["name"]["string"]
        )
        self.assertEqual(label, "Iekārtas nosaukums")
        # The web client's terms (error dialog titles) come with PIKC's.
        messages = code_translations.get_web_translations("pikc_resources", "lv_LV")
        terms = {message["id"]: message["string"] for message in messages["messages"]}
        self.assertEqual(terms["Invalid Operation"], "Darbība nav iespējama")

    def test_pikc_wording_files_name_existing_terms(self):
        """Each entry of the ``i18n_extra`` files is translated and names Odoo
        records or web client code, so that it loads (a typo would be
        dropped silently)."""
        for module in ADDONS:
            path = Path(get_module_path(module)) / "i18n_extra" / "lv.po"
            with self.subTest(module=module):
                self.assertTrue(path.is_file())
                for entry in polib.pofile(str(path)):
                    self.assertTrue(entry.msgstr, entry.msgid)
                    self.assertTrue(entry.occurrences, entry.msgid)
                    for where, _line in entry.occurrences:
                        if where.startswith("code:"):
                            self.assertIn("odoo-javascript", entry.comment)
                            continue
                        xmlid = where.split(":")[-1]
                        self.assertTrue(
                            self.env.ref(xmlid, raise_if_not_found=False),
                            f"{module}/i18n_extra/lv.po: {xmlid} ({entry.msgid})",
                        )

    def test_training_operation_named_in_each_language(self):
        """Each institution's *Issue to Training* operation type reads in the
        language of the user, after its institution's warehouse, when
        Latvian is installed after PIKC."""
        self.env["res.lang"]._activate_lang("lv_LV")
        self.env["ir.module.module"].search(
            [("name", "in", ADDONS)]
        )._update_translations(["lv_LV"])
        self.env.invalidate_all()
        companies = self.env.ref("base.main_company") | self.env.ref(
            "pikc_resources.company_school2"
        )
        for company in companies:
            with self.subTest(company=company.name):
                operation = company.pikc_training_picking_type_id
                self.assertTrue(operation)
                self.assertEqual(
                    operation.with_context(lang="lv_LV").name, "Izsniegšana mācībām"
                )
                self.assertEqual(
                    operation.with_context(lang="en_US").name, "Issue to Training"
                )
                self.assertEqual(
                    operation.with_context(lang="lv_LV").display_name,
                    f"{operation.warehouse_id.name}: Izsniegšana mācībām",
                )

    def test_grant_analytic_account_named_as_the_grant_in_each_language(self):
        """A grant's analytic account (met in the distribution of every
        bill) takes the grant's name in every language: when the addon's
        Latvian translations load, and when the grant is renamed in one
        language (the other keeps its own)."""
        self.env["res.lang"]._activate_lang("lv_LV")
        modules = self.env["ir.module.module"].search([("name", "in", ADDONS)])
        modules._update_translations(["lv_LV"])
        self.env.invalidate_all()
        grant = self.env.ref("pikc_funding.grant_erdf_equipment")
        account = grant.analytic_account_id
        latvian = "Profesionālās izglītības kompetences centra aprīkojuma modernizācija"
        self.assertEqual(grant.with_context(lang="lv_LV").name, latvian)
        self.assertEqual(account.with_context(lang="lv_LV").name, latvian)
        self.assertEqual(
            account.with_context(lang="en_US").name,
            grant.with_context(lang="en_US").name,
        )
        grant.with_context(lang="lv_LV").name = "Aprīkojuma modernizācija"
        self.env.invalidate_all()
        self.assertEqual(
            account.with_context(lang="lv_LV").name, "Aprīkojuma modernizācija"
        )
        self.assertEqual(
            account.with_context(lang="en_US").name,
            "Modernisation of the equipment of the vocational education "
            "competence centre",
        )

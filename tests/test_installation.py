import ast
from pathlib import Path

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged

ADDONS = ("pikc_resources", "pikc_funding")


@tagged("post_install", "-at_install")
class TestInstallation(TransactionCase):
    def test_both_addons_are_installed(self):
        """pikc_resources and pikc_funding install together."""
        modules = self.env["ir.module.module"].search([("name", "in", ADDONS)])
        self.assertEqual(set(modules.mapped("state")), {"installed"})
        self.assertEqual(len(modules), 2)

    def test_manifests_follow_the_project_conventions(self):
        """LGPL-3, an 18.0.x.y.z version, an author, a website and an icon."""
        for name in ADDONS:
            path = Path(get_module_path(name))
            manifest = ast.literal_eval((path / "__manifest__.py").read_text())
            self.assertEqual(manifest["license"], "LGPL-3", name)
            version = manifest["version"].split(".")
            self.assertEqual(version[:2], ["18", "0"], name)
            self.assertEqual(len(version), 5, name)
            self.assertTrue(manifest["author"] and manifest["website"], name)
            self.assertTrue((path / "static/description/icon.png").is_file(), name)
            self.assertTrue((path / "i18n/lv.po").is_file(), name)

    def test_funding_builds_on_resources(self):
        """pikc_funding depends on pikc_resources, never the reverse."""
        funding = self.env["ir.module.module"].search([("name", "=", "pikc_funding")])
        self.assertIn("pikc_resources", funding.dependencies_id.mapped("name"))
        resources = self.env["ir.module.module"].search(
            [("name", "=", "pikc_resources")]
        )
        self.assertNotIn("pikc_funding", resources.dependencies_id.mapped("name"))

    def test_the_institutions_keep_their_money_in_euro(self):
        """The database is Latvian: EUR company with the Latvian chart."""
        company = self.env.ref("base.main_company")
        self.assertEqual(company.country_id.code, "LV")
        self.assertEqual(company.currency_id.name, "EUR")
        self.assertEqual(company.chart_template, "lv")

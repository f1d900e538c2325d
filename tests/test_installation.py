from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInstallation(TransactionCase):
    def test_the_institutions_keep_their_money_in_euro(self):
        """The database is Latvian: EUR company with the Latvian chart."""
        company = self.env.ref("base.main_company")
        self.assertEqual(company.country_id.code, "LV")
        self.assertEqual(company.currency_id.name, "EUR")
        self.assertEqual(company.chart_template, "lv")

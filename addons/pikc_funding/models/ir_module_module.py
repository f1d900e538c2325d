from odoo import models


class IrModuleModule(models.Model):
    """Translations of grant names reach their analytic accounts: when
    Odoo loads translations (a language installed, the addon's ``lv.po``
    of the demo grants), the accounts take the grants' names again in
    every language."""

    _inherit = "ir.module.module"

    def _load_module_terms(
        self, modules, langs, overwrite=False, imported_module=False
    ):
        result = super()._load_module_terms(
            modules, langs, overwrite=overwrite, imported_module=imported_module
        )
        if "pikc.grant" in self.env and langs:
            grants = (
                self.env["pikc.grant"].sudo().with_context(active_test=False)
            ).search([("analytic_account_id", "!=", False)])
            grants._pikc_sync_account_name()
        return result

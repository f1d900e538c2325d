import logging
from pathlib import Path

from odoo import models
from odoo.modules.module import get_module_path
from odoo.tools.translate import TranslationImporter

_logger = logging.getLogger(__name__)

#: The PIKC addons whose ``i18n_extra/<language>.po`` word Odoo's own
#: terms the way PIKC's users speak (a vendor bill is a *rēķins*, not a
#: *pavadzīme*, which is a delivery note).
PIKC_TERM_MODULES = ("pikc_resources", "pikc_funding")


class IrModuleModule(models.Model):
    """PIKC's wording of Odoo's terms: the ``i18n_extra`` files of the
    PIKC addons translate menus, actions, fields and web client terms of
    Odoo's own addons. Odoo loads them with the rest but keeps the
    translations it already has; here they are loaded again over Odoo's
    own, each time translations are loaded, so that they stay PIKC's
    after Odoo's addons are updated. The institutions' *Issue to Training*
    operation types, named from code, are named in the loaded languages
    too."""

    _inherit = "ir.module.module"

    def _load_module_terms(
        self, modules, langs, overwrite=False, imported_module=False
    ):
        result = super()._load_module_terms(
            modules, langs, overwrite=overwrite, imported_module=imported_module
        )
        installed = self.sudo().search(
            [
                ("name", "in", PIKC_TERM_MODULES),
                ("state", "in", ("installed", "to install", "to upgrade")),
            ]
        )
        importer = TranslationImporter(self.env.cr, verbose=False)
        loaded = False
        for module in installed.mapped("name"):
            path = get_module_path(module)
            for lang in langs or ():
                if lang == "en_US":
                    continue
                po = Path(path, "i18n_extra", f"{lang.split('_')[0]}.po")
                if po.is_file():
                    _logger.info("PIKC wording of Odoo's terms: %s for %s", po, lang)
                    importer.load_file(str(po), lang)
                    loaded = True
        if loaded:
            importer.save(force_overwrite=True)
        if installed and langs:
            companies = (
                self.env["res.company"]
                .sudo()
                .search([("pikc_training_picking_type_id", "!=", False)])
            )
            companies._pikc_translate_training_operation(langs)
        return result

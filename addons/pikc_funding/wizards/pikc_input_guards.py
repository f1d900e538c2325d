"""The input guard in front of this addon's wizards."""

from odoo import models

from odoo.addons.pikc_resources.models.pikc_input_guard import guard_model

guard_model("pikc.grant.override.wizard", base=models.TransientModel, module=__name__)

from odoo import models
from odoo.exceptions import UserError


class PikcRestrictedMixin(models.AbstractModel):
    """Buttons of a record that carry what another institution does not
    read of it (a stock location, a serial number) in their result are
    refused on a foreign record."""

    _inherit = "pikc.restricted.mixin"

    def _pikc_check_not_foreign(self):
        for record in self._pikc_foreign():
            raise UserError(
                self.env._(
                    "“%(record)s” is another institution's: you see only what it "
                    "shares. Only its own users open this.",
                    # its name: the display name may carry what is hidden
                    record=record.name,
                )
            )

from odoo import models
from odoo.exceptions import AccessError


class IrBinary(models.AbstractModel):
    """``/web/content`` and ``/web/image`` of a record field: of a record
    another institution reads only in part, only its shared fields (a shared
    workshop's photo) are served to that institution."""

    _inherit = "ir.binary"

    def _record_to_stream(self, record, field_name):
        if (
            isinstance(record, self.pool["pikc.restricted.mixin"])
            and field_name not in record._pikc_shared_fields
            and record._pikc_foreign()
        ):
            raise AccessError(
                self.env._(
                    "“%(record)s” belongs to another institution: only that "
                    "institution may open its files.",
                    record=record.display_name,
                )
            )
        return super()._record_to_stream(record, field_name)

from odoo import api, models
from odoo.exceptions import AccessError

from . import foreign_documents


class IrAttachment(models.Model):
    """A file follows the access to its record: the files of a record the
    user cannot read are neither listed, read nor checked, and those of a
    record another institution reads only in part stay its owner's, like
    its chatter (see ``pikc.restricted.mixin``), except those of a shared
    field (a shared workshop's photo). Public files are everyone's."""

    _inherit = "ir.attachment"

    def _pikc_open_file(self, res_model, res_field, public):
        """Whether the file is public, or the value of a shared field of its
        record."""
        shared = getattr(self.env.get(res_model), "_pikc_shared_fields", ())
        return bool(public) or (bool(res_field) and res_field in shared)

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if operation != "read" or not self or self.env.su:
            return result
        return foreign_documents.check_access_result(
            self, result, self._pikc_open_file, "res_field", "public"
        )

    def _pikc_access_error(self):
        """The refusal of files hidden from the user: of a record they read
        in part, it is another institution's; of a record they cannot read,
        Odoo's refusal of the record's files."""
        file = self.sudo()[:1]
        host = self.env[file.res_model].browse(file.res_id)
        if not host.exists().has_access("read"):
            return self.env["ir.rule"]._make_access_error("read", self)
        return AccessError(
            self.env._(
                "The file “%(file)s” belongs to a record of another institution: "
                "only that institution opens it.",
                file=self.sudo()[:1].name,
            )
        )

    def check(self, mode, values=None):
        result = super().check(mode, values=values)
        if mode == "read" and self and not self.env.is_superuser():
            self.check_access("read")
        return result

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        query = super()._search(domain, offset, limit, order)
        if self.env.is_superuser():
            return query
        return foreign_documents.filtered_search(
            self,
            query,
            (domain, offset, limit, order),
            self._pikc_open_file,
            "res_field",
            "public",
        )

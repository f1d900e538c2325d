from odoo import api, models

from . import foreign_documents


class MailFollowers(models.Model):
    """Who follows a record another institution reads only in part is its
    owner's to know, like its chatter (see ``pikc.restricted.mixin``)."""

    _inherit = "mail.followers"

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if operation != "read" or not self or self.env.su:
            return result
        return foreign_documents.check_access_result(self, result)

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        query = super()._search(domain, offset, limit, order)
        if self.env.su:
            return query
        return foreign_documents.filtered_search(
            self, query, (domain, offset, limit, order)
        )

from odoo import api, models

from . import foreign_documents


class MailActivity(models.Model):
    """The activities of a record another institution reads only in part
    are its owner's, like its chatter (see ``pikc.restricted.mixin``), but
    those the owner assigned to the user."""

    _inherit = "mail.activity"

    def _pikc_assigned_to_user(self, _res_model, user_id):
        """Whether the activity is assigned to the user (who reads it)."""
        return user_id == self.env.uid

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if operation != "read" or not self or self.env.su:
            return result
        return foreign_documents.check_access_result(
            self, result, self._pikc_assigned_to_user, "user_id"
        )

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        query = super()._search(domain, offset, limit, order)
        if self.env.is_superuser():
            return query
        return foreign_documents.filtered_search(
            self,
            query,
            (domain, offset, limit, order),
            self._pikc_assigned_to_user,
            "user_id",
        )

from odoo import api, models


class MailMessage(models.Model):
    _inherit = "mail.message"

    @api.model
    def _find_allowed_model_wise(self, doc_model, doc_dict):
        """Messages on a record another institution reads only in part stay its owner's
        (see ``pikc.restricted.mixin``)."""
        allowed = super()._find_allowed_model_wise(doc_model, doc_dict)
        documents = self.env[doc_model]
        if isinstance(documents, self.pool["pikc.restricted.mixin"]):
            for document in documents.browse(list(doc_dict))._pikc_foreign():
                allowed -= set(doc_dict[document.id])
        return allowed

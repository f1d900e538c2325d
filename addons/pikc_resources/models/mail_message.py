from odoo import api, models


class MailMessage(models.Model):
    _inherit = "mail.message"

    @api.model
    def _find_allowed_model_wise(self, doc_model, doc_dict):
        """Messages on a record another institution reads only in part stay its owner's
        (see ``pikc.restricted.mixin``). Only the documents the user reads
        are asked whether they are foreign: the others' messages are already
        left out, and reading them would be refused."""
        allowed = super()._find_allowed_model_wise(doc_model, doc_dict)
        documents = self.env[doc_model]
        if isinstance(documents, self.pool["pikc.restricted.mixin"]):
            readable = documents.browse(
                doc_id
                for doc_id, message_ids in doc_dict.items()
                if message_ids & allowed
            )
            for document in readable._pikc_foreign():
                allowed -= set(doc_dict[document.id])
        return allowed

from odoo import api, fields, models

DOCUMENT_ACTIONS = {
    "purchase.order": "button_confirm",
    "account.move": "action_post",
    "hr.expense.sheet": "action_approve_expense_sheets",
}
"""What the override lets through, by document model."""


class PikcGrantOverrideWizard(models.TransientModel):
    """Override the budget control of a document refused for taking budget
    lines of a grant past their available amount: a funding manager gives
    the reason, then the confirmation (of a purchase order), posting (of a
    vendor bill) or approval (of an expense report) goes through and the
    override is recorded on each grant concerned. Anyone may open it; only
    a funding manager gets through."""

    _name = "pikc.grant.override.wizard"
    _description = "Override Budget Control"

    res_model = fields.Selection(
        [
            ("purchase.order", "Purchase Order"),
            ("account.move", "Vendor Bill"),
            ("hr.expense.sheet", "Expense Report"),
        ],
        string="Document Type",
        required=True,
    )
    res_id = fields.Many2oneReference(
        string="Document Id", model_field="res_model", required=True
    )
    document = fields.Char(compute="_compute_document")
    reason = fields.Text(
        help="Why the document may go past the budget: recorded on the grant."
    )

    @api.depends("res_model", "res_id")
    def _compute_document(self):
        for wizard in self:
            wizard.document = (
                wizard.res_model
                and self.env[wizard.res_model].browse(wizard.res_id).display_name
            )

    def action_override(self):
        self.ensure_one()
        self.env["pikc.grant.override"]._check_can_override(self.reason)
        document = self.env[self.res_model].browse(self.res_id)
        action = DOCUMENT_ACTIONS[self.res_model]
        if self.res_model == "purchase.order" and document.state == "to approve":
            # An order waiting for the purchase manager's approval.
            action = "button_approve"
        getattr(
            document.with_context(pikc_budget_override_reason=self.reason.strip()),
            action,
        )()
        return {"type": "ir.actions.act_window_close"}

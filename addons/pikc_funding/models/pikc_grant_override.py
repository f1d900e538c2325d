from odoo import api, fields, models
from odoo.exceptions import UserError


class PikcGrantOverride(models.Model):
    """A funding manager's decision to let a document through although it
    takes budget lines of a grant in *block* mode past their available
    amount: which document, which lines and by how much, why, who and when.

    Overrides are made only through the budget control of the document
    (the *Override Budget* wizard of a purchase order, vendor bill or
    expense report), only by a funding manager of the grant's lead
    institution (not of a partner institution) and only with a reason. They
    are the grant's audit trail: funding users read them, nobody changes or
    deletes them.
    """

    _name = "pikc.grant.override"
    _description = "Budget Control Override"
    _order = "date desc, id desc"

    grant_id = fields.Many2one(
        "pikc.grant", required=True, readonly=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="grant_id.company_id", store=True)
    res_model = fields.Char(string="Document Model", readonly=True, required=True)
    res_id = fields.Many2oneReference(
        string="Document Id", model_field="res_model", readonly=True, required=True
    )
    document = fields.Char(readonly=True, required=True)
    summary = fields.Text(
        string="Lines and Excess",
        readonly=True,
        help="The budget lines the document took past their available amount, "
        "with the amount available and the excess at the time.",
    )
    reason = fields.Text(readonly=True, required=True)
    user_id = fields.Many2one(
        "res.users", string="Overridden By", readonly=True, required=True
    )
    date = fields.Datetime(readonly=True, required=True, default=fields.Datetime.now)

    @api.depends("document", "grant_id.code")
    def _compute_display_name(self):
        for override in self:
            override.display_name = f"{override.grant_id.code}: {override.document}"

    @api.model
    def _check_can_override(self, reason, grant=None):
        """Only a funding manager overrides, and only with a reason; the
        budget control of ``grant``, only a funding manager of its lead
        institution."""
        if not self.env.user.has_group("pikc_funding.group_funding_manager"):
            raise UserError(
                self.env._(
                    "Only a funding manager may override the budget control of a grant."
                )
            )
        if grant and grant.company_id not in self.env.user.company_ids:
            raise UserError(
                self.env._(
                    "Only a funding manager of %(lead)s, the lead institution of "
                    "the grant “%(grant)s”, may override its budget control.",
                    lead=grant.company_id.name,
                    grant=grant.display_name,
                )
            )
        if not (reason or "").strip():
            raise UserError(
                self.env._(
                    "Give the reason for overriding the budget control: it is "
                    "recorded on the grant."
                )
            )

    def action_open_document(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }

from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import escape_psql


class PikcSharedMixin(models.AbstractModel):
    """A resource one institution owns and may share with the others.

    Record rules let users of every member institution read a *shared*
    record; this mixin limits what they read of it to the fields listed in
    ``_pikc_shared_fields`` (what a requester needs: what it is, its
    capacity, rate, photo and hours) and keeps its chatter to the owner.
    Everything else reads as empty for them. Users of the owning
    institution, and the superuser, read everything as usual.

    Models using it need a ``company_id`` field.
    """

    _name = "pikc.shared.mixin"
    _inherit = "pikc.restricted.mixin"
    _description = "Resource Shared Between Institutions"

    #: Fields users of other institutions may read on a shared record.
    _pikc_shared_fields = frozenset(
        {
            "id",
            "display_name",
            "name",
            "active",
            "company_id",
            "currency_id",
            "is_shared",
            "hourly_rate",
            "resource_id",
            "sector_id",
        }
    )

    is_shared = fields.Boolean(
        string="Shared",
        tracking=True,
        help="Other member institutions can see this resource and request it; "
        "they see what it is, its capacity, rate and hours, nothing else of yours.",
    )
    hourly_rate = fields.Monetary(
        tracking=True,
        help="Recharged per hour to another institution that books it.",
    )
    currency_id = fields.Many2one("res.currency", compute="_compute_pikc_currency_id")

    @api.depends("company_id")
    def _compute_pikc_currency_id(self):
        for record in self:
            # The owner's currency, also for users of other institutions,
            # who may not read the owner's company record.
            record.currency_id = (
                record.company_id.sudo().currency_id or self.env.company.currency_id
            )

    def _pikc_same_in_institution(self, field_name):
        """Another record, archived ones included, of this record's
        institution with the same ``field_name`` (a code) up to case and
        surrounding spaces: one search, for a message naming the holder
        before the database's constraint (which holds the rule for
        concurrent users) refuses it."""
        self.ensure_one()
        code = (self[field_name] or "").strip()
        pattern = escape_psql(code)
        return self.with_context(active_test=False).search(
            [
                ("id", "!=", self.id),
                ("company_id", "=", self.company_id.id),
                (field_name, "=ilike", pattern),
            ],
            limit=1,
        )

    def _pikc_foreign_to(self, user):
        """The records of ``self`` owned by an institution ``user`` is not a
        member of: they read only what a requester needs."""
        member_of = user.sudo().company_ids
        return self.filtered(
            lambda record: record.sudo().company_id
            and record.sudo().company_id not in member_of
        )

    def _pikc_own_sql(self, alias):
        company = SQL.identifier(
            alias, "company_id", to_flush=self._fields["company_id"]
        )
        return SQL(
            "(%s IS NULL OR %s = ANY(%s))",
            company,
            company,
            self.env.user.sudo().company_ids.ids,
        )

from odoo import api, models
from odoo.exceptions import AccessError, UserError

FUNDING_MANAGER_FIELDS = (
    "fund_id",
    "budget_policy",
    "vat_eligible",
    "share_eu",
    "share_state",
    "share_municipality",
    "share_own",
    "company_id",
    "partner_company_ids",
    "date_start",
    "date_end",
    "eligible_from",
    "eligible_to",
    "manager_id",
)
"""The funding manager's decisions on a grant: once it is no longer a draft,
only a funding manager of its lead institution changes them (the fund sets
the financing plan; the agreement, the institutions and the periods). Its
budget lines too (``PikcGrantBudgetLine``)."""

PROJECT_MANAGER_TRANSITIONS = {
    ("approved", "running"),
    ("running", "closing"),
    ("approved", "draft"),
}
"""The state changes a project manager makes (start, start closing, back to
draft); every other change of state is a funding manager's (approve,
close, reopen)."""


class PikcGrant(models.Model):
    """Who may decide and charge what on a grant.

    Once a grant is past draft, its fund, financing plan, VAT eligibility
    and budget control (``FUNDING_MANAGER_FIELDS``) and every change of
    state but a project manager's (``PROJECT_MANAGER_TRANSITIONS``) are the
    decisions of a funding manager of its lead institution. A cost may
    charge a grant only when its institution leads the grant or takes part
    in it, and never a closed grant.
    """

    _inherit = "pikc.grant"  # pylint: disable=consider-merging-classes-inherited

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # Before the checks of decisions: a computed value is nobody's.
            self._pikc_check_computed_values(vals)
        if not self._is_funding_manager():
            for vals in vals_list:
                if vals.get("state", "draft") != "draft":
                    raise AccessError(
                        self.env._(
                            "Only a funding manager may create the grant "
                            "“%(grant)s” as %(state)s. Create it as a draft: a "
                            "funding manager approves it.",
                            grant=vals.get("code") or vals.get("name") or "",
                            state=self._state_label(vals["state"]),
                        )
                    )
        return super().create(vals_list)

    def write(self, vals):
        self._pikc_check_computed_values(vals)
        self._check_funding_manager_decisions(vals)
        return super().write(vals)

    def _is_lead_funding_manager(self):
        """Whether the user decides for the grant ``self``: a funding
        manager of its lead institution (or internal code)."""
        self.ensure_one()
        return self.env.su or (
            self._is_funding_manager()
            and self.sudo().company_id in self.env.user.company_ids
        )

    def _is_funding_manager(self):
        return self.env.su or self.env.user.has_group(
            "pikc_funding.group_funding_manager"
        )

    def _check_funding_manager_decisions(self, vals):
        """Refuse ``vals`` to a user who is not a funding manager of a
        grant's lead institution when they change its state other than by a
        project manager's transition, or a funding manager's decision
        (``FUNDING_MANAGER_FIELDS``) on a grant that is no longer a draft.
        Internal code running as superuser passes."""
        decisions = [name for name in FUNDING_MANAGER_FIELDS if name in vals]
        # A closed grant is the record of what was done: nothing of it
        # changes but by the lead funding manager (its chatter aside).
        on_closed = [
            name
            for name in vals
            if name != "state" and not name.startswith(("message_", "activity_"))
        ]
        if not (decisions or on_closed or "state" in vals) or self.env.su:
            return
        manager = self._is_funding_manager()
        for grant in self:
            if manager and grant.company_id in self.env.user.company_ids:
                continue
            new_state = vals.get("state", grant.state)
            if (
                new_state != grant.state
                and (grant.state, new_state) not in PROJECT_MANAGER_TRANSITIONS
            ):
                raise AccessError(
                    self.env._(
                        "The grant “%(grant)s” is %(state)s: only a funding "
                        "manager of its lead institution %(company)s may make "
                        "it %(new_state)s.",
                        grant=grant.display_name,
                        state=self._state_label(grant.state),
                        new_state=self._state_label(new_state),
                        company=grant.sudo().company_id.name,
                    )
                )
            if grant.state == "closed" and on_closed:
                raise AccessError(
                    self.env._(
                        "The grant “%(grant)s” is closed: only a funding "
                        "manager of its lead institution %(company)s may change "
                        "it (reopening it first).",
                        grant=grant.display_name,
                        company=grant.sudo().company_id.name,
                    )
                )
            if grant.state == "draft":
                continue
            changed = [
                self._fields[name]
                for name in decisions
                if self._fields[name].convert_to_cache(vals[name], grant)
                != self._fields[name].convert_to_cache(grant[name], grant)
            ]
            if changed:
                raise AccessError(
                    self.env._(
                        "The grant “%(grant)s” is %(state)s: only a funding "
                        "manager of its lead institution %(company)s may change "
                        "its %(fields)s.",
                        grant=grant.display_name,
                        state=self._state_label(grant.state),
                        company=grant.sudo().company_id.name,
                        fields=", ".join(
                            field._description_string(self.env) for field in changed
                        ),
                    )
                )

    @api.model
    def _check_accounts_open_for_costs(self, account_ids, document, company=None):
        """Refuse a new cost on the analytic accounts of closed grants and,
        when ``company`` (the institution of the cost) is given, of grants
        it neither leads nor takes part in (``_check_may_charge``). One
        query.

        ``document`` names what brings the cost, for the message.
        """
        if not account_ids:
            return
        domain = [("state", "=", "closed")]
        if company:
            domain = [
                "|",
                *domain,
                "&",
                ("company_id", "!=", company.id),
                ("partner_company_ids", "not in", company.ids),
            ]
        found = (
            self.sudo()
            .with_context(active_test=False)
            .search([("analytic_account_id", "in", list(account_ids)), *domain])
        )
        if company:
            found._check_may_charge(company, document)
        closed = found.filtered(lambda grant: grant.state == "closed")
        if closed:
            raise UserError(
                self.env._(
                    "%(document)s charges the closed grant(s) %(grants)s, which "
                    "accept no new costs. Remove their analytic account from the "
                    "analytic distribution, or ask a funding manager to reopen "
                    "the grant.",
                    document=document,
                    grants=", ".join(closed.mapped("display_name")),
                )
            )

    def _check_may_charge(self, company, document):
        """Refuse ``document``, a cost of the institution ``company``, when
        it charges a grant of ``self`` that institution neither leads nor
        takes part in (as a partner institution)."""
        for grant in self.sudo():
            if company == grant.company_id or company in grant.partner_company_ids:
                continue
            raise UserError(
                self.env._(
                    "%(document)s of %(company)s charges the grant “%(grant)s”, "
                    "in which %(company)s takes no part: only its lead "
                    "institution %(lead)s and its partner institutions "
                    "(%(partners)s) may charge it. Remove its analytic account "
                    "from the analytic distribution, or ask %(lead)s to add "
                    "%(company)s to the grant's partner institutions.",
                    document=document,
                    company=company.name,
                    grant=grant.display_name,
                    lead=grant.company_id.name,
                    partners=", ".join(grant.partner_company_ids.mapped("name"))
                    or self.env._("none"),
                )
            )

    def _check_funding_manager(self):
        if not self.env.user.has_group("pikc_funding.group_funding_manager"):
            raise UserError(
                self.env._(
                    "Only a funding manager may approve, close or reopen a grant."
                )
            )


class PikcGrantBudgetLine(models.Model):
    """The budget of a grant past draft is decided by a funding manager of
    its lead institution: adding, changing (planned amount, category,
    activity, order, grant) or removing a budget line of an approved,
    running, closing or closed grant is refused to anyone else. What is
    computed on a line is never written."""

    _inherit = "pikc.grant.budget.line"  # pylint: disable=consider-merging-classes-inherited

    @api.model_create_multi
    def create(self, vals_list):
        # Who may not plan budget lines at all is told so by the access
        # rights first.
        self.check_access("create")
        for vals in vals_list:
            # Before the checks of decisions: a computed value is nobody's.
            self._pikc_check_computed_values(vals)
        grants = self.env["pikc.grant"].browse(
            {vals["grant_id"] for vals in vals_list if vals.get("grant_id")}
        )
        lines = super().create(vals_list)
        # After Odoo's record rules (checked on the new lines), so that who
        # may not plan the grant at all is told so first.
        self._pikc_check_budget_decided(grants, "add")
        return lines

    def write(self, vals):
        self.check_access("write")
        self._pikc_check_computed_values(vals)
        grants = self.grant_id
        if vals.get("grant_id"):
            grants |= self.env["pikc.grant"].browse(vals["grant_id"])
        self._pikc_check_budget_decided(grants, "change", self)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_decided_budget(self):
        self._pikc_check_budget_decided(self.grant_id, "delete", self)

    @api.model
    def _pikc_check_budget_decided(self, grants, action, lines=None):
        """Refuse ``action`` on budget lines of ``grants`` past draft to a
        user who is not a funding manager of their lead institution."""
        if self.env.su:
            return
        for grant in grants.exists().with_env(self.env):
            if grant.sudo().state == "draft" or grant._is_lead_funding_manager():
                continue
            grant = grant.sudo()
            line = lines and lines.filtered(lambda line, g=grant: line.grant_id == g)
            raise AccessError(
                self.env._(
                    "The grant “%(grant)s” is %(state)s: only a funding "
                    "manager of its lead institution %(company)s may "
                    "%(action)s its budget lines%(line)s (a budget "
                    "amendment).",
                    grant=grant.display_name,
                    state=grant._state_label(grant.state),
                    company=grant.company_id.name,
                    action={
                        "add": self.env._("add to"),
                        "change": self.env._("change"),
                        "delete": self.env._("delete"),
                    }[action],
                    line=line
                    and self.env._(" (“%(line)s”)", line=line[:1].display_name)
                    or "",
                )
            )

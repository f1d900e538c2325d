from contextlib import contextmanager

from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools import format_amount

from . import funding_math


class PikcGrant(models.Model):
    """Budget control: what a purchase order being confirmed, a vendor bill
    being posted or an expense report being approved would add to the
    budget lines of the grants it charges, against what they have
    available, by each grant's policy (none, warn, block); the funding
    manager's override; the warnings shown to the user. Whatever the
    policy, each cost must land in exactly one budget line of each grant it
    charges."""

    _inherit = "pikc.grant"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _pikc_analytic_tax_amount(self, base_line, company):
        """The part of the taxes of ``base_line`` (prepared by a record's
        ``_prepare_base_line_for_taxes_computation``) that Odoo puts on the
        record's analytic distribution when it is posted: taxes "included in
        analytic cost" and non-deductible parts of a tax. In the company's
        currency, computed by Odoo's own tax engine, as the journal items
        will be; the VAT of a cost that a grant counts only when its VAT is
        eligible."""
        if not base_line["tax_ids"] or not base_line["analytic_distribution"]:
            return 0.0
        AccountTax = self.env["account.tax"]
        AccountTax._add_tax_details_in_base_lines([base_line], company)
        AccountTax._round_base_lines_tax_details([base_line], company)
        AccountTax._add_accounting_data_in_base_lines_tax_details([base_line], company)
        tax_lines = AccountTax._prepare_tax_lines([base_line], company)
        return sum(
            values["balance"]
            for values in tax_lines["tax_lines_to_add"]
            if values.get("analytic_distribution")
        )

    @api.model
    def _check_budget(self, costs, document, counted=False, related=()):
        """Budget control of ``document`` (a purchase order being confirmed,
        a vendor bill being posted, an expense report being approved), whose
        ``costs`` (``funding_math.Cost``, see ``BudgetMap.amounts``) would
        add to the budget lines of the grants they charge.

        With ``counted``, the budget figures already include ``costs``: a
        confirmed document changed, checked after the change is written (see
        ``purchase.order.line._pikc_check_commitment_change``). Its costs are
        then what the change adds (negative for what it takes back), and a
        line's amount available before it is the available amount plus that
        addition.

        ``related`` are costs that add to the budget lines with the
        document's own but are not its own: the commitments a bill
        releases, the old commitment of a changed line (negated), the costs
        of the documents checked before it in the same batch. They count in
        the amounts; the budget line choice is checked on ``costs`` only.

        Per grant and its ``budget_policy``: ``none`` lets it go; ``warn``
        lets it go and logs on the grant which lines it takes past their
        available amount, and by how much; ``block`` refuses it, listing each
        line, its available amount and the excess, unless a funding manager
        overrides with a reason (context key ``pikc_budget_override_reason``,
        set by the override wizard): the override is recorded on the grant.

        Whatever the policy, each cost charging a grant must land in exactly
        one of its budget lines: a cost whose category the grant plans on
        several budget lines must choose its line, and a cost that no line
        takes (its category unplanned or unmapped) is refused
        (``_pikc_check_budget_line_choice``).

        Returns the warnings of the ``warn`` grants (one text per grant,
        naming the document, the grant, the lines taken past their available
        amount and the excess), for the user to see (see
        ``_budget_warning_action``).

        The budget lines of blocking grants are locked first, so that
        concurrent confirmations against one line are checked one after the
        other (see ``pikc.grant.budget.line._pikc_lock_for_budget_control``).
        """
        costs = [funding_math.Cost(*cost) for cost in costs]
        related = [funding_math.Cost(*cost) for cost in related]
        account_ids = {
            account_id
            for cost in [*costs, *related]
            for account_id in funding_math.distribution_accounts(cost.distribution)
        }
        charged = (
            self.sudo().search([("analytic_account_id", "in", list(account_ids))])
            if account_ids
            else self.sudo()
        )
        if not charged:
            return []
        BudgetLine = self.env["pikc.grant.budget.line"].sudo()
        budget_map = BudgetLine._pikc_budget_map(charged)
        charged._pikc_check_budget_line_choice(costs, document, budget_map)
        additions = budget_map.amounts([*costs, *related])
        lines = BudgetLine.browse(sorted(additions)).filtered(
            lambda line: line.grant_id.budget_policy != "none"
        )
        overruns = self._pikc_overruns(lines, additions, counted)
        # The figures change with the document: computed again when read.
        charged.invalidate_recordset()
        BudgetLine.invalidate_model()
        return self._pikc_apply_policies(overruns, document, counted)

    @api.model
    def _pikc_overruns(self, lines, additions, counted):
        """``(line, available, excess)`` of the budget ``lines`` that
        ``additions`` (by line id) take past their available amount, read
        after locking the lines of blocking grants (see
        ``pikc.grant.budget.line._pikc_lock_for_budget_control``)."""
        lines.filtered(
            lambda line: line.grant_id.budget_policy == "block"
        )._pikc_lock_for_budget_control()
        lines.grant_id.invalidate_recordset(["pikc_budget_figures"])
        lines.invalidate_recordset()
        return funding_math.budget_overruns(
            [
                (
                    line,
                    line.amount_available + (additions[line.id] if counted else 0.0),
                    additions[line.id],
                )
                for line in lines
            ]
        )

    @api.model
    def _pikc_apply_policies(self, overruns, document, counted):
        """Warn or block by each grant's policy for its ``overruns``; a
        funding manager's override (with a reason in the context) is
        recorded. Returns the warnings."""
        blocked = []
        warnings = []
        grants = self.sudo().browse()
        for line, _available, _excess in overruns:
            grants |= line.grant_id
        for grant in grants:
            summary = grant._budget_overrun_summary(
                [row for row in overruns if row[0].grant_id == grant]
            )
            if grant.budget_policy == "warn":
                warnings.append(grant._pikc_warn_overrun(document, summary))
            elif "pikc_budget_override_reason" in self.env.context:
                grant._override_budget(document, summary)
            else:
                blocked.append((grant, summary))
        if blocked:
            self._pikc_refuse_overruns(blocked, document, counted)
        return warnings

    def _pikc_warn_overrun(self, document, summary):
        """Log on the grant (``warn`` policy) that ``document`` takes the
        lines of ``summary`` past the budget; return the user's warning."""
        self.ensure_one()
        self.message_post(
            body=self.env._(
                "%(document)s goes past the budget: %(lines)s",
                document=document.display_name,
                lines="; ".join(summary),
            ),
            author_id=self.env.user.partner_id.id,
        )
        return self.env._(
            "%(document)s goes past the budget of the grant “%(grant)s”: %(lines)s.",
            document=document.display_name,
            grant=self.display_name,
            lines="; ".join(summary),
        )

    @api.model
    def _pikc_refuse_overruns(self, blocked, document, counted):
        """Refuse ``document``: the ``(grant, summary)`` of ``blocked`` are
        past the budget of blocking grants."""
        refused = "\n".join(
            f"{grant.display_name}: {line}"
            for grant, summary in blocked
            for line in summary
        )
        if counted:
            # A change of a confirmed document: there is nothing for the
            # override wizard to confirm again.
            raise UserError(
                self.env._(
                    "This change of %(document)s would take budget lines "
                    "past their available amount:\n%(lines)s\nReduce the "
                    "change, or have the planned amount of the budget line "
                    "raised (a budget amendment) first.",
                    document=document.display_name,
                    lines=refused,
                )
            )
        raise UserError(
            self.env._(
                "%(document)s would take budget lines past their available "
                "amount:\n%(lines)s\nReduce it, or ask a funding manager to "
                "override the budget control with a reason.",
                document=document.display_name,
                lines=refused,
            )
        )

    @api.model
    @contextmanager
    def _collect_budget_warnings(self):
        """Gather the warnings of the budget controls run inside the block
        (``_report_budget_warnings``), for an action to show them: the
        controls run where Odoo confirms, posts or approves (so that no path
        escapes them), below the button that shows the result. Kept on the
        cursor, not in the context, which a client could set."""
        cache = self.env.cr.cache
        outer = cache.get("pikc_budget_warnings")
        warnings = cache["pikc_budget_warnings"] = []
        try:
            yield warnings
        finally:
            cache["pikc_budget_warnings"] = outer

    @api.model
    def _report_budget_warnings(self, warnings):
        """Hand ``warnings`` to the enclosing ``_collect_budget_warnings``,
        if any (otherwise they are in the grants' chatter only)."""
        collector = self.env.cr.cache.get("pikc_budget_warnings")
        if collector is not None:
            collector.extend(warnings)

    @api.model
    def _check_budget_change(self, costs, old_costs, document, label, company):
        """The controls of the confirmation, posting or approval of
        ``document`` (its label ``label`` in messages), on what changing its
        costs from ``old_costs`` to ``costs`` adds: the grants charged more
        must be open, and the budget check weighs the costs with the old
        ones taken back. Decreases always pass."""
        if costs == old_costs:
            return
        taken_back = [cost.negated() for cost in old_costs]
        self._check_accounts_open_for_costs(
            funding_math.increased_accounts(
                [(cost.distribution, cost.amount) for cost in costs + taken_back]
            ),
            label,
            company,
        )
        self._report_budget_warnings(
            self._check_budget(costs, document, counted=True, related=taken_back)
        )

    @api.model
    def _budget_warning_action(self, warnings, result):
        """What a control point (purchase confirmation, bill posting,
        expense approval) returns once done: when documents went past the
        budget of grants under the ``warn`` policy, a sticky warning
        notification listing ``warnings`` (see ``_check_budget``), after
        which the view reloads; otherwise, or when Odoo already returns an
        action (a wizard), its ``result``."""
        if not warnings or isinstance(result, dict):
            return result
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "warning",
                "sticky": True,
                "title": self.env._("Past the budget"),
                "message": "\n".join(warnings),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    @api.model
    def _cost_label(self, account, product):
        """How a refusal names a cost: its product, else its account."""
        return product.display_name or (account and account.display_name) or ""

    def _pikc_check_budget_line_choice(self, costs, document, budget_map):
        """Refuse ``document`` when one of its costs charges a grant of
        ``self`` and does not land in exactly one of its budget lines:
        either the grant plans the cost's category on several lines
        (activities) and the cost does not say which one, naming the lines
        to choose from; or no budget line of the grant takes it (the grant
        does not plan its category, or its product and account map to no
        cost category), which would leave it out of every figure. The VAT of
        a cost (``is_vat``) is exempt from the latter: its base cost
        is checked. Whatever the grant's budget policy."""
        for cost in costs:
            account, product = cost.account, cost.product
            for grant in self:
                if not funding_math.distribution_share(
                    cost.distribution, grant.analytic_account_id.id
                ):
                    continue
                line, candidates = budget_map.line_of(grant, cost)
                if len(candidates) > 1:
                    raise UserError(
                        self.env._(
                            "%(document)s: the cost “%(cost)s” charges the grant "
                            "“%(grant)s”, which plans its category on several "
                            "budget lines: %(lines)s. Choose its budget line on "
                            "the line.",
                            document=document.display_name,
                            cost=self._cost_label(account, product),
                            grant=grant.display_name,
                            lines=", ".join(line.display_name for line in candidates),
                        )
                    )
                if line or cost.is_vat:
                    continue
                category = budget_map.category(account, product)
                if category:
                    raise UserError(
                        self.env._(
                            "%(document)s: the cost “%(cost)s” of the cost "
                            "category “%(category)s” charges the grant "
                            "“%(grant)s”, whose budget has no line for that "
                            "category: the cost would count in no budget line. "
                            "Add a budget line for %(category)s to the grant, "
                            "or choose one of its budget lines on the line.",
                            document=document.display_name,
                            cost=self._cost_label(account, product),
                            category=category.name,
                            grant=grant.display_name,
                        )
                    )
                raise UserError(
                    self.env._(
                        "%(document)s: the cost “%(cost)s” has no cost category "
                        "(neither its product category nor its expense account "
                        "is mapped to one) and charges the grant “%(grant)s”: "
                        "it would count in no budget line. Map its product "
                        "category or expense account to a cost category "
                        "planned by the grant, or choose one of the grant's "
                        "budget lines on the line.",
                        document=document.display_name,
                        cost=self._cost_label(account, product),
                        grant=grant.display_name,
                    )
                )

    def _budget_overrun_summary(self, overruns):
        """One sentence per ``(budget line, available, excess)``."""
        self.ensure_one()
        return [
            self.env._(
                "%(line)s: available %(available)s, excess %(excess)s",
                line=line.category_id.name
                + (f" ({line.activity})" if line.activity else ""),
                available=format_amount(self.env, available, self.currency_id),
                excess=format_amount(self.env, excess, self.currency_id),
            )
            for line, available, excess in overruns
        ]

    def _override_budget(self, document, summary):
        """Record the override of the budget control of the grant for
        ``document`` by a funding manager of its lead institution, with the
        reason in the context."""
        self.ensure_one()
        reason = (self.env.context.get("pikc_budget_override_reason") or "").strip()
        self.env["pikc.grant.override"]._check_can_override(reason, self)
        self.env["pikc.grant.override"].sudo().create(
            {
                "grant_id": self.id,
                "res_model": document._name,
                "res_id": document.id,
                "document": document.display_name,
                "summary": "\n".join(summary),
                "reason": reason,
                "user_id": self.env.user.id,
            }
        )
        self.message_post(
            body=self.env._(
                "Budget control overridden for %(document)s (%(lines)s). "
                "Reason: %(reason)s",
                document=document.display_name,
                lines="; ".join(summary),
                reason=reason,
            ),
            author_id=self.env.user.partner_id.id,
        )

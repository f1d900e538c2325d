"""Timesheets charging a grant: hours of the person who worked them.

A timesheet is the one cost a user types (Odoo computes its amount from
the hours and the employee's cost), so what makes it a cost is checked
here: its hours are zero or more (negative hours would give the grant's
budget line back money nobody returned), they are the user's own unless
the user approves timesheets (as hr_timesheet decides for its own users),
and its budget line is the mapping's (personnel), not the user's choice.
"""

from odoo import api, models
from odoo.exceptions import AccessError, ValidationError

#: What a change of a timesheet must be checked again for.
TIMESHEET_FIELDS = {"unit_amount", "employee_id", "project_id", "account_id"}


class AccountAnalyticLine(models.Model):
    # One model, one job per file (see account_analytic_line.py).
    _inherit = "account.analytic.line"  # pylint: disable=consider-merging-classes-inherited

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        if not self._pikc_by_odoo():
            chosen = lines.browse(
                line.id
                for line, vals in zip(lines, vals_list, strict=True)
                if vals.get("pikc_budget_line_id")
            )
            lines._pikc_check_timesheets(chosen)
        return lines

    def write(self, vals):
        res = super().write(vals)
        plans = set(self._get_plan_fnames())
        if not self._pikc_by_odoo() and (TIMESHEET_FIELDS | plans) & vals.keys():
            self._pikc_check_timesheets(self.browse())
        return res

    def _pikc_check_timesheets(self, chosen):
        """Refuse, on the timesheets of ``self`` charging a grant, negative
        hours, the hours of another employee for a user who does not
        approve timesheets, and a budget line chosen by hand (``chosen``:
        the lines made with one) but by the lead funding manager."""
        user = self.env.user
        approver = user.has_group("hr_timesheet.group_hr_timesheet_approver")
        timesheets = self.sudo().filtered(
            lambda line: line.pikc_grant_id and line._pikc_is_timesheet()
        )
        for line in timesheets:
            if line.unit_amount < 0:
                raise ValidationError(
                    self.env._(
                        "The timesheet “%(line)s” of %(employee)s charges the "
                        "grant “%(grant)s” with %(hours)s hours: hours cannot "
                        "be negative. Enter the hours worked (zero or more).",
                        line=line.name or "",
                        employee=line.employee_id.name,
                        grant=line.pikc_grant_id.display_name,
                        hours=line.unit_amount,
                    )
                )
            if not approver and line.employee_id.user_id != user:
                raise AccessError(
                    self.env._(
                        "%(user)s cannot record the hours of %(employee)s on the "
                        "grant “%(grant)s”: a timesheet is recorded by the "
                        "employee, or by a timesheet approver.",
                        user=user.name,
                        employee=line.employee_id.name,
                        grant=line.pikc_grant_id.display_name,
                    )
                )
        self._pikc_refuse_typed(
            timesheets & chosen.sudo(), "create", ["pikc_budget_line_id"]
        )

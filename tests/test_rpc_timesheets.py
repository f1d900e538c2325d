"""What the last adversary of the integrity issue found, kept as tests
(XML-RPC ``execute_kw`` as the demo logins): a timesheet typed with
negative hours, for another employee, or onto a budget line of one's
choice gave a grant's budget line money back, even on a block grant; a
second grant could take a running grant's analytic account and count its
costs twice. Each is refused in words, the figures unchanged."""

import re

from odoo.tests import tagged

from .rpc_common import PikcRpcCase


@tagged("post_install", "-at_install")
class TestTimesheetsOverRpc(PikcRpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.esf = cls.env.ref("pikc_funding.grant_esf_teaching")
        cls.erdf = cls.env.ref("pikc_funding.grant_erdf_equipment")
        cls.project = cls.env.ref("pikc_funding.project_esf_teaching")
        cls.petrova = cls.env.ref("pikc_resources.employee_valentina_petrova")
        cls.column = cls.env["pikc.grant"]._grant_column()
        # The project manager as an employee who keeps timesheets.
        cls.own = cls.env["hr.employee"].create(
            {
                "name": "Project Manager (timesheets)",
                "user_id": cls.env.ref("pikc_funding.user_project_manager").id,
                "hourly_cost": 20.0,
            }
        )

    def figures(self):
        self.env.invalidate_all()
        return [
            (line.id, line.amount_actual, line.amount_available)
            for line in (self.esf | self.erdf).budget_line_ids
        ]

    def timesheet(self, employee, hours, grant=None, **values):
        grant = grant or self.esf
        return dict(
            {
                "name": "Typed hours",
                "project_id": self.project.id,
                "account_id": self.project.account_id.id,
                self.column: grant.analytic_account_id.id,
                "employee_id": employee.id,
                "unit_amount": hours,
                "date": "2012-11-05",
            },
            **values,
        )

    def test_negative_hours_are_refused_to_every_role(self):
        before = self.figures()
        for login in ("projectmanager", "accountant", "director"):
            with self.subTest(login=login):
                self.assertFault(
                    "hours cannot be negative",
                    login,
                    "account.analytic.line",
                    "create",
                    self.timesheet(self.petrova, -500.0),
                )
        self.assertEqual(self.figures(), before)

    def test_the_hours_of_another_employee_are_the_approvers(self):
        before = self.figures()
        for login in ("projectmanager", "accountant"):
            with self.subTest(login=login):
                self.assertFault(
                    re.escape("cannot record the hours of Valentīna Petrova"),
                    login,
                    "account.analytic.line",
                    "create",
                    self.timesheet(self.petrova, 1.0),
                )
        self.assertEqual(self.figures(), before)
        # One's own hours are a timesheet like any other.
        own = self.call(
            "projectmanager",
            "account.analytic.line",
            "create",
            self.timesheet(self.own, 2.0),
        )
        line = self.env["account.analytic.line"].browse(own)
        self.assertEqual(line.amount, -40.0)
        self.assertEqual(line.pikc_grant_id, self.esf)
        self.assertFault(
            "hours cannot be negative",
            "projectmanager",
            "account.analytic.line",
            "write",
            [own],
            {"unit_amount": -300.0},
        )
        self.assertEqual(line.unit_amount, 2.0)

    def test_a_timesheet_goes_to_the_personnel_line_not_a_chosen_one(self):
        """Hours onto the ERDF grant's equipment line (a block grant): the
        budget line is the mapping's, not the user's."""
        before = self.figures()
        equipment = self.env.ref("pikc_funding.grant_erdf_equipment_equipment")
        self.assertFault(
            "cannot be created by hand",
            "projectmanager",
            "account.analytic.line",
            "create",
            self.timesheet(
                self.own, 10.0, grant=self.erdf, pikc_budget_line_id=equipment.id
            ),
        )
        self.assertEqual(self.figures(), before)

    def test_a_grant_does_not_take_another_grants_account(self):
        count = self.env["pikc.grant"].search_count([])
        self.assertFault(
            "another grant cannot have it too",
            "projectmanager",
            "pikc.grant",
            "create",
            {
                "name": "Twin",
                "code": "TWIN-1",
                "fund_id": self.erdf.fund_id.id,
                "date_start": "2013-01-01",
                "date_end": "2014-01-01",
                "analytic_account_id": self.erdf.analytic_account_id.id,
            },
        )
        self.assertEqual(self.env["pikc.grant"].search_count([]), count)

"""The documents behind a grant's figures, opened as each funding role
opens them in the web client: the grant's form (as ``get_views`` gives it
to that user), each of its smart buttons, and the list each button opens
(its list view's fields, read with ``web_search_read`` as the client
reads them), over XML-RPC with the demo logins.

The auditor checks money against documents: the purchases, bills,
expenses and timesheets charging the grants of its institution are
there for it to open, read-only, and nothing beyond them."""

from lxml import etree

from odoo.tests import tagged

from .rpc_common import PikcRpcCase

#: The smart buttons of the grant form and the model each one lists.
BUTTONS = {
    "action_view_purchases": "purchase.order",
    "action_view_bills": "account.move",
    "action_view_expenses": "hr.expense",
    "action_view_timesheets": "account.analytic.line",
}
FUNDING_LOGINS = ("auditor", "projectmanager", "accountant", "director")


@tagged("post_install", "-at_install")
class TestGrantDocumentsOverRpc(PikcRpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.erdf = cls.env.ref("pikc_funding.grant_erdf_equipment")
        cls.esf = cls.env.ref("pikc_funding.grant_esf_teaching")

    def buttons(self, login):
        """The names of the smart buttons the grant form shows ``login``."""
        views = self.json_call(login, "pikc.grant", "get_views", [[False, "form"]])
        arch = etree.fromstring(views["views"]["form"]["arch"])
        return {
            button.get("name")
            for button in arch.iterfind(".//div[@name='button_box']/button")
        }

    def open_list(self, login, action):
        """The records the list of ``action`` shows ``login``, read with the
        fields of its list view, as the web client reads them."""
        model = action["res_model"]
        views = self.json_call(login, model, "get_views", [[False, "list"]])
        arch = etree.fromstring(views["views"]["list"]["arch"])
        fields = views["models"][model]["fields"]
        specification = {}
        for node in arch.iterfind("field"):
            name = node.get("name")
            relational = fields[name]["type"] in ("many2one", "many2many", "one2many")
            specification[name] = {"fields": {"display_name": {}}} if relational else {}
        result = self.json_call(
            login,
            model,
            "web_search_read",
            action["domain"],
            specification,
            # A context the action gives as text is the client's to evaluate.
            context=action["context"]
            if isinstance(action.get("context"), dict)
            else {},
        )
        return result["records"]

    def test_the_auditor_opens_every_document_behind_the_figures(self):
        """The auditor sees the four smart buttons, and each opens the
        documents the grant counts, read with their list's fields."""
        self.assertEqual(set(BUTTONS), self.buttons("auditor") & set(BUTTONS))
        for grant, counted in (
            (self.erdf, ("purchase_count", "bill_count")),
            (self.esf, ("expense_count", "timesheet_count")),
        ):
            counts = self.json_call(
                "auditor", "pikc.grant", "read", [grant.id], list(counted)
            )[0]
            for button, model in BUTTONS.items():
                action = self.json_call("auditor", "pikc.grant", button, [grant.id])
                self.assertEqual(action["res_model"], model)
                records = self.open_list("auditor", action)
                count = counts.get(button.replace("action_view_", "")[:-1] + "_count")
                if count is not None:
                    self.assertTrue(count, f"{grant.code}: {button} counts documents")
                    self.assertEqual(len(records), count, f"{grant.code}: {button}")

    def test_the_auditor_reads_the_costs_of_its_grants_only(self):
        """The analytic lines charging the grants, yes; the institution's
        other analytic lines, no."""
        column = self.env["pikc.grant"]._grant_column()
        other = self.env["account.analytic.line"].create(
            {
                "name": "Office rent (not a grant's)",
                "account_id": self.env["account.analytic.account"]
                .create(
                    {
                        "name": "Administration",
                        "plan_id": self.env.ref(
                            "pikc_funding.analytic_plan_funded_projects"
                        ).id,
                    }
                )
                .id,
                "amount": -100.0,
            }
        )
        seen = self.json_call(
            "auditor",
            "account.analytic.line",
            "search",
            [(column, "in", (self.erdf | self.esf).analytic_account_id.ids)],
        )
        self.assertEqual(
            sorted(seen),
            sorted(
                self.env["account.analytic.line"]
                .search(
                    [(column, "in", (self.erdf | self.esf).analytic_account_id.ids)]
                )
                .ids
            ),
        )
        self.assertTrue(seen)
        self.assertFalse(
            self.json_call(
                "auditor", "account.analytic.line", "search", [("id", "=", other.id)]
            )
        )
        self.assertFault(
            "not allowed to modify|timesheets that are not yours",
            "auditor",
            "account.analytic.line",
            "write",
            seen[:1],
            {"name": "Changed by the auditor"},
        )

    def test_every_funding_role_opens_the_buttons_it_sees(self):
        """No button of the grant form that a funding role sees fails to
        open or to list its documents."""
        for login in FUNDING_LOGINS:
            for button in self.buttons(login) & set(BUTTONS):
                for grant in (self.erdf, self.esf):
                    action = self.json_call(login, "pikc.grant", button, [grant.id])
                    self.assertIsInstance(self.open_list(login, action), list)

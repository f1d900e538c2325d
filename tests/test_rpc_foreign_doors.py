from odoo.tests import tagged

from .rpc_common import PikcRpcCase

#: A one-pixel PNG, base64: the CNC workshop's photo.
PIXEL = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4"
    "nGNgAAIAAAUAAeIhvDMAAAAASUVORK5CYII="
)


@tagged("post_install", "-at_install")
class TestForeignDoorsOverRpc(PikcRpcCase):
    """The member school's teacher, over XML-RPC and the web client's file
    routes, against the PIKC's shared CNC workshop of the demo: its chatter,
    files, followers and activities stay the PIKC's; the PIKC's teacher has
    them."""

    def setUp(self):
        super().setUp()
        self.cnc = self.env.ref("pikc_resources.workshop_cnc")
        self.cnc.message_post(body="Door code of the CNC lab: 4711")
        self.file = self.env["ir.attachment"].create(
            {
                "name": "cnc-maintenance-contract.pdf",
                "raw": b"%PDF contract",
                "mimetype": "application/pdf",
                "res_model": "pikc.workshop",
                "res_id": self.cnc.id,
            }
        )
        self.cnc.image_1920 = PIXEL

    def test_message_search_answers_and_hides_the_owners_chatter(self):
        """teacher.school2's message searches (all, by body, search_read)
        answer without an access error and never find the lab's message;
        the PIKC's teacher finds it."""
        self.call("teacher.school2", "mail.message", "search", [])
        domain = [("body", "ilike", "Door code of the CNC lab")]
        self.assertEqual(
            self.call("teacher.school2", "mail.message", "search", domain), []
        )
        self.assertEqual(
            self.call(
                "teacher.school2",
                "mail.message",
                "search_read",
                domain,
                fields=["body"],
            ),
            [],
        )
        self.assertEqual(
            self.call("teacher.school2", "mail.message", "search_count", domain), 0
        )
        self.assertEqual(len(self.call("teacher", "mail.message", "search", domain)), 1)

    def test_files_of_the_shared_workshop_are_not_served(self):
        """The contract attached to the lab is neither listed, read nor
        downloaded by teacher.school2 (its photo, a shared field, is); the
        PIKC's teacher downloads it."""
        self.assertEqual(
            self.call(
                "teacher.school2",
                "ir.attachment",
                "search",
                [("res_model", "=", "pikc.workshop"), ("res_id", "=", self.cnc.id)],
            ),
            [],
        )
        self.assertFault(
            "not allowed|doesn't have 'read' access|another institution",
            "teacher.school2",
            "ir.attachment",
            "read",
            [self.file.id],
            ["datas"],
        )
        self.authenticate("teacher.school2", "teacher.school2")
        response = self.url_open(f"/web/content/{self.file.id}?download=true")
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn(b"contract", response.content)
        response = self.url_open(
            f"/web/content/ir.attachment/{self.file.id}/datas?download=true"
        )
        self.assertNotIn(b"contract", response.content)
        photo = self.url_open(f"/web/image/pikc.workshop/{self.cnc.id}/image_128")
        self.assertEqual(photo.status_code, 200)
        self.assertTrue(photo.headers["Content-Type"].startswith("image/"))
        self.authenticate("teacher", "teacher")
        response = self.url_open(f"/web/content/{self.file.id}?download=true")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"%PDF contract")

    def test_followers_and_activities_of_the_shared_workshop_are_hidden(self):
        """teacher.school2 finds none of the lab's followers and activities
        (search, read_group, the lab's activity fields); the master has the
        activity assigned to him."""
        master = self.env.ref("pikc_resources.user_master")
        self.cnc.message_subscribe(partner_ids=master.partner_id.ids)
        self.cnc.activity_schedule(
            "mail.mail_activity_data_todo",
            summary="Renew the maintenance contract",
            user_id=master.id,
        )
        on_cnc = [("res_model", "=", "pikc.workshop"), ("res_id", "=", self.cnc.id)]
        for model in ("mail.followers", "mail.activity"):
            with self.subTest(model=model):
                self.assertEqual(
                    self.call("teacher.school2", model, "search", on_cnc), []
                )
        groups = self.call(
            "teacher.school2",
            "mail.activity",
            "read_group",
            on_cnc,
            ["summary"],
            ["summary"],
        )
        self.assertEqual(groups, [])
        [values] = self.call(
            "teacher.school2",
            "pikc.workshop",
            "read",
            [self.cnc.id],
            ["activity_ids", "activity_summary", "message_follower_ids"],
        )
        self.assertEqual(
            (
                values["activity_ids"],
                values["activity_summary"],
                values["message_follower_ids"],
            ),
            ([], False, []),
        )
        self.assertEqual(len(self.call("master", "mail.activity", "search", on_cnc)), 1)
        self.assertTrue(self.call("master", "mail.followers", "search", on_cnc))

    def test_buttons_of_a_foreign_booking_refuse_over_rpc(self):
        """The PIKC's own confirmed booking of the CNC lab: its weekly series
        and free slot buttons are refused to teacher.school2, naming it."""
        booking = self.env.ref("pikc_resources.booking_cnc_pikc_confirmed")
        for button in ("action_repeat_weekly", "action_find_slots"):
            with self.subTest(button=button):
                self.assertFault(
                    f"{booking.name} .*is another institution's booking",
                    "teacher.school2",
                    "pikc.booking",
                    button,
                    booking.ids,
                )


@tagged("post_install", "-at_install")
class TestGrantDoorsOverRpc(PikcRpcCase):
    """The grants' analytic accounts and the documents behind the demo
    grants' figures, as the auditor and the member school reach them."""

    def test_another_institutions_grant_account_is_not_found(self):
        """The KPFI grant is the PIKC's alone: teacher.school2 neither finds
        its analytic account by name nor reads it; it finds the ESF
        grant's, of which its school is a partner; the PIKC's teacher finds
        both."""
        kpfi = self.env.ref("pikc_funding.grant_kpfi_renovation").analytic_account_id
        esf = self.env.ref("pikc_funding.grant_esf_teaching").analytic_account_id
        for account, school2_finds in ((kpfi, False), (esf, True)):
            with self.subTest(account=account.name):
                found = self.call(
                    "teacher.school2",
                    "account.analytic.account",
                    "name_search",
                    account.name,
                )
                self.assertEqual(account.id in [row[0] for row in found], school2_finds)
                found = self.call(
                    "teacher", "account.analytic.account", "name_search", account.name
                )
                self.assertIn(account.id, [row[0] for row in found])
        self.assertFault(
            "not allowed|doesn't have 'read' access",
            "teacher.school2",
            "account.analytic.account",
            "read",
            kpfi.ids,
            ["name"],
        )

    def related_ids(self, documents, model_name):
        """The records of ``model_name`` a form of ``documents`` shows: the
        documents themselves, or their lines."""
        if model_name == documents._name:
            return documents.ids
        for field in documents._fields.values():
            if field.type == "one2many" and field.comodel_name == model_name:
                return documents.mapped(field.name).ids
        return []

    def test_the_auditor_reads_the_documents_behind_a_grants_figures(self):
        """The auditor opens the ERDF grant's purchases, bills and the ESF
        grant's expense reports from their smart buttons, and the lathes
        procurement's orders, and reads them with their lines."""
        erdf = self.env.ref("pikc_funding.grant_erdf_equipment")
        esf = self.env.ref("pikc_funding.grant_esf_teaching")
        procurement = self.env.ref("pikc_funding.procurement_erdf_lathes")
        cases = [
            ("pikc.grant", erdf, "action_view_purchases", ["name", "order_line"]),
            ("pikc.grant", erdf, "action_view_bills", ["name", "invoice_line_ids"]),
            ("pikc.grant", esf, "action_view_expenses", ["name", "sheet_id"]),
            ("pikc.procurement", procurement, "action_view_purchases", ["name"]),
        ]
        for model, record, button, fnames in cases:
            with self.subTest(record=record.display_name, button=button):
                action = self.call("auditor", model, button, record.ids)
                expected = self.env[action["res_model"]].search(action["domain"])
                self.assertTrue(expected)
                rows = self.call(
                    "auditor",
                    action["res_model"],
                    "search_read",
                    action["domain"],
                    fields=fnames,
                )
                self.assertEqual(
                    sorted(row["id"] for row in rows), sorted(expected.ids)
                )
                # The web client opens the list and a form: every field
                # of both views (lines included) is read.
                views = self.call(
                    "auditor",
                    action["res_model"],
                    "get_views",
                    [[False, "list"], [False, "form"]],
                )
                for model_name, spec in views["models"].items():
                    ids = (
                        self.env[model_name]
                        .search([("id", "in", self.related_ids(expected, model_name))])
                        .ids
                    )
                    rows = self.call(
                        "auditor", model_name, "read", ids, list(spec["fields"])
                    )
                    self.assertEqual(len(rows), len(ids))
        order = self.env.ref("pikc_funding.po_erdf_lathes")
        [values] = self.call(
            "auditor",
            "purchase.order",
            "read",
            order.ids,
            ["order_line", "invoice_ids"],
        )
        self.assertTrue(values["invoice_ids"])
        self.call(
            "auditor",
            "purchase.order.line",
            "read",
            values["order_line"],
            ["name", "price_subtotal"],
        )
        self.call(
            "auditor",
            "account.move",
            "read",
            values["invoice_ids"],
            ["line_ids", "amount_total"],
        )
        sheet = self.env.ref("pikc_funding.expense_sheet_esf_seminar")
        self.call(
            "auditor",
            "hr.expense.sheet",
            "read",
            sheet.ids,
            ["expense_line_ids", "total_amount"],
        )

    def test_the_auditor_changes_nothing_and_reads_no_other_document(self):
        """The auditor is refused writing, deleting or creating the orders,
        bills and expense reports it reads, and reading an order and a bill
        of the PIKC that charge no grant."""
        order = self.env.ref("pikc_funding.po_erdf_lathes")
        bill = self.env.ref("pikc_funding.bill_erdf_lathe")
        sheet = self.env.ref("pikc_funding.expense_sheet_esf_seminar")
        before = (order.partner_ref, bill.ref, sheet.name)
        for record in (order, bill, sheet):
            with self.subTest(record=record.display_name):
                self.assertFault(
                    "not allowed to modify|doesn't have 'write' access",
                    "auditor",
                    record._name,
                    "write",
                    record.ids,
                    {"name": "Audited"},
                )
                # (a posted bill is refused on its reconciliation first)
                self.assertFault(
                    "not allowed to (delete|access)|doesn't have 'unlink' access",
                    "auditor",
                    record._name,
                    "unlink",
                    record.ids,
                )
        self.assertFault(
            "not allowed to create",
            "auditor",
            "purchase.order",
            "create",
            {"partner_id": order.partner_id.id},
        )
        self.env.invalidate_all()
        for record in (order, bill, sheet):
            self.assertTrue(record.exists(), record._name)
        self.assertEqual((order.partner_ref, bill.ref, sheet.name), before)
        plain_order = self.env["purchase.order"].create(
            {
                "partner_id": order.partner_id.id,
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": order.order_line[0].product_id.id,
                            "product_qty": 1,
                            "price_unit": 10,
                        },
                    )
                ],
            }
        )
        plain_bill = self.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": order.partner_id.id,
                "invoice_date": "2026-01-15",
                "invoice_line_ids": [
                    (0, 0, {"name": "Chalk", "quantity": 1, "price_unit": 5})
                ],
            }
        )
        for record in (plain_order, plain_bill):
            with self.subTest(record=record._name):
                self.assertEqual(
                    self.call(
                        "auditor", record._name, "search", [("id", "=", record.id)]
                    ),
                    [],
                )
                self.assertFault(
                    "not allowed|doesn't have 'read' access",
                    "auditor",
                    record._name,
                    "read",
                    record.ids,
                    ["name"],
                )
        # The project manager, a purchase user, still reads the order.
        self.assertEqual(
            self.call(
                "projectmanager",
                "purchase.order",
                "search",
                [("id", "=", plain_order.id)],
            ),
            plain_order.ids,
        )

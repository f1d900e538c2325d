import random
import threading
import time

from psycopg2 import errors

from odoo import SUPERUSER_ID, Command, api

from odoo.addons.pikc_resources.tests.common import PikcResourcesCommon


class PikcFundingCommon(PikcResourcesCommon):
    """Funding roles in the PIKC and in the member school, a grant of the
    PIKC with the member school as partner, and products whose category
    maps to a cost category."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        user = cls.create_pikc_user

        cls.user_auditor = user(
            "fund_auditor", "pikc_funding.group_funding_viewer", cls.company_pikc
        )
        cls.user_accountant = user(
            "fund_accountant", "pikc_funding.group_project_accountant", cls.company_pikc
        )
        cls.user_project_manager = user(
            "fund_pm", "pikc_funding.group_project_manager", cls.company_pikc
        )
        cls.user_project_manager_school2 = user(
            "fund_pm_school2",
            "pikc_funding.group_project_manager",
            cls.company_school2,
        )
        cls.user_funding_manager = user(
            "fund_manager", "pikc_funding.group_funding_manager", cls.company_pikc
        )
        cls.fund_erdf = cls.env.ref("pikc_funding.fund_erdf")
        cls.category_equipment = cls.env.ref("pikc_funding.cost_category_equipment")
        cls.category_services = cls.env.ref("pikc_funding.cost_category_services")
        cls.category_personnel = cls.env.ref("pikc_funding.cost_category_personnel")
        cls.product_category_equipment = cls.env["product.category"].create(
            {"name": "Test equipment"}
        )
        cls.category_equipment.product_category_ids = [
            Command.link(cls.product_category_equipment.id)
        ]
        cls.product_machine = cls.env["product.product"].create(
            {
                "name": "Test milling machine",
                "type": "consu",
                "categ_id": cls.product_category_equipment.id,
                "purchase_method": "purchase",
                "supplier_taxes_id": [Command.clear()],
            }
        )
        cls.vendor = cls.env["res.partner"].create({"name": "Test Machine Vendor"})
        cls.grant = cls.create_grant("TEST-ERDF-1")
        cls.user_buyer = cls.create_pikc_user(
            "fund_buyer",
            "purchase.group_purchase_user,pikc_funding.group_project_manager",
            cls.company_pikc,
        )
        cls.user_funding_manager_buyer = cls.create_pikc_user(
            "fund_manager_buyer",
            "purchase.group_purchase_user,account.group_account_invoice,"
            "pikc_funding.group_funding_manager",
            cls.company_pikc,
        )

    @classmethod
    def setup_main_company(cls, currency_code="EUR"):
        """The PIKC keeps its books in euros, the currency of the funds and
        of their thresholds (Odoo's tests default to dollars)."""
        return super().setup_main_company(currency_code=currency_code)

    @classmethod
    def create_grant(cls, code, lines=None, **values):
        """A running ERDF grant of the PIKC (2012–2014) with a budget line
        per ``(category, planned)`` of ``lines`` (equipment 10,000 by
        default)."""
        if lines is None:
            lines = [(cls.category_equipment, 10000.0)]
        grant = cls.env["pikc.grant"].create(
            dict(
                {
                    "name": f"Grant {code}",
                    "code": code,
                    "fund_id": cls.fund_erdf.id,
                    "company_id": cls.company_pikc.id,
                    "date_start": "2012-01-01",
                    "date_end": "2014-12-31",
                    "state": "running",
                    "budget_line_ids": [
                        Command.create(
                            {"category_id": category.id, "amount_planned": planned}
                        )
                        for category, planned in lines
                    ],
                },
                **values,
            )
        )
        return grant

    @classmethod
    def distribution(cls, grant, percentage=100.0):
        return {str(grant.analytic_account_id.id): percentage}

    @classmethod
    def create_purchase(cls, grant, qty=2, price=1000.0, percentage=100.0):
        """A draft purchase order of the test machine charging ``grant``."""
        return cls.env["purchase.order"].create(
            {
                "partner_id": cls.vendor.id,
                "company_id": cls.company_pikc.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.product_machine.id,
                            "product_qty": qty,
                            "price_unit": price,
                            "taxes_id": [Command.clear()],
                            "analytic_distribution": cls.distribution(
                                grant, percentage
                            ),
                        }
                    )
                ],
            }
        )

    @classmethod
    def create_bill(
        cls, grant, qty=1, price=1000.0, date="2013-05-10", purchase_line=None
    ):
        """A draft vendor bill of the test machine charging ``grant``."""
        line = {
            "product_id": cls.product_machine.id,
            "quantity": qty,
            "price_unit": price,
            "tax_ids": [Command.clear()],
            "analytic_distribution": cls.distribution(grant),
        }
        if purchase_line:
            line["purchase_line_id"] = purchase_line.id
        return cls.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": cls.vendor.id,
                "company_id": cls.company_pikc.id,
                "invoice_date": date,
                "invoice_line_ids": [Command.create(line)],
            }
        )

    def create_expense_sheet(
        self,
        grant,
        amount,
        product=None,
        taxes=None,
        employee=None,
        name="Test report",
        date="2013-05-10",
    ):
        """A submitted expense report of one expense of ``amount`` (taxes
        included) of ``product`` (the test machine by default) charging
        ``grant``, paid by ``employee`` (a new one of the PIKC by
        default)."""
        employee = employee or self.env["hr.employee"].create(
            {"name": "Test traveller", "company_id": self.company_pikc.id}
        )
        expense = self.env["hr.expense"].create(
            {
                "name": f"{name}: expense",
                "employee_id": employee.id,
                "product_id": (product or self.product_machine).id,
                "total_amount_currency": amount,
                "tax_ids": [Command.set(taxes.ids if taxes else [])],
                "date": date,
                "analytic_distribution": self.distribution(grant),
            }
        )
        sheet = self.env["hr.expense.sheet"].create(
            {
                "name": name,
                "employee_id": employee.id,
                "expense_line_ids": [Command.set(expense.ids)],
            }
        )
        sheet.action_submit_sheet()
        return sheet

    def race_orders(self, code, count, price, confirm=False):
        """Committed for real transactions to race on: a blocking grant
        ``code`` with an equipment line of 1,000 and ``count`` orders of one
        lathe at ``price`` charging it (confirmed with ``confirm``). Returns
        the ids of the orders; ``race_cleanup`` removes it all."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            grant = env["pikc.grant"].create(
                {
                    "name": "Race grant",
                    "code": code,
                    "fund_id": env.ref("pikc_funding.fund_erdf").id,
                    "date_start": "2012-01-01",
                    "date_end": "2014-12-31",
                    "state": "running",
                    "budget_policy": "block",
                    "budget_line_ids": [
                        Command.create(
                            {
                                "category_id": env.ref(
                                    "pikc_funding.cost_category_equipment"
                                ).id,
                                "amount_planned": 1000.0,
                            }
                        )
                    ],
                }
            )
            distribution = {str(grant.analytic_account_id.id): 100.0}
            orders = env["purchase.order"].create(
                [
                    {
                        "partner_id": env.ref("pikc_funding.vendor_machine_tools").id,
                        "partner_ref": code,
                        "order_line": [
                            Command.create(
                                {
                                    "product_id": env.ref(
                                        "pikc_funding.product_cnc_lathe"
                                    ).id,
                                    "product_qty": 1,
                                    "price_unit": price,
                                    "taxes_id": [Command.clear()],
                                    "analytic_distribution": distribution,
                                }
                            )
                        ],
                    }
                    for _number in range(count)
                ]
            )
            if confirm:
                orders.button_confirm()
            return orders.ids

    def race_budget_line(self, code):
        """``(committed, available)`` of the race grant's line, as
        committed."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            line = env["pikc.grant"].search([("code", "=", code)]).budget_line_ids
            return line.amount_committed, line.amount_available

    def race_cleanup(self, code):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            orders = env["purchase.order"].search([("partner_ref", "=", code)])
            orders.button_cancel()
            orders.unlink()
            env["pikc.grant"].search([("code", "=", code)]).unlink()

    @classmethod
    def create_vat(cls):
        """A 21 % purchase VAT analytic on its base: its tax line takes the
        distribution of the cost and gets analytic lines of its own, on the
        VAT account."""
        vat_account = cls.env["account.account"].create(
            {
                "name": "Test input VAT",
                "code": "TVAT21",
                "account_type": "asset_current",
                "company_ids": [Command.set(cls.company_pikc.ids)],
            }
        )
        repartition = [
            Command.create({"repartition_type": "base"}),
            Command.create({"repartition_type": "tax", "account_id": vat_account.id}),
        ]
        return cls.env["account.tax"].create(
            {
                "name": "Test VAT 21% (analytic)",
                "type_tax_use": "purchase",
                "amount_type": "percent",
                "amount": 21.0,
                "analytic": True,
                "company_id": cls.company_pikc.id,
                "invoice_repartition_line_ids": repartition,
                "refund_repartition_line_ids": repartition,
            }
        )


CONCURRENCY_ERRORS = (
    errors.SerializationFailure,
    errors.DeadlockDetected,
    errors.LockNotAvailable,
)


def run_concurrently(registry, functions, tries=30, timeout=120):
    """Run each of ``functions`` in a real transaction of its own, all at
    once (threads released together), and return their outcomes in order:
    what the function returned, or the exception it raised.

    Each function receives a superuser environment on its own cursor. A
    transaction failing on a concurrency error (serialization failure,
    deadlock) is rolled back and replayed, as Odoo's RPC layer does
    (``odoo.service.model.retrying``); otherwise it commits, or rolls back
    on any other exception. What they committed stays: the caller cleans up.
    """
    barrier = threading.Barrier(len(functions))
    outcomes = [None] * len(functions)

    def run(index, function):
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            barrier.wait(timeout)
            for _attempt in range(tries):
                try:
                    outcomes[index] = function(env)
                    env.flush_all()
                    cr.commit()  # pylint: disable=invalid-commit
                    return
                except CONCURRENCY_ERRORS:
                    cr.rollback()
                    env.invalidate_all()
                    time.sleep(random.uniform(0.0, 0.2))
                except Exception as exc:  # noqa: BLE001 - reported to the caller
                    cr.rollback()
                    outcomes[index] = exc
                    return
            outcomes[index] = AssertionError(f"still conflicting after {tries} tries")

    threads = [
        threading.Thread(target=run, args=(index, function))
        for index, function in enumerate(functions)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    if any(thread.is_alive() for thread in threads):
        raise AssertionError("a concurrent transaction did not finish")
    return outcomes

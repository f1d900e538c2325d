"""The records the access matrix (``test_access_matrix.py``) tries each
role's doors on: for every model, how to make one record of an institution
(as superuser) and the values a user would create it with.

Each maker takes the test class and an institution (``res.company``) and
returns create values; :data:`MAKERS` maps a model to its maker. Models
whose rows are not created but found (SQL reports, Odoo's own per-company
records) are in :data:`FINDERS`. The makers of the files, followers and
activities of workshops are in ``access_matrix_doors.py``.
"""

from datetime import date, timedelta
from itertools import count

from odoo import Command

from . import access_matrix_doors as doors

_serial = count(1)
_slots = count(0)
_months = count(0)


def _code(prefix):
    return f"AM-{prefix}-{next(_serial)}"


def _hour(cls):
    """A one-hour slot of its own on a weekday of September 2030 (inside
    the default opening hours), so that no two matrix bookings meet."""
    slot = next(_slots)
    weekday = slot // 6
    day = date(2030, 9, 2) + timedelta(weeks=weekday // 5, days=weekday % 5)
    hour = 6 + slot % 6  # UTC: 9:00-15:00 in Riga
    return f"{day} {hour:02d}:00:00", f"{day} {hour:02d}:59:00"


def sector(cls, company):
    return {"name": _code("Sector"), "code": _code("S")}


def energy_type(cls, company):
    return {"name": _code("Energy"), "code": _code("E"), "unit": "kWh"}


def workshop(cls, company, shared=False):
    return {
        "name": _code("Workshop"),
        "code": _code("W"),
        "company_id": company.id,
        "sector_id": cls.env.ref("pikc_resources.sector_mechanical_engineering").id,
        "capacity": 12,
        "is_shared": shared,
    }


def equipment(cls, company, shared=False):
    return {
        "name": _code("Lathe"),
        "company_id": company.id,
        "is_shared": shared,
    }


def resource(cls, company):
    # The own institution's is material (what PIKC roles manage); the
    # other's is a person, so that the master's rule on material resources
    # has a case it refuses (beside the company rule).
    return {
        "name": _code("Resource"),
        "company_id": company.id,
        "resource_type": "material" if company == cls.own else "user",
    }


def building(cls, company):
    return {"name": _code("Building"), "company_id": company.id}


def energy_reading(cls, company):
    return {
        "building_id": cls.records["pikc.building"][company.id].id,
        "energy_type_id": cls.env.ref("pikc_resources.energy_type_heat").id,
        "date": _past_month(),
        "quantity": 10.0,
        "company_id": company.id,
    }


def _past_month():
    """Another month (energy readings are one per month and type), none in
    the future."""
    month = next(_months)
    return f"{2000 + month // 12}-{month % 12 + 1:02d}-01"


def employee(cls, company):
    return {"name": _code("Employee"), "company_id": company.id}


def staff_development(cls, company):
    return {
        "name": _code("Seminar"),
        "employee_id": cls.employees[company.id].id,
        "company_id": company.id,
    }


def booking(cls, company, shared=False):
    start, stop = _hour(cls)
    workshops = cls.shared_workshops if shared else cls.workshops
    return {
        "resource_id": workshops[company.id].resource_id.id,
        "start": start,
        "stop": stop,
        "purpose": _code("Lesson"),
        "participants": 1,
        "company_id": company.id,
        # The user booking: a colleague for the matrix's own records, the
        # user themselves when they create one.
        "user_id": (getattr(cls, "acting_user", None) or cls.colleagues[company.id]).id,
    }


def maintenance_request(cls, company):
    team = cls.env["maintenance.team"].search(
        [("company_id", "=", company.id)], limit=1
    ) or cls.env["maintenance.team"].create(
        {"name": _code("Team"), "company_id": company.id}
    )
    return {
        "name": _code("Repair"),
        "company_id": company.id,
        "maintenance_team_id": team.id,
    }


def analytic_account(cls, company):
    return {
        "name": _code("Analytic"),
        "plan_id": cls.plan.id,
        "company_id": company.id,
    }


def analytic_line(cls, company):
    return {
        "name": _code("Cost"),
        "account_id": cls.records["account.analytic.account"][company.id].id,
        "amount": 0.0,
        "company_id": company.id,
    }


def move(cls, company):
    return {
        "move_type": "in_invoice",
        "partner_id": cls.vendor.id,
        "company_id": company.id,
        "invoice_date": "2030-01-15",
        "invoice_line_ids": [
            Command.create(
                {"name": _code("Bill line"), "quantity": 1, "price_unit": 10}
            )
        ],
    }


def move_line(cls, company):
    move = cls.records["account.move"][company.id]
    return {
        "move_id": move.id,
        "name": _code("Bill line"),
        "quantity": 1,
        "price_unit": 5,
        "display_type": "product",
    }


def expense(cls, company):
    return {
        "name": _code("Taxi"),
        "employee_id": cls.employees[company.id].id,
        "total_amount_currency": 10.0,
        "company_id": company.id,
    }


def expense_sheet(cls, company):
    return {
        "name": _code("Trip"),
        "employee_id": cls.employees[company.id].id,
        "company_id": company.id,
    }


def purchase_order(cls, company):
    return {"partner_id": cls.vendor.id, "company_id": company.id}


def purchase_line(cls, company):
    return {
        "order_id": cls.records["purchase.order"][company.id].id,
        "product_id": cls.product.id,
        "product_qty": 1,
        "price_unit": 1,
    }


def picking(cls, company):
    picking_type = cls.picking_types[company.id]
    return {
        "picking_type_id": picking_type.id,
        "location_id": picking_type.default_location_src_id.id,
        "location_dest_id": picking_type.default_location_dest_id.id,
        "company_id": company.id,
    }


def stock_move(cls, company):
    picking_type = cls.picking_types[company.id]
    return {
        "name": _code("Move"),
        "product_id": cls.product.id,
        "product_uom_qty": 1,
        "location_id": picking_type.default_location_src_id.id,
        "location_dest_id": picking_type.default_location_dest_id.id,
        "company_id": company.id,
    }


def fund(cls, company):
    return {"name": _code("Fund"), "code": _code("F"), "fund_type": "erdf"}


def cost_category(cls, company):
    return {"name": _code("Category"), "code": _code("C")}


def grant(cls, company):
    return {
        "name": _code("Grant"),
        "code": _code("G"),
        "fund_id": cls.env.ref("pikc_funding.fund_erdf").id,
        "company_id": company.id,
        "date_start": "2030-01-01",
        "date_end": "2031-12-31",
    }


def budget_line(cls, company):
    return {
        "grant_id": cls.records["pikc.grant"][company.id].id,
        # A category of its own: a grant has one line per category.
        "category_id": cls.env["pikc.cost.category"]
        .create(cost_category(cls, company))
        .id,
        "amount_planned": 100.0,
    }


def override(cls, company):
    order = cls.records["purchase.order"][company.id]
    return {
        "grant_id": cls.records["pikc.grant"][company.id].id,
        "res_model": "purchase.order",
        "res_id": order.id,
        "document": order.name,
        "reason": _code("Urgent"),
        "user_id": cls.env.ref("base.user_admin").id,
    }


def procurement(cls, company):
    return {
        "name": _code("Procurement"),
        "grant_id": cls.records["pikc.grant"][company.id].id,
    }


# Wizards belong to the user who opens them: made in the user's own
# institution only.
def refuse_wizard(cls, company):
    return {
        "booking_ids": [Command.link(cls.records["pikc.booking"][company.id].id)],
        "reason": "Closed for repairs",
    }


def slot_wizard(cls, company):
    return {
        "workshop_id": cls.workshops[company.id].id,
        "resource_id": cls.workshops[company.id].resource_id.id,
        "duration": 1.0,
    }


def slot_wizard_line(cls, company):
    start, stop = _hour(cls)
    return {
        "wizard_id": cls.records["pikc.booking.slot.wizard"][company.id].id,
        "resource_id": cls.workshops[company.id].resource_id.id,
        "start": start,
        "stop": stop,
    }


def recurrence_wizard(cls, company):
    return {
        "resource_id": cls.workshops[company.id].resource_id.id,
        "date_from": "2030-09-02",
        "date_to": "2030-09-20",
        "monday": True,
        "purpose": "Weekly lesson",
    }


def recurrence_wizard_line(cls, company):
    start, stop = _hour(cls)
    return {
        "wizard_id": cls.records["pikc.booking.recurrence.wizard"][company.id].id,
        "start": start,
        "stop": stop,
    }


def under_wizard(cls, company):
    return {"date_from": "2030-09-01", "date_to": "2030-09-30"}


def under_line(cls, company):
    return {
        "wizard_id": cls.records["pikc.utilization.under.wizard"][company.id].id,
        "resource_id": cls.workshops[company.id].resource_id.id,
    }


def override_wizard(cls, company):
    return {
        "res_model": "purchase.order",
        "res_id": cls.records["purchase.order"][company.id].id,
    }


#: model -> maker of create values, in the order records are made (a maker
#: may use the records of the models before it).
MAKERS = {
    "pikc.sector": sector,
    "pikc.energy.type": energy_type,
    "pikc.workshop": workshop,
    "maintenance.equipment": equipment,
    "resource.resource": resource,
    "pikc.building": building,
    "pikc.energy.reading": energy_reading,
    "hr.employee": employee,
    "pikc.staff.development": staff_development,
    "pikc.booking": booking,
    "maintenance.request": maintenance_request,
    "account.analytic.account": analytic_account,
    "account.analytic.line": analytic_line,
    "account.move": move,
    "account.move.line": move_line,
    "hr.expense": expense,
    "hr.expense.sheet": expense_sheet,
    "purchase.order": purchase_order,
    "purchase.order.line": purchase_line,
    "stock.picking": picking,
    "stock.move": stock_move,
    "pikc.fund": fund,
    "pikc.cost.category": cost_category,
    "pikc.grant": grant,
    "pikc.grant.budget.line": budget_line,
    "pikc.grant.override": override,
    "pikc.procurement": procurement,
    "pikc.booking.refuse": refuse_wizard,
    "pikc.booking.slot.wizard": slot_wizard,
    "pikc.booking.slot.wizard.line": slot_wizard_line,
    "pikc.booking.recurrence.wizard": recurrence_wizard,
    "pikc.booking.recurrence.wizard.line": recurrence_wizard_line,
    "pikc.utilization.under.wizard": under_wizard,
    "pikc.utilization.under.line": under_line,
    "pikc.grant.override.wizard": override_wizard,
    # The files, followers and activities of workshops.
    **doors.MAKERS,
}

#: Models with a shared variant: maker of another institution's shared record.
SHARED_MAKERS = {
    # Another institution's grant account: no institution of its own (the
    # grant's partners charge it too), the grant's (test_access_matrix).
    "account.analytic.account": lambda cls, company: dict(
        analytic_account(cls, company), company_id=False
    ),
    "pikc.workshop": lambda cls, company: workshop(cls, company, shared=True),
    "maintenance.equipment": lambda cls, company: equipment(cls, company, True),
    "pikc.booking": lambda cls, company: booking(cls, company, shared=True),
    **doors.SHARED_MAKERS,
}


def find_company_record(model):
    def find(cls, company):
        return (
            cls.env[model]
            .with_context(active_test=False)
            .search([("company_id", "=", company.id)], limit=1)
        )

    return find


#: model -> finder of an existing record of an institution (not created
#: by the matrix: SQL reports, per-company records Odoo makes).
FINDERS = {
    "pikc.building.energy.report": find_company_record("pikc.building.energy.report"),
    "pikc.utilization.report": find_company_record("pikc.utilization.report"),
    "stock.warehouse": find_company_record("stock.warehouse"),
    # A new plan adds a column to analytic lines: the matrix reads one.
    "account.analytic.plan": lambda cls, company: cls.plan,
    "stock.picking.type": lambda cls, company: cls.picking_types[company.id],
    "res.company": lambda cls, company: company,
    "hr.employee.public": lambda cls, company: cls.env["hr.employee.public"].browse(
        cls.employees[company.id].id
    ),
    "mail.message": lambda cls, company: cls.records["pikc.building"][
        company.id
    ].message_ids[:1],
}

#: Finders of another institution's shared record, for models without a
#: shared maker.
SHARED_FINDERS = {
    "resource.resource": lambda cls, company: cls.shared_workshops[
        company.id
    ].resource_id,
    "mail.message": lambda cls, company: cls.shared_workshops[company.id].message_ids[
        :1
    ],
}

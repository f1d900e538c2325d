# ruff: noqa: E501 - the catalogue reads one row a line
"""The bad-input catalogue: invalid values a client may send to PIKC's public
models, each refused with a message naming the field and the limit in plain
words, and nothing written.

Each row of ``CATALOGUE`` is ``(case, model, target, user, values, message)``:
``target`` is ``None`` for a create, else the key of a record of
``setUpClass`` to write on; ``user`` the key of the role that would make the
change; ``message`` a pattern the refusal must match, where ``{label}``
stands for the label of the first field of ``values`` (as the user reads it
on the form). Each row runs in its own savepoint as that user, with cold
caches, as one subTest.
"""

import re

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.pikc_funding.tests.common import PikcFundingCommon

NUL = "a\x00b"
LONG = "X" * 10000
NAN = float("nan")
INF = float("inf")
#: The guard's messages, by kind of refusal ({label} is the field's label).
NUL_CHARACTER = r"“{label}” of the .+ contains a NUL character"
TOO_LONG = r"“{label}” of the .+ is 10000 characters long: at most \d+ characters"
OUT_OF_RANGE = r"“{label}” of the .+ must be at most [\d,. ]+; \S+ is too large"
NEGATIVE = r"“{label}” of the .+ cannot be negative \(-[\d.]+\): enter zero or more"
NOT_A_NUMBER = r"“{label}” of the .+ must be a number; “[^”]+” is not one"
NOT_WHOLE = r"“{label}” of the .+ must be a whole number; “[^”]+” is not one"
NO_SUCH_DATE = r"“{label}” of the .+ must be a date that exists"
YEAR_SPAN = r"“{label}” of the .+ must fall between the years 1900 and 2199"
NO_SUCH_RECORD = r"“{label}” of the .+ names a record that does not exist \(id 999999\)"
NOT_AN_ID = r"{label} of .+ must be one .+, given by its id \(a whole number\)"
NOT_AN_OPTION = r"“{label}” of the .+ must be one of “.+”; “bogus” is not one of them"
BLANK_CODE = r"“{label}” of the .+ cannot be blank: enter a code"
REQUIRED_CHOICE = r"“{label}” of the .+ is required: choose it"
REQUIRED_ENTRY = r"“{label}” of the .+ is required: enter it"
#: A value of a row left out of the create (not given at all).
LEFT_OUT = object()
SAME_CODE = r"“{label}” \S+ is already used by another .+ capitals or spaces"

CATALOGUE = [
    # --- Workshops (resource manager) --------------------------------------
    ("capacity 10¹²", "pikc.workshop", None, "manager", {"capacity": 10**12}, OUT_OF_RANGE),
    ("capacity 10¹² on write", "pikc.workshop", "workshop", "master", {"capacity": 10**12}, OUT_OF_RANGE),
    ("capacity as a word", "pikc.workshop", None, "manager", {"capacity": "many"}, NOT_WHOLE),
    ("capacity 2.5", "pikc.workshop", None, "manager", {"capacity": 2.5}, NOT_WHOLE),
    ("capacity negative", "pikc.workshop", "workshop", "master", {"capacity": -5}, r"capacity of at least one student place"),
    ("code of 10,000 characters", "pikc.workshop", None, "manager", {"code": LONG}, TOO_LONG),
    ("name of 10,000 characters", "pikc.workshop", None, "manager", {"name": LONG}, TOO_LONG),
    ("NUL in the code", "pikc.workshop", None, "manager", {"code": NUL}, NUL_CHARACTER),
    ("NUL in the description", "pikc.workshop", "workshop", "master", {"note": f"<p>{NUL}</p>"}, NUL_CHARACTER),
    ("code blank", "pikc.workshop", None, "manager", {"code": "   "}, BLANK_CODE),
    ("code up to case and spaces", "pikc.workshop", None, "manager", {"code": " bi-w1 "}, r"already used by the workshop “Bad input lab”"),
    ("code up to case on write", "pikc.workshop", "workshop2", "master", {"code": "Bi-W1"}, r"already used by the workshop “Bad input lab”"),
    ("code in full-width letters", "pikc.workshop", None, "manager", {"code": "ＢＩ-Ｗ１"}, r"already used by the workshop “Bad input lab”"),
    ("name blank", "pikc.workshop", None, "manager", {"name": "   "}, r"cannot be blank: enter it"),
    ("name emptied on write", "pikc.workshop", "workshop2", "master", {"name": ""}, r"cannot be blank: enter it"),
    ("stock location re-pointed", "pikc.workshop", "workshop2", "master", {"location_id": 1}, r"is set by the system"),
    ("analytic account re-pointed", "pikc.workshop", "workshop2", "master", {"analytic_account_id": 1}, r"is set by the system"),
    ("resource re-pointed", "pikc.workshop", "workshop2", "master", {"resource_id": 1}, r"is set by the system"),
    ("equipment resource re-pointed", "maintenance.equipment", "equipment", "master", {"resource_id": 1}, r"is set by the system"),
    ("unknown sector", "pikc.workshop", None, "manager", {"sector_id": 999999}, NO_SUCH_RECORD),
    ("sector as text", "pikc.workshop", None, "manager", {"sector_id": "abc"}, NOT_AN_ID),
    ("unknown building", "pikc.workshop", "workshop", "master", {"building_id": 999999}, NO_SUCH_RECORD),
    ("hourly rate NaN", "pikc.workshop", None, "manager", {"hourly_rate": NAN}, NOT_A_NUMBER),
    ("hourly rate infinite", "pikc.workshop", "workshop", "master", {"hourly_rate": INF}, NOT_A_NUMBER),
    ("hourly rate 1e300", "pikc.workshop", None, "manager", {"hourly_rate": 1e300}, OUT_OF_RANGE),
    ("hourly rate negative", "pikc.workshop", "workshop", "master", {"hourly_rate": -1}, r"hourly rate of the workshop .+ cannot be negative"),
    # --- Equipment (workshop master) ---------------------------------------
    ("cost 1e300", "maintenance.equipment", None, "master", {"cost": 1e300}, OUT_OF_RANGE),
    ("cost NaN", "maintenance.equipment", "equipment", "master", {"cost": NAN}, NOT_A_NUMBER),
    ("cost negative", "maintenance.equipment", "equipment", "master", {"cost": -3}, r"cannot be negative: enter 0 where there is none"),
    ("inventory code up to case and spaces", "maintenance.equipment", "equipment2", "master", {"inventory_code": " inv-1 "}, r"already given to “Bad input drill”"),
    ("inventory code of 10,000 characters", "maintenance.equipment", None, "master", {"inventory_code": LONG}, TOO_LONG),
    ("NUL in the serial number", "maintenance.equipment", None, "master", {"serial_no": NUL}, NUL_CHARACTER),
    ("serial number up to spaces", "maintenance.equipment", None, "master", {"serial_no": " bi-sn-1\t"}, SAME_CODE),
    ("unknown workshop", "maintenance.equipment", "equipment", "master", {"workshop_id": 999999}, NO_SUCH_RECORD),
    ("effective date 30 February", "maintenance.equipment", None, "master", {"effective_date": "2026-02-30"}, NO_SUCH_DATE),
    # --- Bookings (teacher) ------------------------------------------------
    ("ends before it starts", "pikc.booking", None, "teacher", {"stop": "2030-09-03 06:00:00"}, r"ends \(.+\) before it starts"),
    ("participants 10¹²", "pikc.booking", None, "teacher", {"participants": 10**12}, OUT_OF_RANGE),
    ("start 30 February", "pikc.booking", None, "teacher", {"start": "2026-02-30 10:00:00"}, NO_SUCH_DATE),
    ("start in year 9999", "pikc.booking", None, "teacher", {"start": "9999-12-31 10:00:00"}, YEAR_SPAN),
    ("start in year 0001", "pikc.booking", None, "teacher", {"start": "0001-01-01 10:00:00"}, YEAR_SPAN),
    ("NUL in the purpose", "pikc.booking", None, "teacher", {"purpose": NUL}, NUL_CHARACTER),
    ("purpose of 10,000 characters", "pikc.booking", None, "teacher", {"purpose": LONG}, TOO_LONG),
    ("unknown resource", "pikc.booking", None, "teacher", {"resource_id": 999999}, NO_SUCH_RECORD),
    ("unknown sector", "pikc.booking", None, "teacher", {"sector_id": 999999}, NO_SUCH_RECORD),
    ("NUL in the note", "pikc.booking", "booking", "teacher", {"note": NUL}, NUL_CHARACTER),
    ("state not an option", "pikc.booking", "booking", "teacher", {"state": "bogus"}, NOT_AN_OPTION),
    # --- Buildings (resource manager) --------------------------------------
    ("heated area 1e300", "pikc.building", None, "manager", {"heated_area": 1e300}, OUT_OF_RANGE),
    ("heated area NaN", "pikc.building", None, "manager", {"heated_area": NAN}, NOT_A_NUMBER),
    ("heated area -inf", "pikc.building", "building", "manager", {"heated_area": -INF}, NOT_A_NUMBER),
    ("code up to case and spaces", "pikc.building", None, "manager", {"code": " bi-b1 "}, SAME_CODE),
    ("year built 10¹²", "pikc.building", "building", "manager", {"year_built": 10**12}, OUT_OF_RANGE),
    ("NUL in the street", "pikc.building", None, "manager", {"street": NUL}, NUL_CHARACTER),
    ("unknown institution", "pikc.building", None, "manager", {"company_id": 999999}, NO_SUCH_RECORD),
    # --- Energy readings (resource manager) --------------------------------
    ("quantity 1e300", "pikc.energy.reading", None, "manager", {"quantity": 1e300}, OUT_OF_RANGE),
    ("cost NaN", "pikc.energy.reading", None, "manager", {"cost": NAN}, NOT_A_NUMBER),
    ("month 30 February", "pikc.energy.reading", None, "manager", {"date": "2024-02-30"}, NO_SUCH_DATE),
    ("month in year 9999", "pikc.energy.reading", None, "manager", {"date": "9999-01-01"}, YEAR_SPAN),
    ("unknown energy type", "pikc.energy.reading", None, "manager", {"energy_type_id": 999999}, NO_SUCH_RECORD),
    ("quantity negative", "pikc.energy.reading", "reading", "manager", {"quantity": -1}, r"has a negative quantity"),
    ("NUL in the note", "pikc.energy.reading", None, "manager", {"note": NUL}, NUL_CHARACTER),
    # --- Energy types (resource manager) -----------------------------------
    ("code up to case and spaces", "pikc.energy.type", None, "manager", {"code": " heat "}, SAME_CODE),
    ("kWh factor 1e300", "pikc.energy.type", None, "manager", {"kwh_factor": 1e300}, OUT_OF_RANGE),
    ("unit of 10,000 characters", "pikc.energy.type", None, "manager", {"unit": LONG}, TOO_LONG),
    ("CO₂ factor NaN", "pikc.energy.type", "energy_type", "manager", {"co2_factor": NAN}, NOT_A_NUMBER),
    # --- Sectors (resource manager) ----------------------------------------
    ("code up to case and spaces", "pikc.sector", None, "manager", {"code": " mech "}, SAME_CODE),
    ("code up to case on write", "pikc.sector", "sector", "manager", {"code": "Mech"}, SAME_CODE),
    ("NUL in the name", "pikc.sector", None, "manager", {"name": NUL}, NUL_CHARACTER),
    ("code of 10,000 characters", "pikc.sector", None, "manager", {"code": LONG}, TOO_LONG),
    ("NUL in the description", "pikc.sector", "sector", "manager", {"description": NUL}, NUL_CHARACTER),
    # --- Professional development (resource manager) -----------------------
    ("hours negative", "pikc.staff.development", None, "manager", {"hours": -5}, r"hours cannot be negative"),
    ("hours 10²⁰", "pikc.staff.development", None, "manager", {"hours": 1e20}, OUT_OF_RANGE),
    ("ends before it starts", "pikc.staff.development", None, "manager", {"date_end": "2025-01-01"}, r"ends on .+, before it starts"),
    ("start 30 February", "pikc.staff.development", None, "manager", {"date_start": "2026-02-30"}, NO_SUCH_DATE),
    ("start in year 0001", "pikc.staff.development", None, "manager", {"date_start": "0001-01-01"}, YEAR_SPAN),
    ("unknown employee", "pikc.staff.development", None, "manager", {"employee_id": 999999}, NO_SUCH_RECORD),
    ("kind not an option", "pikc.staff.development", "development", "manager", {"kind": "bogus"}, NOT_AN_OPTION),
    # --- Staff (HR officer) ------------------------------------------------
    ("load norm 10¹²", "hr.employee", "employee", "hr_officer", {"load_norm_hours": 10**12}, OUT_OF_RANGE),
    ("load norm NaN", "hr.employee", "employee", "hr_officer", {"load_norm_hours": NAN}, NOT_A_NUMBER),
    ("load norm negative", "hr.employee", "employee", "hr_officer", {"load_norm_hours": -10}, r"“Yearly Load Norm \(h\)” of the Employee “Bad Input Teacher” cannot be negative"),
    ("unknown sector", "hr.employee", "employee", "hr_officer", {"sector_ids": [Command.set([999999])]}, NO_SUCH_RECORD),
    # --- Funds and cost categories (funding manager) -----------------------
    ("fund code up to case and spaces", "pikc.fund", None, "funding_manager", {"code": " erdf "}, SAME_CODE),
    ("EU share 10⁵ %", "pikc.fund", None, "funding_manager", {"share_eu": 1e5}, OUT_OF_RANGE),
    ("indirect rate 10⁵ %", "pikc.fund", None, "funding_manager", {"indirect_rate": 1e5}, OUT_OF_RANGE),
    ("durability 10¹² years", "pikc.fund", "fund", "funding_manager", {"durability_years": 10**12}, OUT_OF_RANGE),
    ("NUL in the fund name", "pikc.fund", None, "funding_manager", {"name": NUL}, NUL_CHARACTER),
    ("threshold 1e300", "pikc.fund", "fund", "funding_manager", {"threshold_goods": 1e300}, OUT_OF_RANGE),
    ("category code up to case", "pikc.cost.category", None, "funding_manager", {"code": "equip"}, SAME_CODE),
    ("category code of 10,000 characters", "pikc.cost.category", None, "funding_manager", {"code": LONG}, TOO_LONG),
    # --- Grants and budget lines (project manager) -------------------------
    ("agreement number up to case and spaces", "pikc.grant", None, "project_manager", {"code": " test-erdf-1 "}, SAME_CODE),
    ("ends before it starts", "pikc.grant", None, "project_manager", {"date_end": "2019-12-31"}, r"ends \(.+\) before it starts"),
    ("start 30 February", "pikc.grant", None, "project_manager", {"date_start": "2026-02-30"}, NO_SUCH_DATE),
    ("end in year 9999", "pikc.grant", None, "project_manager", {"date_end": "9999-12-31"}, YEAR_SPAN),
    ("unknown fund", "pikc.grant", None, "project_manager", {"fund_id": 999999}, NO_SUCH_RECORD),
    ("NUL in the name", "pikc.grant", "grant", "project_manager", {"name": NUL}, NUL_CHARACTER),
    ("budget policy not an option", "pikc.grant", None, "project_manager", {"budget_policy": "bogus"}, NOT_AN_OPTION),
    ("planned 10²⁰", "pikc.grant.budget.line", None, "project_manager", {"amount_planned": 1e20}, OUT_OF_RANGE),
    ("planned NaN", "pikc.grant.budget.line", None, "project_manager", {"amount_planned": NAN}, NOT_A_NUMBER),
    ("planned negative", "pikc.grant.budget.line", None, "project_manager", {"amount_planned": -5}, NEGATIVE),
    ("estimated value negative", "pikc.procurement", None, "project_manager", {"amount_estimated": -1}, NEGATIVE),
    ("load norm negative on a new employee", "hr.employee", None, "hr_officer", {"load_norm_hours": -1}, NEGATIVE),
    ("unknown cost category", "pikc.grant.budget.line", None, "project_manager", {"category_id": 999999}, NO_SUCH_RECORD),
    ("NUL in the activity", "pikc.grant.budget.line", "budget_line", "project_manager", {"activity": NUL}, NUL_CHARACTER),
    # --- Procurements (project manager) ------------------------------------
    ("estimated value 1e300", "pikc.procurement", None, "project_manager", {"amount_estimated": 1e300}, OUT_OF_RANGE),
    ("announced 30 February", "pikc.procurement", None, "project_manager", {"date_announced": "2026-02-30"}, NO_SUCH_DATE),
    ("unknown vendor", "pikc.procurement", None, "project_manager", {"vendor_id": 999999}, NO_SUCH_RECORD),
    ("NUL in the subject", "pikc.procurement", "procurement", "project_manager", {"description": NUL}, NUL_CHARACTER),
    ("type not an option", "pikc.procurement", None, "project_manager", {"procurement_type": "bogus"}, NOT_AN_OPTION),
    # --- Required values left out or emptied --------------------------------
    ("workshop without a sector", "pikc.workshop", None, "manager", {"sector_id": LEFT_OUT}, REQUIRED_CHOICE),
    ("workshop's sector emptied", "pikc.workshop", "workshop2", "master", {"sector_id": False}, REQUIRED_CHOICE),
    ("workshop without a name", "pikc.workshop", None, "manager", {"name": LEFT_OUT}, REQUIRED_ENTRY),
    ("booking without a purpose", "pikc.booking", None, "teacher", {"purpose": LEFT_OUT}, REQUIRED_ENTRY),
    ("booking without a resource", "pikc.booking", None, "teacher", {"resource_id": False}, REQUIRED_CHOICE),
    ("building without a name", "pikc.building", None, "manager", {"name": LEFT_OUT}, REQUIRED_ENTRY),
    ("reading without a building", "pikc.energy.reading", None, "manager", {"building_id": LEFT_OUT}, REQUIRED_CHOICE),
    ("training without a person", "pikc.staff.development", None, "hr_officer", {"employee_id": LEFT_OUT}, REQUIRED_CHOICE),
    ("fund without a code", "pikc.fund", None, "funding_manager", {"code": LEFT_OUT}, REQUIRED_ENTRY),
    ("grant without a fund", "pikc.grant", None, "project_manager", {"fund_id": LEFT_OUT}, REQUIRED_CHOICE),
    ("grant without an end date", "pikc.grant", None, "project_manager", {"date_end": LEFT_OUT}, REQUIRED_ENTRY),
    ("procurement without a grant", "pikc.procurement", None, "project_manager", {"grant_id": LEFT_OUT}, REQUIRED_CHOICE),
    # --- Wizards -----------------------------------------------------------
    ("weekly booking from 25 o'clock", "pikc.booking.recurrence.wizard", None, "teacher", {"hour_from": 25}, OUT_OF_RANGE),
    ("weekly booking for 10¹² people", "pikc.booking.recurrence.wizard", None, "teacher", {"participants": 10**12}, OUT_OF_RANGE),
    ("free slots of NaN hours", "pikc.booking.slot.wizard", None, "teacher", {"duration": NAN}, NOT_A_NUMBER),
    ("NUL in a refusal reason", "pikc.booking.refuse", None, "master", {"reason": NUL}, NUL_CHARACTER),
]  # fmt: skip

#: What a technical refusal looks like: it must never reach the user.
TECHNICAL = re.compile(
    r"psycopg2|violates|IntegrityError|ValueError|TypeError|Traceback"
    r"|out of range for type|NUL \(0x00\)|Wrong value for",
)


@tagged("post_install", "-at_install")
class TestBadInput(PikcFundingCommon):
    """Every row of the catalogue is refused in plain words, nothing written."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_hr_officer = cls.create_pikc_user(
            "bad_input_hr",
            "hr.group_hr_user,pikc_resources.group_resource_manager",
            cls.company_pikc,
        )
        cls.workshop = cls.create_workshop("BI-W1", name="Bad input lab")
        cls.workshop2 = cls.create_workshop("BI-W2")
        cls.building = cls.env["pikc.building"].create(
            {"name": "Bad input hall", "code": "BI-B1"}
        )
        cls.energy_type = cls.env.ref("pikc_resources.energy_type_heat")
        cls.reading = cls.env["pikc.energy.reading"].create(
            {
                "building_id": cls.building.id,
                "energy_type_id": cls.energy_type.id,
                "date": "2024-01-01",
                "quantity": 10,
                "cost": 5,
            }
        )
        cls.equipment = cls.env["maintenance.equipment"].create(
            {
                "name": "Bad input drill",
                "workshop_id": cls.workshop.id,
                "company_id": cls.company_pikc.id,
                "inventory_code": "INV-1",
                "serial_no": "BI-SN-1",
            }
        )
        cls.equipment2 = cls.equipment.copy({"inventory_code": "INV-2"})
        cls.employee = cls.env["hr.employee"].create(
            {"name": "Bad Input Teacher", "company_id": cls.company_pikc.id}
        )
        cls.development = cls.env["pikc.staff.development"].create(
            {
                "name": "Welding seminar",
                "employee_id": cls.employee.id,
                "date_start": "2025-03-01",
                "hours": 8,
            }
        )
        cls.booking = cls.env["pikc.booking"].create(
            {
                "resource_id": cls.workshop.resource_id.id,
                "start": "2030-09-03 07:00:00",
                "stop": "2030-09-03 09:00:00",
                "purpose": "Welding practice",
                "user_id": cls.user_teacher.id,
            }
        )
        cls.budget_line = cls.grant.budget_line_ids[:1]
        cls.procurement = cls.env["pikc.procurement"].create(
            {"name": "BI-PROC-1", "grant_id": cls.grant.id}
        )
        cls.sector = cls.env.ref("pikc_resources.sector_energy_electronics_automation")
        cls.fund = cls.fund_erdf
        cls.users = {
            "manager": cls.user_manager,
            "master": cls.user_master,
            "teacher": cls.user_teacher,
            "hr_officer": cls.user_hr_officer,
            "funding_manager": cls.user_funding_manager,
            "project_manager": cls.user_project_manager,
        }

    def valid_values(self, model):
        """Values that a create of ``model`` accepts, but for the row's."""
        resource = self.workshop.resource_id.id
        return {
            "pikc.workshop": {
                "name": "Bad input lab 2",
                "code": "BI-NEW",
                "company_id": self.company_pikc.id,
                "sector_id": self.sector_mech.id,
                "capacity": 10,
            },
            "maintenance.equipment": {
                "name": "Bad input saw",
                "workshop_id": self.workshop.id,
                "company_id": self.company_pikc.id,
                "inventory_code": "INV-NEW",
            },
            "pikc.booking": {
                "resource_id": resource,
                "start": "2030-09-03 07:00:00",
                "stop": "2030-09-03 09:00:00",
                "purpose": "Milling practice",
            },
            "pikc.building": {"name": "Bad input annex", "code": "BI-NEWB"},
            "pikc.energy.reading": {
                "building_id": self.building.id,
                "energy_type_id": self.env.ref(
                    "pikc_resources.energy_type_electricity"
                ).id,
                "date": "2024-02-01",
                "quantity": 10,
                "cost": 5,
            },
            "pikc.energy.type": {"name": "Steam", "code": "STEAM", "unit": "t"},
            "pikc.sector": {"name": "Robotics", "code": "ROBO"},
            "pikc.staff.development": {
                "name": "Course",
                "employee_id": self.employee.id,
                "date_start": "2025-03-01",
                "hours": 4,
            },
            "pikc.fund": {
                "name": "Bad input fund",
                "code": "BIF",
                "fund_type": "own",
            },
            "pikc.cost.category": {"name": "Bad input costs", "code": "BIC"},
            "pikc.grant": {
                "name": "Bad input grant",
                "code": "BI-G-1",
                "fund_id": self.fund_erdf.id,
                "company_id": self.company_pikc.id,
                "date_start": "2020-01-01",
                "date_end": "2022-12-31",
            },
            "pikc.grant.budget.line": {
                "grant_id": self.grant.id,
                "category_id": self.category_services.id,
                "amount_planned": 100,
            },
            "pikc.procurement": {"name": "BI-PROC-2", "grant_id": self.grant.id},
            "hr.employee": {"name": "New Teacher", "company_id": self.company_pikc.id},
            "pikc.booking.recurrence.wizard": {
                "resource_id": resource,
                "monday": True,
                "date_from": "2030-09-02",
                "date_to": "2030-09-30",
                "purpose": "Weekly practice",
            },
            "pikc.booking.slot.wizard": {"resource_id": resource},
            "pikc.booking.refuse": {
                "booking_ids": [Command.set(self.booking.ids)],
                "reason": "No master that day",
            },
        }[model]

    def test_bad_input_catalogue(self):
        """At least 60 invalid inputs over the public models, each refused
        with a message naming the field, and nothing written."""
        self.assertGreaterEqual(len(CATALOGUE), 60)
        for case, model, target, user, values, message in CATALOGUE:
            with self.subTest(model=model, case=case, write=bool(target)):
                self.check_refused(model, target, self.users[user], values, message)

    def check_refused(self, model, target, user, values, message):
        Model = self.env[model].sudo().with_context(active_test=False)
        label = Model._fields[next(iter(values))]._description_string(self.env)
        pattern = message.replace("{label}", re.escape(label))
        record = getattr(self, target) if target else Model.browse()
        before = self.stored(record, values) if target else Model.search_count([])
        self.env.invalidate_all()
        with self.assertRefused(UserError, pattern) as caught:
            if target:
                record.with_user(user).write(dict(values))
            else:
                vals = dict(self.valid_values(model), **values)
                Model.with_user(user).create(
                    {
                        name: value
                        for name, value in vals.items()
                        if value is not LEFT_OUT
                    }
                )
            self.env.flush_all()
        self.assertNotRegex(str(caught.exception), TECHNICAL)
        if target:
            self.assertEqual(self.stored(record, values), before)
        else:
            self.assertEqual(Model.search_count([]), before)

    def stored(self, record, values):
        """What the database holds of ``record``'s fields in ``values``."""
        self.env.invalidate_all()
        return record.sudo().read(list(values))[0]

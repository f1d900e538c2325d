"""The access matrix: who may read, create, change and delete what, in
their own institution and in another, checked through every door a client
uses.

``access_matrix.csv`` (next to this file) is the reviewed, expected answer:
one row per model PIKC defines or extends × PIKC role (and the employee
without a PIKC role) × operation, with the answer on a record of the
user's own institution (``own``), of another institution (``other``) and,
for what can be shared, of another institution's shared record
(``shared``), and the reason. An empty cell means the case does not exist
(a model without institution has no ``other``). The files, followers and
activities PIKC extends are those of a workshop, whose institution and
sharing are theirs (``access_matrix_doors.py``).

The tests derive the models and roles from the installed security (PIKC's
access rows and record rules, and the models PIKC's modules define or
extend) and fail when the table misses one or names one that no longer
exists; then they ask each cell through the doors of a client, as a user of
that one role working for one institution, with cold caches: the access
check, read, search (with a domain on the id), search_count, read_group,
name_search, and for records with a chatter their messages, attachments
and message_post; create, write and unlink each in a savepoint, checking
that a refusal wrote nothing. Every record rule of the PIKC modules must
refuse at least one cell.

Record-level access only: which fields of a shared record another
institution reads is tested with the restricted fields.
"""

import csv
from contextlib import closing
from pathlib import Path

from odoo.exceptions import AccessError
from odoo.osv import expression
from odoo.tests import tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from odoo.addons.pikc_resources.tests.common import PikcResourcesCommon

from . import access_matrix_doors as doors
from . import access_matrix_records as records

MATRIX = Path(__file__).with_name("access_matrix.csv")
PIKC_MODULES = ("pikc_resources", "pikc_funding")
OPERATIONS = ("read", "create", "write", "unlink")
COLUMNS = ("own", "other", "shared")
#: The role of an employee without any PIKC role.
EMPLOYEE = "base.group_user"

#: Cells whose real answer differs from the expected one and is not fixed
#: yet: (model, group, operation, column) -> the finding. Each entry makes
#: ``test_no_cell_is_a_known_failure`` fail: it is a bug, listed, not
#: an expectation.
KNOWN_FAILURES = {}
# Empty: the attachments of another institution's shared records, the
# last finding of issue 10 here, are the owner's (models/ir_attachment.py).

#: Operations where Odoo refuses in code what the access rights and
#: record rules allow: (model, operation) -> (the cases where the access
#: check says yes and the real call no, why).
CODE_REFUSALS = {
    ("account.analytic.line", "write"): (
        ("own",),
        "hr_timesheet lets only timesheet approvers change the analytic lines "
        "of other users (_check_can_write)",
    ),
    **{
        ("ir.attachment", operation): (
            COLUMNS,
            "Odoo asks the write access to a file's record in ir.attachment.check, "
            "not in the file's access check (any employee's rights on files)",
        )
        for operation in ("write", "unlink")
    },
}

#: The doors through which Odoo reads hr.employee.public for a user
#: who may not read hr.employee.
PUBLIC_DOORS = ("read", "search", "search_count", "name_search")

#: Operations not called for real, only checked (``check_access``): the
#: call changes the registry, which a rolled back savepoint does not undo.
CHECK_ONLY = {
    ("account.analytic.plan", "unlink"): "deleting a plan drops its column "
    "from the analytic lines and reloads the registry",
}

#: Models PIKC extends with behaviour only, no field, access row or rule:
#: the matrix has nothing of PIKC's to check there (a test below checks
#: they stay so).
BEHAVIOUR_ONLY = {
    "ir.module.module": "loads PIKC's i18n_extra translations over Odoo's, and "
    "names grants' analytic accounts in the loaded languages",
}

#: Fields written by the write door, where the model has no plain ``name``.
WRITE_FIELDS = {
    "pikc.booking": "purpose",
    "pikc.energy.reading": "note",
    "pikc.grant.budget.line": "amount_planned",
    "pikc.grant.override": "summary",
    "pikc.booking.refuse": "reason",
    "pikc.booking.slot.wizard": "purpose",
    "pikc.booking.recurrence.wizard": "purpose",
    "pikc.grant.override.wizard": "reason",
    "pikc.utilization.under.wizard": "threshold",
    "hr.expense": "name",
    "mail.message": "body",
    "mail.activity": "summary",
    # Nobody but the administrator changes followers: any field will do.
    "mail.followers": "res_id",
    "stock.move": "name",
    "account.move": "ref",
}
for _model in (
    "pikc.sector pikc.energy.type pikc.workshop maintenance.equipment "
    "resource.resource pikc.building hr.employee pikc.staff.development "
    "maintenance.request account.analytic.plan account.analytic.account "
    "account.analytic.line account.move.line hr.expense.sheet purchase.order.line "
    "stock.picking.type stock.warehouse res.company pikc.fund pikc.cost.category "
    "pikc.grant pikc.procurement hr.employee.public purchase.order stock.picking "
    "ir.attachment"
).split():
    WRITE_FIELDS.setdefault(_model, "name")


def read_matrix():
    """The expected table: {(model, group, operation): {column: answer}}
    and the reasons."""
    expected, reasons = {}, {}
    with MATRIX.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            key = (row["model"], row["group"], row["operation"])
            expected[key] = {
                column: row[column] == "allow" for column in COLUMNS if row[column]
            }
            reasons[key] = row["reason"]
    return expected, reasons


@tagged("post_install", "-at_install")
class TestAccessMatrix(PikcResourcesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own = cls.env.ref("base.main_company")
        cls.other = cls.env.ref("pikc_resources.company_school2")
        cls.expected, cls.reasons = read_matrix()
        cls.groups = cls._pikc_groups()
        cls.users = {
            group: cls.create_pikc_user(f"matrix_{group}", group, cls.own)
            for group in cls.groups
        }
        cls.colleagues = {
            cls.own.id: cls.create_pikc_user(
                "matrix_colleague", "pikc_resources.group_resource_user", cls.own
            ),
            cls.other.id: cls.create_pikc_user(
                "matrix_other", "pikc_resources.group_resource_user", cls.other
            ),
        }
        for user in list(cls.users.values()) + list(cls.colleagues.values()):
            cls.env["hr.employee"].create(
                {
                    "name": user.name,
                    "user_id": user.id,
                    "company_id": user.company_id.id,
                }
            )
        cls._make_records()

    @classmethod
    def _pikc_groups(cls):
        """The PIKC roles (groups with an XML id of the PIKC modules) and
        the employee without one."""
        data = cls.env["ir.model.data"].search(
            [("model", "=", "res.groups"), ("module", "in", PIKC_MODULES)]
        )
        return sorted(f"{d.module}.{d.name}" for d in data) + [EMPLOYEE]

    @classmethod
    def _make_records(cls):
        """One record per model and institution (and shared variant), made
        as superuser, each with a message and an attachment where it has a
        chatter; wizards are made by each user in their own institution."""
        env = cls.env
        cls.vendor = env["res.partner"].create({"name": "Matrix Vendor"})
        cls.product = env["product.product"].create(
            {"name": "Matrix Material", "type": "consu"}
        )
        cls.plan = env.ref("pikc_funding.analytic_plan_funded_projects")
        cls.picking_types = {
            company.id: env["stock.picking.type"].search(
                [("company_id", "=", company.id), ("code", "=", "internal")], limit=1
            )
            for company in (cls.own, cls.other)
        }
        cls.records = {}
        cls.shared = {}
        # Records deleted by the unlink door (nothing refers to them).
        cls.victims = {}
        cls.shared_victims = {}
        cls.wizards = {}
        for model, maker in records.MAKERS.items():
            if env[model]._transient:
                cls._make_wizards(model, maker)
            else:
                cls._make_institution_records(model, maker)
        for model, finder in records.FINDERS.items():
            companies = (cls.own, cls.other)
            if "company_id" not in env[model]._fields and model != "res.company":
                companies = (cls.own,)
            cls.records[model] = {
                company.id: finder(cls, company) for company in companies
            }
        for model, finder in records.SHARED_FINDERS.items():
            cls.shared[model] = finder(cls, cls.other)
        for record in (cls.own, cls.other):
            record.message_post(
                body="Matrix note", attachments=[("matrix.txt", b"matrix")]
            )
        env.invalidate_all()

    @classmethod
    def _make_institution_records(cls, model, maker):
        """A record of ``model`` per institution (one when the model has no
        institution), another to delete, and the shared variants."""
        companies = (cls.own, cls.other)
        if "company_id" not in cls.env[model]._fields and model not in doors.HOSTED:
            companies = (cls.own,)
        cls.records[model] = {
            company.id: cls._make(model, maker, company) for company in companies
        }
        cls.victims[model] = {
            company.id: cls._make(model, maker, company) for company in companies
        }
        if model in records.SHARED_MAKERS:
            maker = records.SHARED_MAKERS[model]
            cls.shared[model] = cls._make(model, maker, cls.other)
            cls.shared_victims[model] = cls._make(model, maker, cls.other)
        if model == "account.analytic.account":
            for account in (cls.shared[model], cls.shared_victims[model]):
                cls.env["pikc.grant"].with_company(cls.other).create(
                    dict(records.grant(cls, cls.other), analytic_account_id=account.id)
                )
        if model == "pikc.workshop":
            cls.workshops = cls.records[model]
            cls.shared_workshops = {cls.other.id: cls.shared[model]}
        elif model == "hr.employee":
            cls.employees = cls.records[model]

    @classmethod
    def _make_wizards(cls, model, maker):
        """A wizard of ``model`` opened by each user, in their institution."""
        cls.wizards[model] = {
            group: cls.env[model]
            .with_user(user)
            .sudo()
            .create(maker(cls, cls.own))
            .with_env(cls.env)
            for group, user in cls.users.items()
        }
        cls.records[model] = {cls.own.id: next(iter(cls.wizards[model].values()))}

    @classmethod
    def _make(cls, model, maker, company):
        """A record of ``company`` made as superuser, with a message and
        an attachment where it has a chatter."""
        record = cls.env[model].with_company(company).create(maker(cls, company))
        record = record.with_env(cls.env)
        if "message_ids" in record._fields:
            record.message_post(
                body="Matrix note", attachments=[("matrix.txt", b"matrix")]
            )
        return record

    # ------------------------------------------------------------------
    # What the security defines
    # ------------------------------------------------------------------

    def _pikc_models(self):
        """Every model the PIKC modules define or extend (but abstract
        ones), and every model they give access rows or record rules on."""
        names = set()
        # What PIKC adds to every model (models/base.py: the guard of
        # computed values and ids) extends no model in particular.
        everywhere = set(type(self.env["base"]).__mro__)
        for name in self.registry:
            model = self.env[name]
            if model._abstract:
                continue
            if name in BEHAVIOUR_ONLY:
                continue
            if any(
                getattr(cls, "_module", None) in PIKC_MODULES
                for cls in type(model).__mro__
                if cls not in everywhere
            ):
                names.add(name)
        for xmlid_model in ("ir.model.access", "ir.rule"):
            data = self.env["ir.model.data"].search(
                [("model", "=", xmlid_model), ("module", "in", PIKC_MODULES)]
            )
            rows = self.env[xmlid_model].browse(data.mapped("res_id")).exists()
            names |= set(rows.mapped("model_id.model"))
        return names

    def _pikc_rules(self):
        data = self.env["ir.model.data"].search(
            [("model", "=", "ir.rule"), ("module", "in", PIKC_MODULES)]
        )
        return self.env["ir.rule"].browse(data.mapped("res_id")).exists()

    def _columns(self, model):
        """The cases of ``model``: own, other (when it has institutions),
        shared (when another institution's record can be shared)."""
        columns = ["own"]
        if self.other.id in self.records[model]:
            columns.append("other")
        if model in self.shared:
            columns.append("shared")
        return columns

    def test_matrix_covers_every_model_role_and_operation(self):
        """The table has a row per model PIKC defines or extends, per PIKC
        role and the employee, per operation, with an answer for each case
        of the model, and none for models or roles that do not exist."""
        models = self._pikc_models()
        wanted = {
            (model, group, operation)
            for model in models
            for group in self.groups
            for operation in OPERATIONS
        }
        have = set(self.expected)
        self.assertFalse(
            sorted(wanted - have), "models/roles without rows in access_matrix.csv"
        )
        self.assertFalse(
            sorted(have - wanted),
            "rows of access_matrix.csv for models or roles that do not exist",
        )
        self.assertEqual(set(self.records), models, "records to check each model on")
        for key, answers in self.expected.items():
            self.assertEqual(
                sorted(answers), sorted(self._columns(key[0])), f"cases of {key}"
            )
            self.assertTrue(self.reasons[key], f"a reason for {key}")

    # ------------------------------------------------------------------
    # The doors
    # ------------------------------------------------------------------

    def _record(self, model, group, column, victim=False):
        """The record of a cell; ``victim``: the one to delete."""
        if model in self.wizards:
            return self.wizards[model][group]
        if column == "shared":
            shared = self.shared_victims if victim else self.shared
            return shared.get(model) or self.shared[model]
        company = (self.own if column == "own" else self.other).id
        if victim and model in self.victims:
            return self.victims[model][company]
        return self.records[model][company]

    def _as(self, user, record):
        self.env.invalidate_all()
        return record.with_user(user).with_company(self.own)

    def _allowed(self, call):
        """Whether ``call`` passes (and returns something true); an access
        refusal is a no, any other error is the fixture's fault and raised.
        Whatever the call wrote is rolled back."""
        try:
            with closing(self.env.cr.savepoint()):
                result = call()
                self.env.flush_all()
        except AccessError:
            return False
        finally:
            self.env.invalidate_all()
        return result is not False

    def _read_doors(self, user, record):
        """What each reading door answers: is the record there?"""
        model, rid = record._name, record.id
        domain = [("id", "=", rid)]
        answers = {
            "check_access": self._allowed(
                lambda: self._as(user, record).check_access("read")
            ),
            "read": self._allowed(
                lambda: self._as(user, record).read(["display_name"])
            ),
        }
        answers["search"] = self._allowed(
            lambda: rid in self._as(user, record).search(domain).ids
        )
        answers["search_count"] = self._allowed(
            lambda: bool(self._as(user, record).search_count(domain))
        )
        answers["read_group"] = self._allowed(
            lambda: bool(
                self._as(user, record).read_group(domain, ["__count"], [])[0]["__count"]
            )
        )
        if model != "mail.message":
            answers["name_search"] = self._allowed(
                lambda: rid
                in [pair[0] for pair in self._as(user, record).name_search("", domain)]
            )
        return answers

    def _chatter_doors(self, user, record):
        model, rid = record._name, record.id
        domain = [("model", "=", model), ("res_id", "=", rid)]
        return {
            "messages": self._allowed(
                lambda: bool(self._as(user, self.env["mail.message"]).search(domain))
            ),
            "attachments": self._allowed(
                lambda: bool(
                    self._as(user, self.env["ir.attachment"]).search(
                        [("res_model", "=", model), ("res_id", "=", rid)]
                    )
                )
            ),
        }

    def _post_door(self, user, record):
        return self._allowed(
            lambda: self._as(user, record).message_post(body="Matrix reply")
        )

    def _write_door(self, user, record):
        model = record._name
        fname = WRITE_FIELDS.get(model) or next(
            name
            for name, field in record._fields.items()
            if field.store and field.type in ("float", "integer", "boolean")
        )
        field = record._fields[fname]
        before = record.sudo()[fname]
        if field.type in ("float", "monetary", "integer", "many2one_reference"):
            value = (before or 0) + 1
        elif field.type == "html":
            value = "<p>Matrix</p>"
        elif field.type == "boolean":
            value = not before
        else:
            value = f"{before or ''} (matrix)"
        answers = {
            "check_access": self._allowed(
                lambda: self._as(user, record).check_access("write")
            ),
            "write": self._allowed(
                lambda: self._as(user, record).write({fname: value})
            ),
        }
        self.assertEqual(record.sudo()[fname], before, f"{record} was not written")
        return answers

    def _unlink_door(self, user, record):
        answers = {
            "check_access": self._allowed(
                lambda: self._as(user, record).check_access("unlink")
            ),
        }
        if (record._name, "unlink") not in CHECK_ONLY:
            answers["unlink"] = self._allowed(lambda: self._as(user, record).unlink())
        self.assertTrue(record.sudo().exists(), f"{record} was not deleted")
        return answers

    def _create_door(self, user, model, column):
        maker = records.MAKERS.get(model)
        if maker is None:
            # Found, never made (reports, per-company records): the model's
            # access check is the door.
            return self._allowed(
                lambda: self.env[model]
                .with_user(user)
                .with_company(self.own)
                .check_access("create")
            )
        company = self.own if column == "own" else self.other
        if column == "shared":
            maker = records.SHARED_MAKERS.get(model, maker)
        before = self.env[model].sudo().search_count([])
        self.acting_user = user
        try:
            values = maker(self, company)
        finally:
            self.acting_user = None
        # What PIKC computes (an institution following a building) is the
        # system's to set, not the user's (models/base.py).
        computed = self.env[model]._pikc_computed_fields()
        values = {name: value for name, value in values.items() if name not in computed}
        allowed = self._allowed(
            lambda: self.env[model]
            .with_user(user)
            .with_company(self.own)
            .create(values)
        )
        self.assertEqual(self.env[model].sudo().search_count([]), before)
        return allowed

    def _answers(self, model, group, operation, column):
        """{door: allowed} of one cell."""
        user = self.users[group]
        if operation == "create":
            return {"create": self._create_door(user, model, column)}
        record = self._record(model, group, column)
        if operation == "read":
            answers = self._read_doors(user, record)
            if "message_ids" in record._fields:
                # Odoo lets readers see the chatter; a record another
                # institution reads in part keeps its chatter to itself.
                chatter = self._chatter_doors(user, record)
                answers.update(chatter)
            return answers
        if operation == "write":
            answers = self._write_door(user, record)
            if "message_ids" in record._fields:
                post_as = getattr(self.env[model], "_mail_post_access", "write")
                if post_as == "write":
                    answers["message_post"] = self._post_door(user, record)
            return answers
        return self._unlink_door(user, self._record(model, group, column, True))

    def _expected_door(self, model, group, operation, door, column, allowed):
        """The answer a door should give when the cell says ``allowed``."""
        restricted = isinstance(self.env[model], self.registry["pikc.restricted.mixin"])
        if door in ("messages", "attachments", "message_post") and column == "shared":
            # Another institution reads a shared record in part, never
            # its chatter.
            return allowed and not restricted
        if door == "check_access" and (model, operation) in CODE_REFUSALS:
            # The rules let the record through where the code refuses it.
            access = self.env["ir.model.access"].with_user(self.users[group])
            return column in CODE_REFUSALS[model, operation][0] and access.check(
                model, operation, raise_exception=False
            )
        if model == "hr.employee" and door in PUBLIC_DOORS:
            # Odoo answers users without HR rights from hr.employee.public.
            return (
                allowed or self.expected[("hr.employee.public", group, "read")][column]
            )
        return allowed

    @mute_logger(
        "odoo.models", "odoo.addons.base.models.ir_model", "odoo.models.unlink"
    )
    def test_every_cell_answers_as_expected_through_every_door(self):
        """Each role gets the expected answer from every door, on a record
        of their institution, of another, and of another's shared record."""
        cells = mismatches = 0
        wrong = {}
        self.refusals = {}
        for (model, group, operation), answers in sorted(self.expected.items()):
            for column, allowed in answers.items():
                cells += 1
                got = self._answers(model, group, operation, column)
                bad = {
                    door: answer
                    for door, answer in got.items()
                    if answer
                    != self._expected_door(
                        model, group, operation, door, column, allowed
                    )
                }
                key = (model, group, operation, column)
                if bad:
                    wrong[key] = bad
        mismatches = {
            key: doors
            for key, doors in wrong.items()
            if KNOWN_FAILURES.get(key) != doors
        }
        fixed = {key for key in KNOWN_FAILURES if wrong.get(key) != KNOWN_FAILURES[key]}
        self.assertFalse(
            mismatches,
            "cells answering otherwise than access_matrix.csv says "
            "(model, group, operation, case): {door: answer}",
        )
        self.assertFalse(fixed, "known failures that now pass: remove them")
        self.assertGreater(cells, 0)
        # Printed for the record: the number of cells checked.
        print(f"access matrix: {cells} cells checked")
        self.__class__.cells = cells

    def test_no_cell_is_a_known_failure(self):
        """No cell of the matrix is a known failure: each entry of
        KNOWN_FAILURES is a bug still open."""
        self.assertFalse(
            {key: finding for key, finding in KNOWN_FAILURES.items()},
            "access bugs found by the matrix and not fixed yet",
        )

    # ------------------------------------------------------------------
    # Every rule refuses something
    # ------------------------------------------------------------------

    def _refusing_rules(self, user, record, operation):
        """The rules that keep ``user`` from ``operation`` on ``record``:
        the global rules it fails, and the role rules when it fails them
        all."""
        rules = (
            self.env["ir.rule"]
            .with_user(user)
            ._get_rules(record._name, operation)
            .sudo()
        )
        context = (
            self.env["ir.rule"].with_user(user).with_company(self.own)._eval_context()
        )
        failed_global, group_rules, failed_group = [], [], []
        for rule in rules:
            domain = expression.normalize_domain(
                safe_eval(rule.domain_force or "[]", context)
            )
            passes = bool(
                record.sudo()
                .with_context(active_test=False)
                .search_count(expression.AND([[("id", "=", record.id)], domain]))
            )
            if rule.groups:
                group_rules.append(rule)
                if not passes:
                    failed_group.append(rule)
            elif not passes:
                failed_global.append(rule)
        refusing = set(failed_global)
        if group_rules and len(failed_group) == len(group_rules):
            refusing |= set(failed_group)
        return refusing

    def test_every_pikc_rule_refuses_a_cell(self):
        """Each record rule of the PIKC modules refuses at least one
        expected refusal of the matrix (whose access rights allow the
        operation). Rules that only widen a role's access (domain always
        true) cannot refuse: they are listed by their domain."""
        credited = set()
        for (model, group, operation), answers in self.expected.items():
            if operation == "create":
                continue
            user = self.users[group]
            if (
                not self.env["ir.model.access"]
                .with_user(user)
                .check(model, operation, raise_exception=False)
            ):
                continue
            for column, allowed in answers.items():
                if allowed:
                    continue
                record = self._record(model, group, column)
                credited |= {
                    rule.id for rule in self._refusing_rules(user, record, operation)
                }
        widening = self._pikc_rules().filtered(
            lambda rule: rule.domain_force.replace(" ", "") in ("[(1,'=',1)]", "[]")
        )
        never = self._pikc_rules() - widening - self.env["ir.rule"].browse(credited)
        self.assertFalse(
            sorted(never.get_external_id().values()),
            "PIKC record rules that refuse no cell of the matrix",
        )

    def test_behaviour_only_models_add_no_field_access_or_rule(self):
        """The models left out of the matrix as behaviour-only get no PIKC
        field, access row or record rule."""
        for name in BEHAVIOUR_ONLY:
            with self.subTest(model=name):
                data = self.env["ir.model.data"].search(
                    [("model", "=", "ir.model.fields"), ("module", "in", PIKC_MODULES)]
                )
                fields = self.env["ir.model.fields"].browse(data.mapped("res_id"))
                self.assertNotIn(name, fields.mapped("model"))
                for xmlid_model in ("ir.model.access", "ir.rule"):
                    data = self.env["ir.model.data"].search(
                        [("model", "=", xmlid_model), ("module", "in", PIKC_MODULES)]
                    )
                    rows = self.env[xmlid_model].browse(data.mapped("res_id"))
                    self.assertNotIn(name, rows.mapped("model_id.model"))

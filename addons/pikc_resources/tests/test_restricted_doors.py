from contextlib import contextmanager
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import models
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import SQL

from .booking_common import PikcBookingCommon, riga

#: Field types whose values the tests make up to search with.
_NUMBERS = ("integer", "float", "monetary")
_TEXTS = ("char", "text", "html")


def _other_value(field, value):
    """A value of ``field``'s type that differs from ``value``."""
    if field.type in _NUMBERS:
        return (value or 0) + 7
    if field.type in _TEXTS:
        return "zz-no-such-value"
    if field.type == "boolean":
        return not value
    if field.type == "date":
        return (value or date(2000, 1, 1)) + timedelta(days=3)
    if field.type == "datetime":
        return (value or datetime(2000, 1, 1)) + timedelta(days=3)
    if field.type == "selection":
        return "zz-no-such-key"
    if field.type == "many2one":
        return -1
    return [-1]  # x2many


def _search_value(field, value):
    """``value`` (read as superuser) as a domain takes it."""
    if field.type == "many2one":
        return value.id
    if field.type in ("one2many", "many2many"):
        return value.ids
    if field.type in _TEXTS and value:
        return str(value)
    return value


def _group_value(value):
    return value.id if isinstance(value, models.BaseModel) else value


@tagged("post_install", "-at_install")
@freeze_time("2030-09-02 05:00:00")
class TestRestrictedFieldsBehindEveryDoor(PikcBookingCommon):
    """What another institution may not read of a shared workshop, a shared
    piece of equipment or a booking (every field but the model's
    ``_pikc_shared_fields``, so that a new field is hidden by default) it
    does not learn by another door either: searching, ordering and grouping
    by it, summing it, name search and display names, export. The owner
    still reads, searches and groups by everything."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_teacher_school2.groups_id += cls.env.ref("base.group_allow_export")
        cls.user_master.groups_id += cls.env.ref("base.group_allow_export")
        building = cls.env["pikc.building"].create(
            {"name": "Test Block", "company_id": cls.company_pikc.id}
        )
        cls.cnc_lab.write({"note": "<p>Key at the porter's lodge</p>"})
        cls.cnc_lab.building_id = building
        second_master = cls.env["hr.employee"].create(
            {"name": "Test Second Master", "company_id": cls.company_pikc.id}
        )
        cls.plc_lab = cls.create_workshop(
            "T-PLC",
            is_shared=True,
            resource_calendar_id=cls.calendar.id,
            master_id=second_master.id,
            note="<p>Alarm code 1234</p>",
        )
        cls.cnc_mill.write(
            {
                "cost": 48000.0,
                "serial_no": "SN-MILL-4711",
                "inventory_code": "INV-0042",
                "effective_date": date(2021, 3, 1),
                "warranty_date": date(2026, 3, 1),
                "partner_ref": "PO-SECRET-1",
                "location": "Back room",
                "note": "<p>Bought from the project budget</p>",
            }
        )
        cls.plc_stand = cls.env["maintenance.equipment"].create(
            {
                "name": "PLC stand",
                "workshop_id": cls.plc_lab.id,
                "company_id": cls.company_pikc.id,
                "is_shared": True,
                "cost": 2500.0,
                "serial_no": "SN-PLC-0815",
                "inventory_code": "INV-0099",
                "effective_date": date(2023, 5, 1),
            }
        )
        bookings = cls.env["pikc.booking"].with_user(cls.user_teacher)
        cls.pikc_bookings = bookings.create(
            [
                {
                    "resource_id": cls.cnc_lab.resource_id.id,
                    "start": riga(4, 9),
                    "stop": riga(4, 11),
                    "purpose": "Secret exam preparation MT-21",
                    "participants": 6,
                    "note": "<p>Examiner from the ministry</p>",
                },
                {
                    "resource_id": cls.plc_lab.resource_id.id,
                    "start": riga(5, 9),
                    "stop": riga(5, 12),
                    "purpose": "Audit rehearsal EL-31",
                    "participants": 9,
                },
            ]
        ).with_env(cls.env)
        cls.pikc_bookings.action_request()
        cls.foreign = {
            "pikc.workshop": cls.cnc_lab | cls.plc_lab,
            "maintenance.equipment": cls.cnc_mill | cls.plc_stand,
            "pikc.booking": cls.pikc_bookings,
        }

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def hidden_fields(self, model):
        """Every field of ``model`` but those it shares."""
        records = self.env[model]
        return [
            field
            for name, field in records._fields.items()
            if name not in records._pikc_shared_fields
        ]

    def as_user(self, user, records):
        self.env.invalidate_all()
        return records.with_user(user)

    def searchable(self, field):
        if field.type == "properties":
            return False  # searched by property (field.name), not as a whole
        return (field.store and field.column_type) or field.search

    def groupable(self, field):
        return field.store and field.column_type and field.type != "properties"

    def for_each_hidden_field(self, check, select=None):
        for model, records in self.foreign.items():
            for field in self.hidden_fields(model):
                if select and not select(field):
                    continue
                with self.subTest(model=model, field=field.name):
                    check(records, field)

    # ------------------------------------------------------------------
    # The other institution
    # ------------------------------------------------------------------

    def test_foreign_records_are_readable_and_foreign(self):
        """The other institution's teacher reads the records (record rules)
        and each of them is foreign to them, to the PIKC's teacher not."""
        for records in self.foreign.values():
            theirs = self.as_user(self.user_teacher_school2, records)
            self.assertEqual(theirs.search([("id", "in", records.ids)]), theirs)
            self.assertEqual(theirs._pikc_foreign(), theirs)
            self.assertFalse(self.as_user(self.user_teacher, records)._pikc_foreign())

    def test_own_sql_says_what_pikc_foreign_says(self):
        """The SQL test of a user's own rows agrees with the Python one, for
        every record of the models each user reads."""
        users = self.user_teacher | self.user_teacher_school2 | self.user_master
        for model in self.foreign:
            for user in users:
                records = self.as_user(user, self.env[model]).search([])
                table = records._table
                own_ids = {
                    row[0]
                    for row in self.env.execute_query(
                        SQL(
                            "SELECT %s FROM %s WHERE %s",
                            SQL.identifier(table, "id"),
                            SQL.identifier(table),
                            records._pikc_own_sql(table),
                        )
                    )
                }
                with self.subTest(model=model, user=user.login):
                    self.assertEqual(
                        set((records - records._pikc_foreign()).ids),
                        own_ids & set(records.ids),
                    )

    def test_hidden_fields_read_empty(self):
        """read returns every hidden field empty (a field whose related
        model the user may not read at all is refused, as Odoo refuses it
        on the user's own records)."""

        def check(records, field):
            theirs = self.as_user(self.user_teacher_school2, records)
            try:
                rows = theirs.read([field.name])
            except AccessError:
                # Refused as on the user's own records: Odoo reads the
                # lines of an x2many with the user's rights on them.
                self.assertFalse(theirs.env[field.comodel_name].has_access("read"))
                return
            for values in rows:
                self.assertFalse(values[field.name])

        self.for_each_hidden_field(check)

    def test_search_on_a_hidden_field_tells_nothing(self):
        """A search on a hidden field of a foreign record answers the same
        whatever the record's value: for = and != on its true value, the
        answer does not change when the value in the database changes (no
        oracle). Fields searched by a method answer the same for two
        values."""

        def check(records, field):
            theirs = self.as_user(self.user_teacher_school2, records)
            x2many = field.type in ("one2many", "many2many")
            for record in records:
                true_value = _search_value(field, record.sudo()[field.name])
                for operator in ("in", "not in") if x2many else ("=", "!="):
                    domain = [
                        ("id", "=", record.id),
                        (field.name, operator, true_value),
                    ]
                    if not self.odoo_searches(records, [domain]):
                        continue
                    answer = theirs.search_count(domain)
                    if field.store and field.column_type:
                        other = self.other_column_value(record, field)
                        with self.column_set_to(record, field, other):
                            answer_after = theirs.search_count(domain)
                    else:
                        other = _other_value(field, true_value)
                        answer_after = theirs.search_count(
                            [("id", "=", record.id), (field.name, operator, other)]
                        )
                    self.assertEqual(answer, answer_after, (operator, true_value))

        self.for_each_hidden_field(check, self.searchable)

    def other_column_value(self, record, field):
        """Another value than ``record``'s for the column of ``field``."""
        value = record.sudo()[field.name]
        if field.type == "many2one":
            return (
                self.env[field.comodel_name]
                .search([("id", "!=", value.id)], limit=1)
                .id
            )
        if field.type == "selection":
            keys = [key for key, __ in field._description_selection(self.env)]
            return next(key for key in keys if key != value)
        return field.convert_to_column(_other_value(field, value), record)

    @contextmanager
    def column_set_to(self, record, field, value):
        """``record``'s column of ``field`` holds ``value`` in the block,
        written in SQL (no business rule intervenes), then restored."""
        self.env.flush_all()
        self.env.cr.execute("SAVEPOINT pikc_column")
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET %s = %s WHERE id = %s",
                SQL.identifier(record._table),
                SQL.identifier(field.name),
                value,
                record.id,
            )
        )
        self.env.invalidate_all()
        try:
            yield
        finally:
            self.env.cr.execute("ROLLBACK TO SAVEPOINT pikc_column")
            self.env.invalidate_all()

    def odoo_searches(self, records, domains):
        """Whether Odoo searches ``domains`` at all (as superuser): some of
        its computed fields search only some operators and values."""
        try:
            for domain in domains:
                records.search_count(domain)
        except (NotImplementedError, ValueError, UserError):
            return False
        return True

    def test_search_along_a_path_tells_nothing(self):
        """Paths into a foreign record hide its fields too: bookings by
        their workshop's master, workshops by their equipment's serial."""
        bookings = self.as_user(self.user_teacher_school2, self.pikc_bookings)
        master = self.cnc_lab.master_id
        for value in (master.id, -1):
            self.assertFalse(
                bookings.search(
                    [
                        ("id", "in", self.pikc_bookings.ids),
                        ("workshop_id.master_id", "=", value),
                    ]
                )
            )
        workshops = self.as_user(self.user_teacher_school2, self.cnc_lab)
        for serial in ("SN-MILL-4711", "zz-none"):
            self.assertFalse(
                workshops.search([("equipment_ids.serial_no", "=", serial)])
            )
        equipment = self.as_user(self.user_teacher_school2, self.cnc_mill)
        for purpose in ("Secret exam", "zz-none"):
            self.assertFalse(
                equipment.env["pikc.booking"].search(
                    [
                        ("equipment_id", "=", False),
                        ("workshop_id", "=", self.cnc_lab.id),
                        ("purpose", "ilike", purpose),
                    ]
                )
            )

    def test_order_by_a_hidden_field_tells_nothing(self):
        """Foreign records ordered by a hidden field come in the order of
        their ids, ascending or descending."""

        def check(records, field):
            theirs = self.as_user(self.user_teacher_school2, records)
            domain = [("id", "in", records.ids)]
            by_id = theirs.search(domain, order="id").ids
            for direction in ("asc", "desc"):
                ordered = theirs.search(domain, order=f"{field.name} {direction}, id")
                self.assertEqual(ordered.ids, by_id, direction)

        self.for_each_hidden_field(check, self.groupable)

    def test_group_by_a_hidden_field_gives_one_empty_group(self):
        """Grouped by a hidden field, the foreign records fall in one group
        with no value (read_group as the web client calls it, too)."""

        def check(records, field):
            theirs = self.as_user(self.user_teacher_school2, records)
            domain = [("id", "in", records.ids)]
            groupby = (
                f"{field.name}:day"
                if field.type in ("date", "datetime")
                else field.name
            )
            groups = theirs._read_group(domain, [groupby], ["__count"])
            self.assertEqual(len(groups), 1, groups)
            value, count = groups[0]
            self.assertFalse(value)
            self.assertEqual(count, len(records))
            web_groups = theirs.web_read_group(domain, ["__count"], [groupby])
            self.assertEqual(web_groups["length"], 1)
            self.assertFalse(web_groups["groups"][0][groupby])

        self.for_each_hidden_field(check, self.groupable)

    def test_sums_of_hidden_numbers_are_empty(self):
        """A hidden number summed (or its maximum) over foreign records is
        empty: no cost totals of another institution's equipment."""

        def check(records, field):
            theirs = self.as_user(self.user_teacher_school2, records)
            domain = [("id", "in", records.ids)]
            [(total, highest)] = theirs._read_group(
                domain, [], [f"{field.name}:sum", f"{field.name}:max"]
            )
            self.assertFalse(total)
            self.assertFalse(highest)
            [group] = theirs.read_group(domain, [f"{field.name}:sum"], [])
            self.assertFalse(group[field.name])

        self.for_each_hidden_field(
            check, lambda field: self.groupable(field) and field.type in _NUMBERS
        )

    def test_display_names_carry_no_hidden_value(self):
        """The display name of a foreign record (also as name_search and
        web_read return it) contains no hidden text; name_search on a
        hidden text finds nothing."""
        for model, records in self.foreign.items():
            texts = [
                str(record[field.name])
                for record in records
                for field in self.hidden_fields(model)
                if field.type in ("char", "text") and record[field.name]
            ]
            theirs = self.as_user(self.user_teacher_school2, records)
            names = [
                name for __, name in theirs.name_search("", [("id", "in", records.ids)])
            ]
            names += [
                values["display_name"]
                for values in theirs.web_read({"display_name": {}})
            ]
            names += theirs.mapped("display_name")
            self.assertEqual(len(names), 3 * len(records))
            for text in texts:
                with self.subTest(model=model, text=text):
                    self.assertFalse([name for name in names if text in name])
                    self.assertFalse(theirs.name_search(text))

    def test_export_gives_hidden_fields_empty(self):
        """export_data exports every hidden field of a foreign record empty
        (relational ones by their display name)."""
        for model, records in self.foreign.items():
            paths = [field.name for field in self.hidden_fields(model)]
            theirs = self.as_user(self.user_teacher_school2, records)
            rows = theirs.export_data(["name", *paths])["datas"]
            with self.subTest(model=model):
                self.assertEqual(len(rows), len(records))
                for row in rows:
                    self.assertTrue(row[0])
                    self.assertFalse(
                        [
                            (path, cell)
                            for path, cell in zip(paths, row[1:], strict=True)
                            if cell
                        ]
                    )

    def test_web_read_does_not_follow_hidden_relations(self):
        """web_read of a foreign record with a related spec on a hidden
        many2one returns it empty and reads nothing of the related record."""
        bookings = self.as_user(self.user_teacher_school2, self.pikc_bookings)
        spec = {
            "purpose": {},
            "user_id": {"fields": {"name": {}, "login": {}}},
            "workshop_id": {"fields": {"master_id": {"fields": {"name": {}}}}},
        }
        for values in bookings.web_read(spec):
            self.assertFalse(values["purpose"])
            self.assertFalse(values["user_id"])
            self.assertFalse(values["workshop_id"]["master_id"])
        workshops = self.as_user(self.user_teacher_school2, self.cnc_lab)
        [values] = workshops.web_search_read(
            [("id", "=", self.cnc_lab.id)],
            {"master_id": {"fields": {"name": {}}}, "building_id": {"fields": {}}},
        )["records"]
        self.assertFalse(values["master_id"])
        self.assertFalse(values["building_id"])

    # ------------------------------------------------------------------
    # The owner
    # ------------------------------------------------------------------

    def test_owner_reads_searches_and_groups_by_everything(self):
        """The PIKC's master finds its records by the values the others may
        not see, groups and sums them, and exports them."""

        def check(records, field):
            mine = self.as_user(self.user_master, records)
            for record in records:
                value = record.sudo()[field.name]
                if not value or field.type in ("one2many", "many2many", "html"):
                    continue
                domain = [
                    ("id", "=", record.id),
                    (field.name, "=", _search_value(field, value)),
                ]
                found = mine.search(domain)
                self.assertEqual(found.ids, record.ids)
                self.assertTrue(found.read([field.name])[0][field.name])
            if self.groupable(field) and field.type not in ("date", "datetime"):
                groups = mine._read_group(
                    [("id", "in", records.ids)], [field.name], ["__count"]
                )
                self.assertEqual(
                    {_group_value(value) for value, __ in groups},
                    {
                        _search_value(field, record.sudo()[field.name])
                        for record in records
                    },
                )

        self.for_each_hidden_field(check, self.searchable)
        equipment = self.as_user(self.user_master, self.cnc_mill | self.plc_stand)
        [(total,)] = equipment._read_group(
            [("id", "in", equipment.ids)], [], ["cost:sum"]
        )
        self.assertEqual(total, 50500.0)
        self.assertEqual(equipment[:1].display_name, "CNC mill/SN-MILL-4711")
        rows = equipment.export_data(["serial_no", "cost"])["datas"]
        self.assertIn(["SN-MILL-4711", 48000.0], rows)

    def test_a_copy_takes_no_hidden_value(self):
        """Copying a foreign record (as the web client's Duplicate does)
        carries none of its hidden values into the copy, which the copier
        would then read as their own."""
        manager_school2 = self.create_pikc_user(
            "pikc_manager_school2",
            "pikc_resources.group_resource_manager",
            self.company_school2,
        )
        for model, records in self.foreign.items():
            theirs = self.as_user(manager_school2, records)
            self.assertEqual(theirs._pikc_foreign(), theirs)
            default = {"company_id": self.company_school2.id}
            hidden = set(self.env[model]._fields) - theirs._pikc_shared_fields
            for values in theirs.copy_data(default):
                with self.subTest(model=model):
                    self.assertFalse(hidden & set(values) - set(default))
                    self.assertEqual(values["company_id"], self.company_school2.id)

    def queries_of(self, user, call):
        """How many queries ``call`` (of an environment of ``user``) runs,
        the second time (caches of the registry warm, records cold)."""
        for __ in range(2):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            call(self.env(user=user))
        return self.env.cr.sql_log_count - before

    def test_hiding_costs_no_query(self):
        """Hiding is part of the SQL Odoo builds anyway: searching,
        grouping and ordering by hidden fields runs as many queries for the
        other institution as for the owner."""
        ids = self.foreign["maintenance.equipment"].ids

        def calls(env):
            equipment = env["maintenance.equipment"]
            equipment.search_count([("id", "in", ids), ("serial_no", "ilike", "SN")])
            equipment._read_group(
                [("id", "in", ids)], ["workshop_id", "serial_no"], ["cost:sum"]
            )
            equipment.search_read(
                [("id", "in", ids)], ["name", "cost"], order="cost desc"
            )
            env["pikc.booking"].search_count([("workshop_id.master_id", "!=", False)])

        self.assertEqual(
            self.queries_of(self.user_teacher_school2, calls),
            self.queries_of(self.user_master, calls),
        )

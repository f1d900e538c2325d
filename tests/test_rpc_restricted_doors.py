from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestRestrictedFieldsOverJsonRpc(HttpCase):
    """The member school's teacher (demo login ``teacher.school2``), as the
    web client calls the server (JSON-RPC ``call_kw``), learns nothing of
    the PIKC's shared workshops, equipment and bookings beyond what they
    share: not by grouping, summing, searching or name search."""

    def setUp(self):
        super().setUp()
        user = self.env["res.users"].search([("login", "=", "teacher.school2")])
        self.assertTrue(user, "the demo has the member school's teacher")
        self.foreign = {}
        for model in ("pikc.workshop", "maintenance.equipment", "pikc.booking"):
            records = self.env[model].with_user(user).search([])._pikc_foreign()
            self.assertTrue(records, f"teacher.school2 reads foreign {model} records")
            self.foreign[model] = records.with_env(self.env)
        self.authenticate("teacher.school2", "teacher.school2")

    def call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def hidden_stored(self, model):
        records = self.env[model]
        return [
            name
            for name, field in records._fields.items()
            if name not in records._pikc_shared_fields
            and field.store
            and field.column_type
            and field.type not in ("properties", "date", "datetime")
        ]

    def test_grouped_by_a_hidden_field_one_empty_group(self):
        """web_read_group by any hidden stored field puts the foreign
        records in one group without a value."""
        for model, records in self.foreign.items():
            domain = [("id", "in", records.ids)]
            for fname in self.hidden_stored(model):
                with self.subTest(model=model, field=fname):
                    result = self.call(
                        model,
                        "web_read_group",
                        domain,
                        ["__count"],
                        [fname],
                        lazy=False,
                    )
                    self.assertEqual(result["length"], 1, result)
                    self.assertFalse(result["groups"][0][fname])
                    self.assertEqual(result["groups"][0]["__count"], len(records))

    def test_no_cost_totals_and_no_cost_oracle(self):
        """The sum of the PIKC's equipment cost is empty, and its cost
        compared with any figure answers as an empty cost would."""
        equipment = self.foreign["maintenance.equipment"]
        self.assertTrue(any(equipment.mapped("cost")), "the demo has costs")
        domain = [("id", "in", equipment.ids)]
        [group] = self.call(
            "maintenance.equipment", "read_group", domain, ["cost:sum"], []
        )
        self.assertFalse(group["cost"])
        # Whatever the figure, a foreign cost compares as an empty one (0).
        for operator, expected in ((">", 0), ("<=", len(equipment))):
            for limit in (0, 1000, 10**9):
                with self.subTest(operator=operator, limit=limit):
                    self.assertEqual(
                        self.call(
                            "maintenance.equipment",
                            "search_count",
                            [*domain, ("cost", operator, limit)],
                        ),
                        expected,
                    )

    def test_serial_numbers_neither_searched_nor_named(self):
        """No serial number of the PIKC's equipment is found by search or
        name search, nor shown in a display name."""
        equipment = self.foreign["maintenance.equipment"]
        serials = [serial for serial in equipment.mapped("serial_no") if serial]
        self.assertTrue(serials, "the demo equipment has serial numbers")
        names = self.call(
            "maintenance.equipment", "web_read", equipment.ids, {"display_name": {}}
        )
        for serial in serials:
            with self.subTest(serial=serial):
                self.assertFalse(
                    self.call(
                        "maintenance.equipment",
                        "search",
                        [("serial_no", "ilike", serial)],
                    )
                )
                self.assertFalse(
                    [row for row in names if serial in row["display_name"]]
                )

    def test_booking_purposes_stay_with_the_owner(self):
        """The PIKC's bookings' purposes are not in their names, not found
        by searching them, and not grouped by."""
        bookings = self.foreign["pikc.booking"]
        found = self.call(
            "pikc.booking", "name_search", "", [("id", "in", bookings.ids)]
        )
        self.assertEqual(len(found), len(bookings))
        for booking in bookings:
            with self.subTest(booking=booking.name):
                self.assertFalse(
                    [name for __, name in found if booking.purpose in name]
                )
                self.assertFalse(
                    self.call(
                        "pikc.booking",
                        "search",
                        [("id", "=", booking.id), ("purpose", "=", booking.purpose)],
                    )
                )
                self.assertFalse(
                    self.call(
                        "pikc.booking",
                        "search",
                        [
                            ("id", "=", booking.id),
                            ("workshop_id.master_id.name", "ilike", "a"),
                        ],
                    )
                )

"""Every view of a PIKC screen names only fields its reader may read.

A view node the reader sees that uses a field the reader may not read (an
HR officer's field on the staff form read by a resource manager) makes the
web client fail when the record opens ("field is undefined"), a screen the
click-everywhere crawler does not reach: it opens lists, not records.
Likewise a chatter shown to a reader who may not read its fields."""

from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from odoo.addons.pikc_resources.tests.common import PikcResourcesCommon

PIKC_MODULES = ("pikc_resources", "pikc_funding")
#: What a form's chatter reads of its record (messages, followers, activities).
CHATTER_FIELDS = ("message_ids", "message_follower_ids", "activity_ids")


@tagged("post_install", "-at_install")
class TestViewFields(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.ref("base.main_company")
        data = cls.env["ir.model.data"].search(
            [("module", "in", PIKC_MODULES), ("model", "=", "res.groups")]
        )
        create_user = PikcResourcesCommon.create_pikc_user.__func__
        cls.users = [
            create_user(cls, f"views_{record.name}", record.complete_name, company)
            for record in data
        ]
        menus = cls.env["ir.ui.menu"].search(
            [("id", "child_of", cls.env.ref("pikc_resources.menu_pikc_root").id)]
        )
        cls.actions = cls.env["ir.actions.act_window"].union(
            *(
                menu.action
                for menu in menus
                if menu.action and menu.action._name == "ir.actions.act_window"
            )
        )

    def undefined_fields(self, views, node, model, path=""):
        """The fields of ``node`` and its children (of ``model``) that the
        views' ``models`` do not describe, as ``model.field`` strings."""
        fields = views["models"].get(model, {}).get("fields", {})
        missing = []
        for child in node.iterchildren(tag=etree.Element):
            inner = model
            if child.tag == "field":
                name = child.get("name")
                if name not in fields:
                    missing.append(f"{model}.{name}")
                inner = fields.get(name, {}).get("relation") or model
            missing += self.undefined_fields(views, child, inner)
        return missing

    def test_views_of_pikc_screens_name_only_readable_fields(self):
        """As a user of each PIKC group, each view of each PIKC menu's action,
        and the form, describes every field it names."""
        failures = []
        for user in self.users:
            for action in self.actions:
                model = self.env[action.res_model].with_user(user)
                if not model.browse().has_access("read"):
                    continue
                modes = set(action.view_mode.split(",")) | {"form", "search"}
                views = model.get_views([(False, mode) for mode in sorted(modes)])
                for mode, view in views["views"].items():
                    arch = etree.fromstring(view["arch"])
                    missing = self.undefined_fields(views, arch, model._name)
                    if missing:
                        failures.append(
                            f"{user.login}: {mode} of {action.name}: {missing}"
                        )
                    if arch.find(".//chatter") is not None:
                        # The chatter reads its fields on its own: each must
                        # be readable by whoever sees it.
                        try:
                            model.check_field_access_rights(
                                "read",
                                [
                                    name
                                    for name in CHATTER_FIELDS
                                    if name in model._fields
                                ],
                            )
                        except AccessError as error:
                            failures.append(
                                f"{user.login}: chatter of {action.name}: {error}"
                            )
        self.assertFalse(failures, "\n".join(failures))

    def test_resource_manager_reads_the_teaching_load_on_the_staff_form(self):
        """The director (a resource manager, no HR officer) opens a staff
        member: the teaching load is there, HR's private fields are not."""
        manager = next(
            user for user in self.users if user.login == "views_group_resource_manager"
        )
        employee = self.env["hr.employee"].with_user(manager)
        views = employee.get_views([(False, "form")])
        fields = views["models"]["hr.employee"]["fields"]
        for name in ("sector_ids", "load_norm_hours", "pikc_planned_load_hours"):
            self.assertIn(name, fields)
        for name in ("has_timesheet", "private_email", "ssnid", "birthday"):
            self.assertNotIn(name, fields)
            self.assertNotIn(f'name="{name}"', views["views"]["form"]["arch"])
        teacher = self.env["hr.employee"].create(
            {"name": "Load Teacher", "load_norm_hours": 720.0}
        )
        record = employee.browse(teacher.id)
        self.assertEqual(record.read(["load_norm_hours"])[0]["load_norm_hours"], 720.0)

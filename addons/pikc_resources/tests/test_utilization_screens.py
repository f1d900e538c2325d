from datetime import date

from freezegun import freeze_time
from lxml import etree

from odoo.tests import tagged

from .utilization_common import FORTNIGHT, PikcUtilizationCommon

#: The utilization screens: action -> the only kind of resource it shows.
KIND_ACTIONS = {
    "pikc_resources.pikc_utilization_report_action_week": "workshop",
    "pikc_resources.pikc_utilization_report_action": "workshop",
    "pikc_resources.pikc_utilization_report_action_equipment": "equipment",
    "pikc_resources.pikc_utilization_report_action_staff": "employee",
}


@tagged("post_install", "-at_install")
@freeze_time("2030-09-02 05:00:00")
class TestUtilizationScreens(PikcUtilizationCommon):
    """What a director sees on opening the utilization screens: one kind of
    resource at a time, the weeks around today as a heat map, no staff
    outside the PIKC sectors, the under-used ones least used first."""

    def arch(self, view_type, xmlid=None):
        view = self.env.ref(xmlid).id if xmlid else False
        views = self.report.get_views([(view, view_type)])
        return etree.fromstring(views["views"][view_type]["arch"])

    def test_heat_map_is_sectors_and_institutions_by_week(self):
        """The pivot is a heat map: sector > institution down, weeks across,
        the utilization alone as measure, in the colouring pivot view."""
        pivot = self.arch("pivot")
        self.assertEqual(pivot.get("js_class"), "pikc_utilization_pivot")
        fields = [(node.get("name"), node.get("type")) for node in pivot.iter("field")]
        self.assertEqual(
            fields,
            [
                ("sector_id", "row"),
                ("company_id", "row"),
                ("date", "col"),
                ("utilization", "measure"),
            ],
        )
        self.assertEqual(pivot.find("field[@name='date']").get("interval"), "week")

    def test_graph_draws_rates_unstacked(self):
        """The graph draws utilization as lines side by side by week, never
        stacked (a stack of percentages passes 100 %)."""
        graph = self.arch("graph")
        self.assertEqual(graph.get("type"), "line")
        self.assertEqual(graph.get("stacked"), "0")
        self.assertEqual(graph.get("js_class"), "pikc_utilization_graph")
        self.assertEqual(
            graph.find("field[@type='measure']").get("name"), "utilization"
        )

    def test_list_shows_the_threshold_and_never_totals_rates(self):
        """The list shows each row's threshold; hours have totals, the
        utilization has none (a total of percentages means nothing)."""
        listed = self.arch("list")
        self.assertIsNotNone(listed.find("field[@name='threshold']"))
        self.assertFalse(
            {"sum", "avg"} & set(listed.find("field[@name='utilization']").attrib)
        )
        self.assertEqual(
            self.hours(self.cnc_lab, 2, "threshold"),
            self.company_pikc.pikc_utilization_threshold,
        )

    def hours(self, resource, day, fname):
        row = self.report.search(
            [
                ("resource_id", "=", resource.resource_id.id),
                ("date", "=", date(2030, 9, day)),
            ]
        )
        return row[fname]

    def test_people_workshops_and_equipment_open_apart(self):
        """Each utilization screen opens on one kind of resource only: the
        heat map and the workshops on workshops, then equipment, then
        staff; removing the filter shows them together."""
        report = self.report.with_user(self.user_manager)
        for xmlid, kind in KIND_ACTIONS.items():
            with self.subTest(action=xmlid):
                rows = report.search(self.default_domain(xmlid))
                self.assertEqual(set(rows.mapped("resource_kind")), {kind})
        kinds = set(report.search(FORTNIGHT).mapped("resource_kind"))
        self.assertEqual(kinds, {"workshop", "equipment", "employee"})

    def test_screens_open_on_the_weeks_around_today(self):
        """The screens open on nine whole weeks, from the Monday four weeks
        back to the Sunday four weeks ahead: the weeks with bookings are on
        screen, not twelve months side by side."""
        report = self.report.with_user(self.user_manager)
        for today in (date(2030, 9, 2), date(2030, 9, 4), date(2030, 9, 8)):
            with self.subTest(today=today):
                domain = self.default_domain(
                    "pikc_resources.pikc_utilization_report_action_week", today
                )
                days = report.search(domain).mapped("date")
                self.assertEqual(min(days), date(2030, 8, 5))
                self.assertEqual(max(days), date(2030, 10, 4))  # a Friday
                groups = report.read_group(domain, ["utilization"], ["date:week"])
                self.assertEqual(len(groups), 9)

    def test_staff_outside_the_sectors_left_out_of_utilization(self):
        """Staff working in no PIKC sector (Odoo's own demo employees) are
        left out of the staff utilization by default, and back once the
        filter is removed."""
        report = self.report.with_user(self.user_manager)
        xmlid = "pikc_resources.pikc_utilization_report_action_staff"
        shown = report.search(self.default_domain(xmlid)).resource_id
        self.assertIn(self.teacher_employee.resource_id, shown)
        self.assertNotIn(self.sectorless_employee.resource_id, shown)
        everyone = report.search(FORTNIGHT + [("resource_kind", "=", "employee")])
        self.assertIn(self.sectorless_employee.resource_id, everyone.resource_id)
        flagged = everyone.filtered("is_sectorless_staff").resource_id
        self.assertIn(self.sectorless_employee.resource_id, flagged)
        self.assertNotIn(self.teacher_employee.resource_id, flagged)

    def test_staff_screens_open_on_the_sectors_staff(self):
        """The PIKC's staff screens (kanban and list) open on the staff of
        the PIKC sectors, for a resource manager as for an HR officer;
        Odoo's own demo employees come back once the filter is removed."""
        action = self.env.ref("pikc_resources.hr_employee_action_pikc_staff")
        self.assertEqual(action.view_mode.split(",")[:2], ["kanban", "list"])
        domain = self.default_domain("pikc_resources.hr_employee_action_pikc_staff")
        hr_officer = self.create_pikc_user(
            "pikc_hr_officer", "hr.group_hr_user", self.company_pikc
        )
        for user in (self.user_manager, hr_officer):
            with self.subTest(user=user.login):
                employees = self.env["hr.employee"].with_user(user)
                shown = employees.search(domain)
                self.assertIn(self.teacher_employee, shown)
                self.assertNotIn(self.sectorless_employee, shown)
                self.assertFalse(
                    shown.filtered(lambda employee: not employee.sector_ids)
                )
                self.assertIn(self.sectorless_employee, employees.search([]))

    def test_utilization_menus_apart_for_each_resources_role(self):
        """Teachers, masters and resource managers find the heat map, one
        screen per kind and the under-used resources under Reporting >
        Utilization; an employee without a resources role does not."""
        menus = {
            "pikc_resources.menu_pikc_utilization",
            "pikc_resources.menu_pikc_utilization_report_week",
            "pikc_resources.menu_pikc_utilization_report",
            "pikc_resources.menu_pikc_utilization_report_equipment",
            "pikc_resources.menu_pikc_utilization_report_staff",
            "pikc_resources.menu_pikc_utilization_under",
        }
        for user in (self.user_teacher, self.user_master, self.user_manager):
            with self.subTest(user=user.login):
                self.assertLessEqual(menus, self.visible_menus(user))
        self.assertFalse(menus & self.visible_menus(self.user_employee))
        section = self.env.ref("pikc_resources.menu_pikc_utilization")
        self.assertEqual(
            section.parent_id, self.env.ref("pikc_resources.menu_pikc_reporting")
        )
        self.assertEqual(
            section.child_id.mapped("action"),
            [self.env.ref(xmlid) for xmlid in KIND_ACTIONS]
            + [self.env.ref("pikc_resources.pikc_utilization_under_wizard_action")],
        )

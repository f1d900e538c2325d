from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .booking_common import riga
from .utilization_common import FORTNIGHT, PikcUtilizationCommon

#: The groupings a director meets: the pivot's total, its rows (sector >
#: institution), its columns (weeks), their crossings, kinds, days.
GROUPINGS = (
    [],
    ["resource_id"],
    ["resource_kind"],
    ["sector_id", "company_id"],
    ["date:week"],
    ["sector_id", "company_id", "date:week"],
    ["resource_kind", "date:day"],
    ["company_id", "date:month"],
)

#: What the pivot, the graph and the list ask of the report.
MEASURES = ["utilization", "booked_hours", "available_hours"]


@tagged("post_install", "-at_install")
@freeze_time("2030-09-02 05:00:00")
class TestUtilizationGroups(PikcUtilizationCommon):
    """A group's utilization is the booked hours of its rows over their
    available hours, whatever the grouping and whoever reads it: rates are
    never summed nor averaged, so never above 100 %."""

    def assertRatesOfGroups(self, groups, report):
        """Each of ``groups`` (read_group dicts) has the utilization of its
        rows' summed hours, at most 100 %."""
        self.assertTrue(groups)
        for group in groups:
            rows = report.search(group["__domain"])
            booked = sum(rows.mapped("booked_hours"))
            available = sum(rows.mapped("available_hours"))
            self.assertAlmostEqual(group["booked_hours"], booked, places=6)
            self.assertAlmostEqual(group["available_hours"], available, places=6)
            self.assertAlmostEqual(
                group["utilization"], 100.0 * booked / available, places=6
            )
            self.assertLessEqual(group["utilization"], 100.0)

    def test_the_total_is_not_the_sum_of_the_days(self):
        """The fortnight's daily rates add up to far more than 100 %; the
        total of the report is its booked over its available hours."""
        report = self.report.with_user(self.user_manager)
        rows = report.search(FORTNIGHT)
        self.assertGreater(sum(rows.mapped("utilization")), 100.0)
        [total] = report.read_group(FORTNIGHT, MEASURES, [], lazy=False)
        self.assertAlmostEqual(
            total["utilization"],
            100.0
            * sum(rows.mapped("booked_hours"))
            / sum(rows.mapped("available_hours")),
        )

    def test_grouped_rates_are_booked_over_available_at_every_grouping(self):
        """The pivot and the graph (read_group, all groupings at once) and the
        list (web_read_group, one level at a time) give each group the rate
        of its rows' sums, at every grouping."""
        report = self.report.with_user(self.user_manager)
        for groupby in GROUPINGS:
            with self.subTest(groupby=groupby):
                self.assertRatesOfGroups(
                    report.read_group(FORTNIGHT, MEASURES, groupby, lazy=False), report
                )
                if groupby:
                    listed = report.web_read_group(FORTNIGHT, MEASURES, groupby)
                    self.assertRatesOfGroups(listed["groups"], report)

    def test_any_aggregate_asked_of_the_rate_is_the_rate_of_the_group(self):
        """A client asking for the sum (or the average) of utilization still
        gets booked over available: a fully booked sector of two fully
        booked days is 100 %, not 200 %."""
        report = self.report.with_user(self.user_manager)
        domain = [
            ("resource_id", "=", self.cnc_lab.resource_id.id),
            ("date", "in", [date(2030, 9, 2), date(2030, 9, 3)]),
        ]
        for spec in ("utilization:sum", "utilization:avg", "utilization"):
            with self.subTest(spec=spec):
                [group] = report.read_group(domain, [spec], ["sector_id"])
                self.assertAlmostEqual(group["utilization"], 100.0)

    def test_groups_sort_by_their_rate(self):
        """Sorting groups by utilization sorts them by their own rate (the
        list's order on a grouped column)."""
        report = self.report.with_user(self.user_manager)
        groups = report.read_group(
            FORTNIGHT + [("resource_kind", "=", "workshop")],
            MEASURES,
            ["resource_id"],
            orderby="utilization asc",
        )
        rates = [group["utilization"] for group in groups]
        self.assertEqual(rates, sorted(rates))
        self.assertEqual(groups[-1]["resource_id"][0], self.cnc_lab.resource_id.id)

    def test_each_role_reads_the_rates_of_its_own_institution(self):
        """A teacher, a workshop master and a resource manager of the PIKC
        read the same grouped rates of the PIKC's resources; the member
        school's teacher reads only its own sewing workshop, its rate that
        of its rows."""
        groupby = ["sector_id", "company_id", "date:week"]
        pikc_only = FORTNIGHT + [("company_id", "=", self.company_pikc.id)]
        expected = None
        for user in (self.user_teacher, self.user_master, self.user_manager):
            with self.subTest(user=user.login):
                report = self.report.with_user(user)
                groups = report.read_group(pikc_only, MEASURES, groupby, lazy=False)
                self.assertRatesOfGroups(groups, report)
                rates = [
                    (group["sector_id"], group["date:week"], group["utilization"])
                    for group in groups
                ]
                expected = expected or rates
                self.assertEqual(rates, expected)
        report = self.report.with_user(self.user_teacher_school2)
        groups = report.read_group(FORTNIGHT, MEASURES, ["company_id"], lazy=False)
        self.assertEqual(
            [group["company_id"][0] for group in groups], self.company_school2.ids
        )
        self.assertEqual(
            set(report.search(FORTNIGHT).resource_id), {self.sewing.resource_id}
        )
        self.assertRatesOfGroups(groups, report)
        # 8 of the fortnight's 80 hours.
        self.assertAlmostEqual(groups[0]["utilization"], 10.0)

    def test_grouped_read_costs_the_same_queries_for_few_and_many_rows(self):
        """The heat map's read (sector > institution by week) costs the same
        queries for one resource over one week as for a dozen over a
        month: the rate is computed in the grouped query itself."""
        workshops = self.cnc_lab | self.welding
        for number in range(10):
            workshops |= self.create_workshop(
                f"T-Q{number}", resource_calendar_id=self.calendar.id
            )
        for workshop in workshops:
            self.book_confirmed(
                workshop, [(riga(day, 8), riga(day, 12)) for day in (5, 12, 19)]
            )
        report = self.report.with_user(self.user_manager)
        groupby = ["sector_id", "company_id", "date:week"]
        few = [
            ("resource_id", "=", self.cnc_lab.resource_id.id),
            ("date", ">=", date(2030, 9, 2)),
            ("date", "<=", date(2030, 9, 8)),
        ]
        many = [
            ("resource_id", "in", workshops.resource_id.ids),
            ("date", ">=", date(2030, 9, 1)),
            ("date", "<=", date(2030, 9, 30)),
        ]
        self.env.flush_all()
        report.read_group(many, MEASURES, groupby, lazy=False)  # warm
        counts = []
        for domain in (few, many):
            self.env.invalidate_all()
            # The reader's user, partner and institutions (the cache was
            # cleared), the grouped query and the sectors' names.
            with self.assertQueryCount(6):
                groups = report.read_group(domain, MEASURES, groupby, lazy=False)
            counts.append(len(report.search(domain)))
            self.assertRatesOfGroups(groups, report)
        self.assertGreater(counts[1], 10 * counts[0])

#!/usr/bin/env python3
"""Benchmark bookings and utilization against the naive way, in one run.

    scripts/bench            # sets up the database, then runs this script

Run by ``scripts/bench`` on its own database (``pikc_bench``, never the demo
or test one) with the PIKC addons installed. It creates 300 workshops and
300,000 confirmed bookings (one SQL ``INSERT ... SELECT generate_series``),
then times, each against a naive way in the same run:

* booking creation through the ORM, one at a time and in batches, with the
  PostgreSQL exclusion constraint guarding overlaps, against a Python
  overlap check scanning the resource's bookings (and, on a few samples,
  all bookings) before the same create;
* the free-slot search (the first five free two-hour slots of a workshop
  over the year, ``pikc.booking._find_free_slots``) against a Python loop
  trying every half hour of every working day against all the resource's
  bookings;
* utilization of the 300 workshops over 12 months through the report (one
  ``_read_group`` by resource and month), against per-resource Python loops
  over calendars (``_work_intervals_batch``) and bookings.

Figures are wall-clock on whatever else the machine does; the ratios are
what to read. Everything is rolled back at the end.
"""

import argparse
import time
from collections import defaultdict
from datetime import date, datetime, timedelta
from datetime import time as dtime

from pytz import timezone, utc

import odoo
from odoo import SUPERUSER_ID, api

RESOURCES = 300
BOOKINGS_PER_RESOURCE = 1000
SINGLE = 200  # bookings created one by one
BATCH = 1000  # bookings per batched create
BATCHES = 2
NAIVE_SCAN = 200  # naive creates scanning the resource's bookings
NAIVE_FULL_SCAN = 5  # naive creates scanning every booking
FREE_SLOT_RESOURCES = 30  # workshops whose free slots are searched
RIGA = timezone("Europe/Riga")
#: Booked slots of a working day (Riga wall-clock hours).
SLOTS = ((8, 10), (10, 12), (13, 15))


def riga_utc(day, hour):
    """The naive UTC datetime of ``hour`` o'clock on ``day`` in Riga."""
    local = RIGA.localize(datetime.combine(day, dtime(hour)))
    return local.astimezone(utc).replace(tzinfo=None)


def working_days(first, count):
    """``count`` Monday-to-Friday days from ``first`` (a Monday) on."""
    return [first + timedelta(days=7 * (n // 5) + n % 5) for n in range(count)]


class Bench:
    def __init__(self, env):
        self.env = env
        self.rows = []
        today = date.today()
        # The bulk year: the Monday of the first full week of this year.
        jan1 = date(today.year, 1, 1)
        self.first_monday = jan1 + timedelta(days=(7 - jan1.weekday()) % 7)
        self.year = (date(today.year, 1, 1), date(today.year, 12, 31))

    # ------------------------------------------------------------------
    # Data
    # ------------------------------------------------------------------

    def setup(self):
        env = self.env
        start = time.perf_counter()
        self.company = env.ref("base.main_company")
        self.calendar = env["resource.calendar"].create(
            {
                "name": "Bench workshops (Mon-Fri 8-17)",
                "tz": "Europe/Riga",
                "company_id": self.company.id,
            }
        )
        sector = env.ref("pikc_resources.sector_mechanical_engineering")
        self.workshops = (
            env["pikc.workshop"]
            .with_context(tracking_disable=True, mail_create_nolog=True)
            .create(
                [
                    {
                        "name": f"Bench workshop {n:03d}",
                        "code": f"BW{n:03d}",
                        "company_id": self.company.id,
                        "sector_id": sector.id,
                        "capacity": 30,
                        "resource_calendar_id": self.calendar.id,
                        "tz": "Europe/Riga",
                    }
                    for n in range(RESOURCES)
                ]
            )
        )
        env.flush_all()
        made = time.perf_counter() - start
        start = time.perf_counter()
        self._insert_bookings(sector)
        inserted = time.perf_counter() - start
        env.cr.execute("ANALYZE pikc_booking")
        print(
            f"set-up: {RESOURCES} workshops in {made:.1f} s; "
            f"{RESOURCES * BOOKINGS_PER_RESOURCE:,} bookings in {inserted:.1f} s "
            f"(SQL INSERT ... SELECT generate_series)"
        )

    def _insert_bookings(self, sector):
        """1,000 two-hour bookings per workshop on consecutive working days
        from the first Monday of the year, three a day, confirmed."""
        days = len(SLOTS)
        self.env.cr.execute(
            """
            INSERT INTO pikc_booking (
                name, resource_id, resource_kind, workshop_id, company_id,
                owner_company_id, is_cross_institution, user_id, purpose,
                participants, sector_id, state, start, stop, duration,
                create_uid, write_uid, create_date, write_date)
            SELECT 'BENCH/' || workshop.id || '/' || n,
                   workshop.resource_id, 'workshop', workshop.id, %(company)s,
                   %(company)s, FALSE, %(uid)s, 'Benchmark', 10, %(sector)s,
                   'confirmed',
                   ((day + slot.hour_from * interval '1 hour')
                       AT TIME ZONE 'Europe/Riga') AT TIME ZONE 'UTC',
                   ((day + slot.hour_to * interval '1 hour')
                       AT TIME ZONE 'Europe/Riga') AT TIME ZONE 'UTC',
                   slot.hour_to - slot.hour_from,
                   %(uid)s, %(uid)s, now() at time zone 'UTC', now() at time zone 'UTC'
              FROM pikc_workshop workshop
             CROSS JOIN generate_series(0, %(per_resource)s - 1) AS n
             CROSS JOIN LATERAL (
                   SELECT %(monday)s::date
                          + (7 * ((n / %(days)s) / 5) + (n / %(days)s) %% 5)::integer
                          AS day
             ) AS d
              JOIN (VALUES (0, 8, 10), (1, 10, 12), (2, 13, 15))
                   AS slot(idx, hour_from, hour_to) ON slot.idx = n %% %(days)s
             WHERE workshop.id IN %(workshops)s
            """,
            {
                "company": self.company.id,
                "uid": SUPERUSER_ID,
                "sector": sector.id,
                "per_resource": BOOKINGS_PER_RESOURCE,
                "monday": self.first_monday,
                "days": days,
                "workshops": tuple(self.workshops.ids),
            },
        )

    def free_days(self, count, offset):
        """Working days after the bulk bookings, for new ones."""
        bulk_days = BOOKINGS_PER_RESOURCE // len(SLOTS) + 1
        first = self.first_monday + timedelta(days=7 * (bulk_days // 5 + 2 + offset))
        return working_days(first, count)

    # ------------------------------------------------------------------
    # Measures
    # ------------------------------------------------------------------

    def measure(self, label, count, function):
        start = time.perf_counter()
        function()
        self.env.flush_all()
        elapsed = time.perf_counter() - start
        return elapsed / count

    def vals(self, workshop, day, slot):
        hour_from, hour_to = slot
        return {
            "resource_id": workshop.resource_id.id,
            "start": riga_utc(day, hour_from),
            "stop": riga_utc(day, hour_to),
            "purpose": "Benchmark",
            "participants": 10,
            "company_id": self.company.id,
            "state": "confirmed",
        }

    def bench_create(self):
        bookings = self.env["pikc.booking"].with_context(
            tracking_disable=True, mail_create_nolog=True, mail_notrack=True
        )
        workshops = self.workshops

        def single():
            for n, day in enumerate(self.free_days(SINGLE, 0)):
                bookings.create(self.vals(workshops[n % RESOURCES], day, SLOTS[0]))

        def batched():
            for batch in range(BATCHES):
                days = self.free_days(BATCH // RESOURCES + 1, 50 + 10 * batch)
                bookings.create(
                    [
                        self.vals(workshops[n % RESOURCES], days[n // RESOURCES], slot)
                        for n in range(BATCH)
                        for slot in SLOTS[:1]
                    ]
                )

        def naive_overlaps(vals, scanned):
            return any(
                row["start"] < vals["stop"] and vals["start"] < row["stop"]
                for row in scanned
            )

        def naive_resource_scan():
            for n, day in enumerate(self.free_days(NAIVE_SCAN, 80)):
                vals = self.vals(workshops[n % RESOURCES], day, SLOTS[0])
                scanned = bookings.search_read(
                    [
                        ("resource_id", "=", vals["resource_id"]),
                        ("state", "in", ("requested", "confirmed", "done")),
                    ],
                    ["start", "stop"],
                )
                if naive_overlaps(vals, scanned):
                    raise AssertionError("the naive check found an overlap")
                bookings.create(vals)

        def naive_full_scan():
            for n, day in enumerate(self.free_days(NAIVE_FULL_SCAN, 130)):
                vals = self.vals(workshops[n % RESOURCES], day, SLOTS[0])
                self.env.cr.execute(
                    "SELECT resource_id, start, stop FROM pikc_booking "
                    "WHERE state IN ('requested', 'confirmed', 'done')"
                )
                scanned = [
                    {"start": start, "stop": stop}
                    for resource_id, start, stop in self.env.cr.fetchall()
                    if resource_id == vals["resource_id"]
                ]
                if naive_overlaps(vals, scanned):
                    raise AssertionError("the naive check found an overlap")
                bookings.create(vals)

        orm_single = self.measure("single", SINGLE, single)
        orm_batched = self.measure("batched", BATCH * BATCHES, batched)
        naive_scan = self.measure("naive", NAIVE_SCAN, naive_resource_scan)
        naive_full = self.measure("naive full", NAIVE_FULL_SCAN, naive_full_scan)
        self.rows += [
            (
                "create 1 booking, single (ORM + exclusion constraint)",
                orm_single * 1000,
                "ms/booking",
                1.0,
            ),
            (
                f"create, batched by {BATCH} (ORM + exclusion constraint)",
                orm_batched * 1000,
                "ms/booking",
                orm_batched / orm_single,
            ),
            (
                "naive: Python scan of the resource's bookings, then create",
                naive_scan * 1000,
                "ms/booking",
                naive_scan / orm_single,
            ),
            (
                "naive: Python scan of all bookings, then create",
                naive_full * 1000,
                "ms/booking",
                naive_full / orm_single,
            ),
        ]

    def bench_free_slots(self):
        """The first 5 free 2-hour slots of 30 workshops over the next year."""
        bookings = self.env["pikc.booking"]
        sample = self.workshops[:FREE_SLOT_RESOURCES]
        window_start = max(
            datetime.combine(self.first_monday, dtime.min), datetime.now()
        ).replace(microsecond=0)
        window_end = window_start + timedelta(days=365)
        found, naive_found = {}, {}

        def search():
            for workshop in sample:
                found[workshop.id] = bookings._find_free_slots(
                    workshop.resource_id, 2.0, window_start, window_end, limit=5
                )

        def naive():
            for workshop in sample:
                busy = [
                    (booking["start"], booking["stop"])
                    for booking in bookings.search_read(
                        [
                            ("resource_id", "=", workshop.resource_id.id),
                            ("state", "in", ("requested", "confirmed", "done")),
                        ],
                        ["start", "stop"],
                    )
                ]
                slots = []
                day = window_start.date()
                while len(slots) < 5 and day < window_end.date():
                    for half_hour in range(16, 31) if day.weekday() < 5 else ():
                        hour = half_hour / 2
                        if not (hour + 2 <= 12 or (hour >= 13 and hour + 2 <= 17)):
                            continue
                        local = RIGA.localize(
                            datetime.combine(day, dtime.min) + timedelta(hours=hour)
                        )
                        start = local.astimezone(utc).replace(tzinfo=None)
                        stop = start + timedelta(hours=2)
                        if start < window_start:
                            continue
                        if all(not (b < stop and start < e) for b, e in busy):
                            slots.append((start, stop))
                            if len(slots) == 5:
                                break
                    day += timedelta(days=1)
                naive_found[workshop.id] = slots

        search_time = self.measure("slots", FREE_SLOT_RESOURCES, search)
        self.env.invalidate_all()
        naive_time = self.measure("naive slots", FREE_SLOT_RESOURCES, naive)
        same = sum(found[key] == naive_found[key] for key in found)
        print(
            f"free slots check: {same} of {FREE_SLOT_RESOURCES} workshops get the "
            f"same 5 slots both ways (first: {found[sample[0].id][:1]})"
        )
        self.rows += [
            (
                "free slots (5 x 2 h over a year): _find_free_slots",
                search_time * 1000,
                "ms/search",
                1.0,
            ),
            (
                "naive: every half hour against all the resource's bookings",
                naive_time * 1000,
                "ms/search",
                naive_time / search_time,
            ),
        ]

    def bench_utilization(self):
        report = self.env["pikc.utilization.report"]
        date_from, date_to = self.year
        resources = self.workshops.resource_id
        result = {}

        def through_report():
            for resource, month, booked, available in report._read_group(
                [
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                    ("resource_id", "in", resources.ids),
                ],
                ["resource_id", "date:month"],
                ["booked_hours:sum", "available_hours:sum"],
            ):
                result[resource.id, month.month] = (booked, available)

        naive = {}

        def per_resource_loops():
            start = RIGA.localize(datetime.combine(date_from, dtime.min))
            stop = RIGA.localize(
                datetime.combine(date_to + timedelta(days=1), dtime.min)
            )
            for resource in resources:
                calendar = resource.calendar_id
                intervals = calendar._work_intervals_batch(start, stop, resource)[
                    resource.id
                ]
                months = defaultdict(lambda: [0.0, 0.0])
                for begin, end, _attendance in intervals:
                    months[begin.month][1] += (end - begin).total_seconds() / 3600
                for booking in self.env["pikc.booking"].search_read(
                    [
                        ("resource_id", "=", resource.id),
                        ("state", "in", ("confirmed", "done")),
                        ("start", "<", stop.astimezone(utc).replace(tzinfo=None)),
                        ("stop", ">", start.astimezone(utc).replace(tzinfo=None)),
                    ],
                    ["start", "stop"],
                ):
                    local = utc.localize(booking["start"]).astimezone(RIGA)
                    months[local.month][0] += (
                        booking["stop"] - booking["start"]
                    ).total_seconds() / 3600
                for month, (booked, available) in months.items():
                    naive[resource.id, month] = (booked, available)

        report_time = self.measure("report", 1, through_report)
        self.env.invalidate_all()
        naive_time = self.measure("naive", 1, per_resource_loops)
        booked = sum(value[0] for value in result.values())
        naive_booked = sum(value[0] for value in naive.values())
        available = sum(value[1] for value in result.values())
        naive_available = sum(value[1] for value in naive.values())
        print(
            f"utilization check: report {booked:,.0f} booked / {available:,.0f} "
            f"available h; loops {naive_booked:,.0f} / {naive_available:,.0f} h"
        )
        label = f"{RESOURCES} resources x 12 months"
        self.rows += [
            (
                f"utilization, {label}: report (one _read_group)",
                report_time,
                "s",
                1.0,
            ),
            (
                f"naive: per-resource Python loops, {label}",
                naive_time,
                "s",
                naive_time / report_time,
            ),
        ]

    def print_table(self):
        width = max(len(row[0]) for row in self.rows)
        print()
        print(f"{'measure':<{width}}  {'time':>12}  {'unit':<10}  {'ratio':>8}")
        print("-" * (width + 36))
        for label, value, unit, ratio in self.rows:
            print(f"{label:<{width}}  {value:>12.3f}  {unit:<10}  {ratio:>7.1f}x")
        print()
        print(
            "ratio: time against the first line of its group (ORM single "
            "create; the free-slot search; the report); above 1 is slower."
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    args = parser.parse_args()
    odoo.tools.config.parse_config(
        ["-c", args.config, "-d", args.database, "--log-level=warn"]
    )
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        bench = Bench(env)
        total = time.perf_counter()
        bench.setup()
        bench.bench_create()
        bench.bench_free_slots()
        bench.bench_utilization()
        bench.print_table()
        print(f"total: {time.perf_counter() - total:.0f} s")
        cr.rollback()


if __name__ == "__main__":
    main()

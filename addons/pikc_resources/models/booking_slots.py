"""The arithmetic of free slots and recurring bookings, on plain values.

An *interval* is a pair ``(start, stop)`` with ``start < stop``: datetimes in
the models, plain numbers (hours) in the examples below. A resource is
*available* when its calendar says it works (opening hours minus lunch
breaks and leaves); it is *busy* while a booking holds it. What is available
and not busy is *free*, and a *slot* is a free span of the wanted duration.

The models gather calendars and bookings and call these functions; every
docstring example runs as a test (``tests/test_booking_slots.py``).

Why not Odoo's ``odoo.addons.resource.models.utils.Intervals``: it holds
triples ``(start, stop, records)`` of timezone-aware datetimes and is built
to merge calendar attendances with the records behind them. Here the
intervals are plain pairs of naive UTC datetimes (as bookings store them)
or of numbers (in the examples), and the questions are about slots on a
half-hour grid, the nearest free times and the window to search: plain
functions on sorted pairs say that more directly, and run without the ORM.
The models still ask Odoo's calendars (``_work_intervals_batch`` and the
like) for the intervals themselves.
"""

from datetime import datetime, time, timedelta
from heapq import merge

from pytz import utc

#: The days of the week, Monday first (``date.weekday()``).
WEEKDAYS = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)


def union(intervals):
    """Sort the intervals and merge those that overlap or touch.

    >>> union([(13, 17), (8, 12), (11, 12.5), (17, 18)])
    [(8, 12.5), (13, 18)]
    >>> union([])
    []
    """
    merged = []
    for start, stop, *_rest in sorted(intervals):
        if merged and start <= merged[-1][1]:
            if stop > merged[-1][1]:
                merged[-1] = (merged[-1][0], stop)
        else:
            merged.append((start, stop))
    return merged


def subtract(available, busy):
    """What remains of the ``available`` intervals once the ``busy`` ones are
    taken out (both may come in any order, and overlap each other).

    Opening hours 8-12 and 13-17, booked 9-10 and 11-14:

    >>> subtract([(8, 12), (13, 17)], [(11, 14), (9, 10)])
    [(8, 9), (10, 11), (14, 17)]

    A booking spanning everything leaves nothing; nothing booked leaves all:

    >>> subtract([(8, 12)], [(7, 18)])
    []
    >>> subtract([(13, 17), (8, 12)], [])
    [(8, 12), (13, 17)]
    """
    busy = union(busy)
    free = []
    index = 0
    for start, stop in union(available):
        # Busy intervals ending before this one starts concern no later one.
        while index < len(busy) and busy[index][1] <= start:
            index += 1
        cursor = start
        for busy_start, busy_stop in busy[index:]:
            if busy_start >= stop:
                break
            if busy_start > cursor:
                free.append((cursor, busy_start))
            cursor = max(cursor, busy_stop)
        if cursor < stop:
            free.append((cursor, stop))
    return free


def slots(free, duration, step, origin=None):
    """Yield the slots of ``duration`` within the ``free`` intervals, one
    every ``step``, earliest first.

    Slots start on the ``step`` grid counted from ``origin`` (a round hour,
    so that slots start on the hour and half hour); without an origin, each
    free interval starts its own grid. A lazy generator: take only what you
    need (see :func:`first`).

    Two free hours and a half, 1.5 hours wanted, every half hour:

    >>> list(slots([(8, 10.5)], 1.5, 0.5))
    [(8, 9.5), (8.5, 10.0), (9.0, 10.5)]

    On the grid of the half hours, a free span from 9.25 starts at 9.5:

    >>> list(slots([(9.25, 11), (14, 15)], 1, 0.5, origin=0))
    [(9.5, 10.5), (10.0, 11.0), (14, 15)]

    Datetimes work alike:

    >>> day = datetime(2030, 9, 3)
    >>> free = [(day.replace(hour=9, minute=10), day.replace(hour=11))]
    >>> [f"{a:%H:%M}-{b:%H:%M}" for a, b in slots(
    ...     free, timedelta(hours=1), timedelta(minutes=30), origin=day)]
    ['09:30-10:30', '10:00-11:00']
    """
    for start, stop in free:
        if origin is not None:
            late = (start - origin) % step
            if late:
                start = start + (step - late)
        while start + duration <= stop:
            yield (start, start + duration)
            start = start + step


def apart(slots):
    """Keep the slots that do not overlap the one kept before them (the
    slots come earliest first): proposals a person can tell apart, each a
    time of its own rather than the same time shifted by half an hour.

    >>> list(apart([(13, 16), (13.5, 16.5), (14, 17), (16, 19), (16.5, 19.5)]))
    [(13, 16), (16, 19)]
    >>> list(apart([]))
    []
    """
    previous_stop = None
    for start, stop in slots:
        if previous_stop is None or start >= previous_stop:
            previous_stop = stop
            yield (start, stop)


def first(iterable, limit):
    """The first ``limit`` items of ``iterable`` (all of them if ``limit`` is
    falsy), as a list.

    >>> first(slots([(8, 17)], 1, 1), 3)
    [(8, 9), (9, 10), (10, 11)]
    >>> first([(8, 9)], 5)
    [(8, 9)]
    """
    items = []
    for item in iterable:
        items.append(item)
        if limit and len(items) >= limit:
            break
    return items


def earliest(slots_by_key, limit):
    """The ``limit`` earliest slots of several resources, as ``(start, stop,
    key)``: each resource's slots must come earliest first. Ties go to the
    key given first.

    >>> earliest({"lab": [(9, 10), (13, 14)], "shop": [(8, 9), (13, 14)]}, 3)
    [(8, 9, 'shop'), (9, 10, 'lab'), (13, 14, 'lab')]
    """

    def stream(order, key, key_slots):
        for start, stop in key_slots:
            yield (start, order, stop, key)

    streams = [
        stream(order, key, key_slots)
        for order, (key, key_slots) in enumerate(slots_by_key.items())
    ]
    return [
        (start, stop, key) for start, _order, stop, key in first(merge(*streams), limit)
    ]


def nearest(candidates, moment, limit):
    """The ``limit`` slots starting nearest to ``moment`` (before or after
    it), earliest first, none overlapping another one chosen.

    >>> nearest([(8, 9), (10, 11), (13, 14), (15, 16)], 12, 2)
    [(10, 11), (13, 14)]

    The half-hour grid offers 10-12 and 10.5-12.5: only the nearer is named.

    >>> nearest([(8, 10), (10, 12), (10.5, 12.5), (14, 16)], 11, 2)
    [(8, 10), (10.5, 12.5)]
    """
    chosen = []
    for slot in sorted(candidates, key=lambda slot: abs(slot[0] - moment)):
        if len(chosen) >= limit:
            break
        if not overlapping(slot[0], slot[1], chosen):
            chosen.append(slot)
    return sorted(chosen)


def overlapping(start, stop, intervals):
    """The first of ``intervals`` (which may carry more values after start
    and stop) sharing time with ``start``-``stop``, or None; touching is no
    overlap.

    >>> overlapping(9, 12, [(7, 9, "BK/1"), (11, 13, "BK/2")])
    (11, 13, 'BK/2')
    >>> overlapping(9, 12, [(12, 13, "BK/3")]) is None
    True
    """
    return next(
        (
            interval
            for interval in intervals
            if interval[0] < stop and start < interval[1]
        ),
        None,
    )


def covers(intervals, start, stop):
    """Whether the ``intervals`` together cover ``start``-``stop`` entirely.

    >>> covers([(8, 12), (12, 17)], 9, 15)
    True
    >>> covers([(8, 12), (13, 17)], 9, 15)
    False
    """
    return not subtract([(start, stop)], intervals)


def weekly_dates(date_from, date_to, weekdays):
    """The dates from ``date_from`` to ``date_to`` (both included) falling on
    one of ``weekdays`` (0 is Monday), in order.

    Tuesdays of September 2030:

    >>> from datetime import date
    >>> [d.day for d in weekly_dates(date(2030, 9, 1), date(2030, 9, 30), {1})]
    [3, 10, 17, 24]
    >>> weekly_dates(date(2030, 9, 4), date(2030, 9, 2), {0, 1})
    []
    """
    days = []
    day = date_from
    while day <= date_to:
        if day.weekday() in weekdays:
            days.append(day)
        day += timedelta(days=1)
    return days


def local_span(day, hour_from, hour_to, tz):
    """The naive UTC datetimes (as stored) of ``hour_from`` to ``hour_to``
    (floats) on ``day`` in the time zone ``tz`` (a pytz zone): how a weekly
    slot in Riga time becomes a booking, summer and winter time alike.

    >>> from datetime import date
    >>> from pytz import timezone
    >>> riga = timezone("Europe/Riga")
    >>> local_span(date(2030, 9, 3), 9, 12, riga)
    (datetime.datetime(2030, 9, 3, 6, 0), datetime.datetime(2030, 9, 3, 9, 0))
    >>> local_span(date(2030, 11, 5), 9, 12.5, riga)
    (datetime.datetime(2030, 11, 5, 7, 0), datetime.datetime(2030, 11, 5, 10, 30))
    """
    return tuple(
        tz.localize(datetime.combine(day, hours_to_time(hours)))
        .astimezone(utc)
        .replace(tzinfo=None)
        for hours in (hour_from, hour_to)
    )


def hours_to_time(hours):
    """A time of day from hours as a float (the ``float_time`` widget's
    values).

    >>> hours_to_time(9.5)
    datetime.time(9, 30)
    >>> hours_to_time(24)
    datetime.time(23, 59, 59, 999999)
    """
    if hours >= 24:
        return time.max
    minutes = round(hours * 60)
    return time(minutes // 60, minutes % 60)


def naive_utc(value):
    """A timezone-aware datetime as Odoo stores it: naive, in UTC.

    >>> from pytz import timezone
    >>> naive_utc(timezone("Europe/Riga").localize(datetime(2030, 9, 3, 9, 0)))
    datetime.datetime(2030, 9, 3, 6, 0)
    """
    return value.astimezone(utc).replace(tzinfo=None)


def hours_of_day(moment):
    """The time of day of ``moment`` (a datetime or time) as hours in a
    float, as the ``float_time`` widget shows them; the inverse of
    :func:`hours_to_time`.

    >>> hours_of_day(datetime(2030, 9, 3, 9, 30))
    9.5
    >>> hours_of_day(hours_to_time(13.25))
    13.25
    """
    return moment.hour + moment.minute / 60


def duration_hours(start, stop):
    """The hours from ``start`` to ``stop`` (datetimes), as a float.

    >>> duration_hours(datetime(2030, 9, 3, 8, 0), datetime(2030, 9, 3, 9, 30))
    1.5
    """
    return (stop - start).total_seconds() / 3600


def opening_problem(start, stop, open_hours, leaves, hours_name):
    """Why ``start``-``stop`` cannot be booked: ``("leave", its name)`` when
    it falls on one of ``leaves`` (``(start, stop, name)``), ``("hours",
    hours_name)`` when it is not within ``open_hours``, or None when it may be
    booked.

    Open 8-17, with a service from 10 to 12:

    >>> opening_problem(8, 10, [(8, 17)], [(10, 12, "Service")], "Workshop")
    >>> opening_problem(9, 11, [(8, 17)], [(10, 12, "Service")], "Workshop")
    ('leave', 'Service')
    >>> opening_problem(16, 18, [(8, 17)], [(10, 12, "Service")], "Workshop")
    ('hours', 'Workshop')
    """
    available = subtract(open_hours, leaves)
    if covers(available, start, stop):
        return None
    leave = overlapping(start, stop, leaves)
    if leave:
        return ("leave", leave[2])
    return ("hours", hours_name)


def growing_windows(start, end, first_span):
    """Cut ``start``-``end`` (datetimes) into consecutive windows, the first
    about ``first_span`` long and each next one twice as long as the one
    before, every window but the last ending at midnight: the free-slot
    search looks at the near days first, and further only when it must.

    >>> windows = growing_windows(
    ...     datetime(2030, 9, 2, 5), datetime(2030, 12, 31), timedelta(days=14)
    ... )
    >>> for start, stop in windows:
    ...     print(f"{start:%d.%m %H:%M} - {stop:%d.%m %H:%M}")
    02.09 05:00 - 16.09 00:00
    16.09 00:00 - 14.10 00:00
    14.10 00:00 - 09.12 00:00
    09.12 00:00 - 31.12 00:00
    >>> list(growing_windows(datetime(2030, 9, 2), datetime(2030, 9, 1), timedelta(1)))
    []
    """
    span = first_span
    while start < end:
        stop = min(end, datetime.combine((start + span).date(), time.min))
        yield start, stop
        start, span = stop, span * 2

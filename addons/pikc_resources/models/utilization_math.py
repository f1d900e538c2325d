"""The arithmetic of utilization and staff load, on plain values.

How much of its available time a resource was booked (the utilization
report), which days the report covers, and how a person's planned load
compares with their yearly norm (``hr.employee``). The models gather
bookings and calendars and call these functions; every docstring example
runs as a test (``tests/test_utilization_math.py``).
"""

from datetime import date


def utilization_percent(booked, available):
    """Booked hours as a share of available hours, in percent; ``None``
    when nothing was available.

    >>> utilization_percent(6.0, 24.0)
    25.0
    >>> utilization_percent(3.0, 0.0) is None
    True
    """
    if not available:
        return None
    return 100.0 * booked / available


def under_threshold(booked, available, threshold):
    """The utilization in percent of ``booked`` over ``available`` hours if
    it is below ``threshold`` (percent), else None; nothing available is
    never under.

    >>> under_threshold(6.0, 24.0, 30.0)
    25.0
    >>> under_threshold(12.0, 24.0, 30.0) is None
    True
    >>> under_threshold(0.0, 0.0, 30.0) is None
    True
    """
    percent = utilization_percent(booked, available)
    if percent is not None and percent < threshold:
        return percent
    return None


def report_window(today, years_back=1, years_ahead=1):
    """The first and last day the report covers around ``today``.

    >>> report_window(date(2030, 9, 2))
    (datetime.date(2029, 1, 1), datetime.date(2031, 12, 31))
    >>> report_window(date(2030, 9, 2), 0, 2)
    (datetime.date(2030, 1, 1), datetime.date(2032, 12, 31))
    """
    return (
        date(today.year - years_back, 1, 1),
        date(today.year + years_ahead, 12, 31),
    )


def school_year(today):
    """The first day of the school year (1 September to 31 August) holding
    ``today``, and the first day of the next one.

    >>> school_year(date(2030, 9, 2))
    (datetime.date(2030, 9, 1), datetime.date(2031, 9, 1))
    >>> school_year(date(2031, 8, 31))
    (datetime.date(2030, 9, 1), datetime.date(2031, 9, 1))
    """
    year = today.year if today.month >= 9 else today.year - 1
    return date(year, 9, 1), date(year + 1, 9, 1)


def load_ratio(planned, norm):
    """Planned load as a percentage of the yearly norm; 0 without a norm.

    >>> load_ratio(540.0, 720.0)
    75.0
    >>> load_ratio(10.0, 0.0)
    0.0
    """
    return 100.0 * planned / norm if norm else 0.0

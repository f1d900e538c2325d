"""The query of the utilization report: which resources, their calendar
spans per day in SQL (as Odoo's calendars read them), their leaves, and the
hours available and booked per resource and local day.

The rows, their fields, how groups add up and which resources are under-used
are in ``pikc_utilization_report.py``.
"""

from odoo import api, fields, models
from odoo.tools import SQL

from ..models.utilization_math import report_window

#: Booking states whose hours count as used.
BOOKED_STATES = ("confirmed", "done")

#: ``ir.config_parameter`` keys bounding the days the report covers: from
#: the start of the year so many years back to the end of the year so many
#: years ahead of today (1 and 1 by default).
YEARS_BACK_PARAM = "pikc_resources.utilization_years_back"
YEARS_AHEAD_PARAM = "pikc_resources.utilization_years_ahead"


class PikcUtilizationReport(models.Model):
    # One model, one job per file (see pikc_utilization_report.py).
    _inherit = "pikc.utilization.report"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _window(self):
        params = self.env["ir.config_parameter"].sudo()
        return report_window(
            fields.Date.context_today(self),
            int(params.get_param(YEARS_BACK_PARAM, 1)),
            int(params.get_param(YEARS_AHEAD_PARAM, 1)),
        )

    @api.model
    def _with(self) -> SQL:
        return SQL(
            "WITH %s, %s, %s, %s",
            self._with_resources(),
            self._with_calendar_days(),
            self._with_leaves(),
            self._with_hours(),
        )

    @api.model
    def _with_resources(self) -> SQL:
        """The bookable resources: workshops, bookable equipment and staff,
        with their calendar (the institution's when they have none), time
        zone and institution's threshold; staff working in no PIKC sector
        (Odoo's own demo employees, for instance) are told apart."""
        return SQL(
            """
            resources AS (
                SELECT res.id AS resource_id,
                       CASE WHEN workshop.id IS NOT NULL THEN 'workshop'
                            WHEN equipment.id IS NOT NULL THEN 'equipment'
                            ELSE 'employee' END AS resource_kind,
                       workshop.id AS workshop_id,
                       equipment.id AS equipment_id,
                       employee.id AS employee_id,
                       res.company_id,
                       COALESCE(workshop.sector_id, equipment.pikc_sector_id)
                           AS sector_id,
                       COALESCE(res.calendar_id, company.resource_calendar_id)
                           AS calendar_id,
                       COALESCE(res.tz, 'UTC') AS tz,
                       COALESCE(company.pikc_utilization_threshold, 0) AS threshold,
                       employee.id IS NOT NULL AND NOT EXISTS (
                           SELECT 1
                             FROM hr_employee_pikc_sector_rel employee_sector
                            WHERE employee_sector.employee_id = employee.id
                       ) AS is_sectorless_staff
                  FROM resource_resource res
             LEFT JOIN res_company company ON company.id = res.company_id
             LEFT JOIN pikc_workshop workshop ON workshop.resource_id = res.id
             LEFT JOIN maintenance_equipment equipment
                       ON equipment.resource_id = res.id AND equipment.pikc_is_bookable
             LEFT JOIN hr_employee employee ON employee.resource_id = res.id
                 WHERE res.active
                   AND (workshop.id IS NOT NULL OR equipment.id IS NOT NULL
                        OR employee.id IS NOT NULL)
            )
            """
        )

    @api.model
    def _with_calendar_days(self) -> SQL:
        """Each calendar's working spans per day of the window, in UTC, once
        per time zone its resources are in, as Odoo's
        ``_attendance_intervals_batch`` reads them: lunch and section lines
        excluded, a two-week calendar's attendances only in their week, each
        attendance between its dates. Attendances of one resource only are
        kept apart (``only_resource_id``); the others have 0 there."""
        date_from, date_to = self._window()
        return SQL(
            """
            calendar_days AS (
                SELECT zone.calendar_id,
                       zone.tz,
                       COALESCE(attendance.resource_id, 0) AS only_resource_id,
                       days.day,
                       range_agg(tsrange(
                           ((days.day + attendance.hour_from * interval '1 hour')
                               AT TIME ZONE zone.tz) AT TIME ZONE 'UTC',
                           ((days.day + attendance.hour_to * interval '1 hour')
                               AT TIME ZONE zone.tz) AT TIME ZONE 'UTC'
                       )) AS spans,
                       SUM(attendance.hour_to - attendance.hour_from) AS hours
                  FROM (SELECT DISTINCT calendar_id, tz FROM resources) zone
                  JOIN resource_calendar calendar ON calendar.id = zone.calendar_id
                  JOIN resource_calendar_attendance attendance
                       ON attendance.calendar_id = zone.calendar_id
                      AND attendance.display_type IS NULL
                      AND attendance.day_period IS DISTINCT FROM 'lunch'
                      AND attendance.hour_to > attendance.hour_from
                  JOIN (
                      SELECT day::date AS day
                        FROM generate_series(
                             %(date_from)s::timestamp, %(date_to)s::timestamp,
                             interval '1 day'
                        ) AS day
                  ) AS days
                       ON attendance.dayofweek
                          = (EXTRACT(ISODOW FROM days.day)::integer - 1)::varchar
                      AND days.day
                          >= COALESCE(attendance.date_from, DATE '0001-01-01')
                      AND days.day
                          <= COALESCE(attendance.date_to, DATE '9999-12-31')
                      AND (NOT COALESCE(calendar.two_weeks_calendar, FALSE)
                           OR attendance.week_type
                              = mod((days.day - DATE '0001-01-01') / 7, 2)::varchar)
              GROUP BY zone.calendar_id, zone.tz, attendance.resource_id, days.day
            )
            """,
            date_from=date_from,
            date_to=date_to,
        )

    @api.model
    def _with_leaves(self) -> SQL:
        """The leaves touching each resource's local day: its own, and those
        of its calendar (or of no calendar) for its whole institution, as
        Odoo's ``_leave_intervals_batch`` reads them."""
        date_from, date_to = self._window()
        return SQL(
            """
            leaves AS (
                SELECT res.resource_id,
                       leave_day.day::date AS day,
                       range_agg(tsrange(leave.date_from, leave.date_to)) AS spans
                  FROM resources res
                  JOIN resource_calendar_leaves leave
                       ON leave.time_type = 'leave'
                      AND leave.date_to > leave.date_from
                      AND leave.date_to > %(date_from)s::timestamp - interval '1 day'
                      AND leave.date_from < %(date_to)s::timestamp + interval '2 days'
                      AND COALESCE(leave.calendar_id, res.calendar_id)
                          = res.calendar_id
                      AND (leave.resource_id = res.resource_id
                           OR (leave.resource_id IS NULL
                               AND leave.company_id = res.company_id))
                 CROSS JOIN LATERAL generate_series(
                       ((leave.date_from AT TIME ZONE 'UTC')
                           AT TIME ZONE res.tz)::date::timestamp,
                       ((leave.date_to AT TIME ZONE 'UTC')
                           AT TIME ZONE res.tz)::date::timestamp,
                       interval '1 day'
                 ) AS leave_day(day)
              GROUP BY res.resource_id, leave_day.day
            )
            """,
            date_from=date_from,
            date_to=date_to,
        )

    @api.model
    def _with_hours(self) -> SQL:
        """Available and booked hours per resource and local day, as the
        sum of two kinds of parts, so that a filter on the day reaches both:

        * a resource's calendar spans of the day, less what its leaves
          cover of them;
        * its confirmed and done bookings of the day, cut at midnight in the
          resource's time zone (the days of a booking are an array, not a
          set-returning function, so that PostgreSQL expects about one day
          per booking rather than a thousand and plans accordingly)."""
        date_from, date_to = self._window()
        first_day = SQL(
            "((booking.start AT TIME ZONE 'UTC') AT TIME ZONE res.tz)::date"
        )
        last_day = SQL(
            "((booking.stop AT TIME ZONE 'UTC') AT TIME ZONE res.tz"
            " - interval '1 microsecond')::date"
        )

        def local_midnight(day):
            return SQL("((%s)::timestamp AT TIME ZONE res.tz) AT TIME ZONE 'UTC'", day)

        return SQL(
            """
            hours AS (
                SELECT part.resource_id,
                       part.day,
                       SUM(part.available) AS available_hours,
                       SUM(part.booked) AS booked_hours
                  FROM (
                      SELECT res.resource_id,
                             calendar_day.day,
                             (calendar_day.hours - CASE
                                  WHEN leaves.spans IS NULL THEN 0
                                  ELSE COALESCE((
                                      SELECT SUM(EXTRACT(EPOCH FROM
                                                 upper(covered) - lower(covered)))
                                        FROM unnest(calendar_day.spans * leaves.spans)
                                             AS covered
                                  ), 0) / 3600.0
                             END)::numeric AS available,
                             0::numeric AS booked
                        FROM resources res
                        JOIN calendar_days calendar_day
                             ON calendar_day.calendar_id = res.calendar_id
                            AND calendar_day.tz = res.tz
                            AND calendar_day.only_resource_id IN (0, res.resource_id)
                   LEFT JOIN leaves
                             ON leaves.resource_id = res.resource_id
                            AND leaves.day = calendar_day.day
                   UNION ALL
                      SELECT booking.resource_id,
                             local_day.day,
                             0::numeric,
                             (EXTRACT(EPOCH FROM
                                 LEAST(booking.stop, %(day_end)s)
                                 - GREATEST(booking.start, %(day_start)s)
                             ) / 3600.0)::numeric
                        FROM pikc_booking booking
                        JOIN resources res ON res.resource_id = booking.resource_id
                       CROSS JOIN LATERAL unnest(CASE
                             WHEN %(last_day)s = %(first_day)s
                             THEN ARRAY[%(first_day)s]
                             ELSE ARRAY(
                                 SELECT generate_series(
                                     %(first_day)s::timestamp,
                                     %(last_day)s::timestamp,
                                     interval '1 day'
                                 )::date
                             )
                       END) AS local_day(day)
                       WHERE booking.state IN %(states)s
                         AND booking.stop > %(date_from)s::timestamp - interval '1 day'
                         AND booking.start < %(date_to)s::timestamp + interval '2 days'
                         AND local_day.day BETWEEN %(date_from)s AND %(date_to)s
                  ) AS part
              GROUP BY part.resource_id, part.day
            )
            """,
            first_day=first_day,
            last_day=last_day,
            day_start=local_midnight(SQL("local_day.day")),
            day_end=local_midnight(SQL("local_day.day + 1")),
            states=BOOKED_STATES,
            date_from=date_from,
            date_to=date_to,
        )

    @api.model
    def _select(self) -> SQL:
        return SQL(
            """
            SELECT res.resource_id::bigint * 100000
                       + (hours.day - DATE '1970-01-01') AS id,
                   hours.day AS date,
                   res.resource_id,
                   res.resource_kind,
                   res.workshop_id,
                   res.equipment_id,
                   res.employee_id,
                   res.company_id,
                   res.sector_id,
                   res.is_sectorless_staff,
                   res.threshold,
                   hours.available_hours,
                   hours.booked_hours,
                   100.0 * hours.booked_hours
                       / NULLIF(hours.available_hours, 0) AS utilization,
                   hours.available_hours > 0
                       AND 100.0 * hours.booked_hours
                           < res.threshold * hours.available_hours
                       AS is_under_threshold
            """
        )

    @api.model
    def _from(self) -> SQL:
        return SQL(
            "FROM hours JOIN resources res ON res.resource_id = hours.resource_id"
        )

    @api.model
    def _where(self) -> SQL:
        return SQL("WHERE hours.available_hours > 0 OR hours.booked_hours > 0")

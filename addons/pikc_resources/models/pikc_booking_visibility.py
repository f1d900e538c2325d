"""Whose a booking is, in Python and in SQL (the hooks of
``pikc.restricted.mixin``: another institution reads only its busy time),
and the order a teacher looks for: upcoming bookings first.

The record itself is in ``pikc_booking.py``.
"""

from odoo import fields, models
from odoo.tools import SQL


class PikcBooking(models.Model):
    # One model, one job per file (see pikc_booking.py).
    _inherit = "pikc.booking"  # pylint: disable=consider-merging-classes-inherited

    def _order_field_to_sql(self, alias, field_name, direction, nulls, query):
        """``pikc_upcoming_first`` orders the bookings not yet over by start,
        nearest first, then the past ones by start, latest first. It is no
        field (it depends on the time of the search), only an order term."""
        if field_name != "pikc_upcoming_first":
            return super()._order_field_to_sql(
                alias, field_name, direction, nulls, query
            )
        start = self._field_to_sql(alias, "start", query)
        stop = self._field_to_sql(alias, "stop", query)
        if query.groupby:
            query.groupby = SQL("%s, %s, %s", query.groupby, start, stop)
        now = fields.Datetime.now()
        return SQL(
            "(%(stop)s < %(now)s) %(direction)s, "
            "(CASE WHEN %(stop)s >= %(now)s THEN %(start)s END) %(direction)s, "
            "%(start)s DESC",
            stop=stop,
            start=start,
            now=now,
            direction=direction,
        )

    def _pikc_foreign_to(self, user):
        """Bookings neither ``user``'s, nor of their institution, nor of
        their institution's resources: only their busy time is readable."""
        others = self.filtered(lambda booking: booking.sudo().user_id != user)
        if not others:
            return others  # the user's own: no need to read their institutions
        member_of = user.sudo().company_ids
        return others.filtered(
            lambda booking: booking.sudo().company_id not in member_of
            and booking.sudo().owner_company_id not in member_of
        )

    def _pikc_own_sql(self, alias):
        def column(fname):
            return SQL.identifier(alias, fname, to_flush=self._fields[fname])

        member_of = self.env.user.sudo().company_ids.ids
        return SQL(
            "COALESCE(%s = %s OR %s = ANY(%s) OR %s = ANY(%s), FALSE)",
            column("user_id"),
            self.env.uid,
            column("company_id"),
            member_of,
            column("owner_company_id"),
            member_of,
        )

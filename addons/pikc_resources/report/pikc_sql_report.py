from odoo import api, models
from odoo.tools import SQL


class PikcSqlReport(models.AbstractModel):
    """A read-only report whose rows a SQL query computes.

    As Odoo's own reports (``account.invoice.report``), the query is built
    from ``odoo.tools.SQL`` parts, one method per clause: a report sets
    ``_auto = False`` and fills in :meth:`_with`, :meth:`_select`,
    :meth:`_from` and :meth:`_where` (the first and last may stay empty).
    """

    _name = "pikc.sql.report"
    _description = "PIKC Report Built by a Query"

    @property
    def _table_query(self) -> SQL:
        return SQL(
            "%s %s %s %s",
            self._with(),
            self._select(),
            self._from(),
            self._where(),
        )

    @api.model
    def _with(self) -> SQL:
        """The ``WITH`` clause: none by default."""
        return SQL()

    @api.model
    def _select(self) -> SQL:
        raise NotImplementedError

    @api.model
    def _from(self) -> SQL:
        raise NotImplementedError

    @api.model
    def _where(self) -> SQL:
        """The ``WHERE`` clause: none by default."""
        return SQL()

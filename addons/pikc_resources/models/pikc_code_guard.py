"""The input guard's check of codes unique up to case and spaces
(``_pikc_unique_codes``, see ``pikc_input_guard.py``): said in words before
the database's constraint on ``lower(btrim(code))`` (which holds the rule
for concurrent users) refuses it."""

from odoo.osv import expression
from odoo.tools.sql import escape_psql


class PikcCodeGuard:
    """Codes another record of their scope has, up to case and spaces, are
    refused (a part of :class:`PikcInputGuard`)."""

    __slots__ = ()

    def _pikc_check_unique_codes(self, vals_list, records):
        """Refuse a code another record of its scope has, up to case and
        spaces (archived records count), in the batch or in the database:
        one query per code field."""
        for code_field, scope in self._pikc_unique_codes.items():
            if not any(code_field in vals for vals in vals_list):
                continue
            wanted = {}
            for code, key in self._pikc_code_candidates(
                vals_list, records, code_field, scope
            ):
                if key in wanted:
                    self._pikc_refuse_duplicate(code_field, code)
                wanted[key] = code
            if not wanted:
                continue
            domain = expression.OR(
                [
                    [(code_field, "=ilike", escape_psql(code))]
                    for code in wanted.values()
                ]
            )
            others = (
                self.sudo()
                .with_context(active_test=False)
                .search_fetch(
                    expression.AND([domain, [("id", "not in", records.ids)]]),
                    [code_field, *scope],
                )
            )
            for other in others:
                key = (
                    other[code_field].strip().lower(),
                    *(other[name].id for name in scope),
                )
                if key in wanted:
                    self._pikc_refuse_duplicate(code_field, wanted[key])

    def _pikc_code_candidates(self, vals_list, records, code_field, scope):
        """``(code, key)`` of the codes as they would be saved, the key
        being the code in lower case and the ids of its scope."""
        if records:
            vals = vals_list[0]
            rows = [
                (
                    vals.get(code_field, record[code_field]),
                    [vals[name] if name in vals else record[name].id for name in scope],
                )
                for record in records
            ]
        else:
            defaults = self.default_get(list(scope))
            rows = [
                (
                    vals.get(code_field),
                    [vals.get(name, defaults.get(name)) for name in scope],
                )
                for vals in vals_list
            ]
        for code, scope_ids in rows:
            if code:
                code = code.strip()
                scope_ids = [getattr(id_, "id", id_) or False for id_ in scope_ids]
                yield code, (code.lower(), *scope_ids)

    def _pikc_refuse_duplicate(self, code_field, code):
        self._pikc_refuse(
            self._fields[code_field],
            self.env._(
                "“%(field)s” %(code)s is already used by another %(kind)s "
                "(codes differing only in capitals or spaces count as the "
                "same). Choose another code."
            ),
            code=code.strip(),
            kind=self.env["ir.model"]._get(self._name).name,
        )

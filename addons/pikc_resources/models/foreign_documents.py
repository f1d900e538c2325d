"""The mail and file doors of a document (attachments, followers,
activities) follow the access to the document, and keep a
``pikc.restricted.mixin`` record's to its owner, like its chatter: whoever
cannot read the record, or reads it only in part (another institution),
does not list, read or download them."""

from collections import defaultdict

from odoo.tools import SQL


def hidden_documents(env, res_model, res_ids):
    """The ids among ``res_ids`` of ``res_model`` whose files, followers and
    activities the user of ``env`` may not have: those the user cannot read
    (Odoo itself lists a follower of any record, and answers the access
    check of any record's file), and those a restricted model's user reads
    only in part; none for the superuser."""
    if env.su or not res_model or res_model not in env:
        return set()
    records = env[res_model].browse(res_ids).exists()
    readable = records._filtered_access("read")
    hidden = set((records - readable).ids)
    if isinstance(records, env.registry["pikc.restricted.mixin"]):
        hidden |= set(readable._pikc_foreign().ids)
    return hidden


def hidden_ids(env, rows, exempt=None):
    """The ids of ``rows`` (id, res_model, res_id, *extra) attached to a
    hidden document, but those for which ``exempt(res_model, *extra)`` is
    true."""
    targets = defaultdict(lambda: defaultdict(list))
    for id_, res_model, res_id, *extra in rows:
        if res_model and res_id and not (exempt and exempt(res_model, *extra)):
            targets[res_model][res_id].append(id_)
    hidden = set()
    for res_model, by_document in targets.items():
        for res_id in hidden_documents(env, res_model, list(by_document)):
            hidden.update(by_document[res_id])
    return hidden


def select_rows(model, query, *extra):
    """(id, res_model, res_id, *extra) of the records ``query`` finds."""
    return model.env.execute_query(
        query.select(
            *[
                model._field_to_sql(model._table, fname)
                for fname in ("id", "res_model", "res_id", *extra)
            ]
        )
    )


def record_rows(records, *extra):
    """(id, res_model, res_id, *extra) of ``records``, from the database."""
    fnames = ("id", "res_model", "res_id", *extra)
    records.flush_recordset(fnames[1:])
    return records.env.execute_query(
        SQL(
            "SELECT %s FROM %s WHERE id = ANY(%s)",
            SQL(", ").join(SQL.identifier(fname) for fname in fnames),
            SQL.identifier(records._table),
            list(records.ids),
        )
    )


def filtered_search(model, query, args, exempt=None, *extra):
    """``model._search(*args)`` (whose result is ``query``) without the
    hidden records; a full page when the search had one, since the web
    client takes a short page for the last one (as Odoo's own filters)."""
    domain, offset, limit, order = args
    rows = select_rows(model, query, *extra)
    hidden = hidden_ids(model.env, rows, exempt)
    if not hidden:
        return query
    result = [row[0] for row in rows if row[0] not in hidden]
    need = model.env.context.get("pikc_need", limit)
    if limit and len(rows) == limit and len(result) < need:
        more = model.with_context(pikc_need=need - len(result))._search(
            domain, offset + len(rows), limit, order
        )
        result.extend(list(more)[: need - len(result)])
    return model.browse(result)._as_query(order)


def check_access_result(records, result, exempt=None, *extra):
    """``records._check_access('read')``'s ``result`` with the hidden
    records added to the forbidden ones (refused as a record rule refuses,
    or by their ``_pikc_access_error`` when they have one)."""
    allowed = records - result[0] if result else records
    hidden = hidden_ids(records.env, record_rows(allowed, *extra), exempt)
    if not hidden:
        return result
    forbidden = records.browse(hidden)
    if result:
        return (result[0] + forbidden, result[1])
    if hasattr(forbidden, "_pikc_access_error"):
        return (forbidden, forbidden._pikc_access_error)
    rule = records.env["ir.rule"]
    return (forbidden, lambda: rule._make_access_error("read", forbidden))

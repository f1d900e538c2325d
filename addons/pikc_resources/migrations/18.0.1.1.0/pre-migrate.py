"""From 18.0.1.1.0 on, the fields PIKC adds to Odoo's models carry a
``pikc_`` prefix. Rename them before the update, so that Odoo finds their
columns and metadata under the new names and keeps what users entered
(otherwise it would drop the old columns and start the new ones empty)."""

from odoo.tools.sql import column_exists, rename_column

RENAMED = {
    "maintenance.equipment": {
        "sector_id": "pikc_sector_id",
        "is_bookable": "pikc_is_bookable",
        "usage_hours": "pikc_usage_hours",
    },
    "hr.employee": {
        "planned_load_hours": "pikc_planned_load_hours",
        "load_ratio": "pikc_load_ratio",
        "development_ids": "pikc_development_ids",
        "development_hours_this_year": "pikc_development_hours_this_year",
    },
}


def migrate(cr, version):
    for model, fields in RENAMED.items():
        table = model.replace(".", "_")
        for old, new in fields.items():
            if column_exists(cr, table, old) and not column_exists(cr, table, new):
                rename_column(cr, table, old, new)
            cr.execute(
                """
                UPDATE ir_model_fields SET name = %(new)s
                 WHERE model = %(model)s AND name = %(old)s
                   AND NOT EXISTS (
                       SELECT 1 FROM ir_model_fields
                        WHERE model = %(model)s AND name = %(new)s
                   )
                """,
                {"model": model, "old": old, "new": new},
            )
            cr.execute(
                """
                UPDATE ir_model_data SET name = %(new)s
                 WHERE module = 'pikc_resources' AND name = %(old)s
                   AND NOT EXISTS (
                       SELECT 1 FROM ir_model_data
                        WHERE module = 'pikc_resources' AND name = %(new)s
                   )
                """,
                {"old": f"field_{table}__{old}", "new": f"field_{table}__{new}"},
            )

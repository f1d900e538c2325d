"""The input guard (``pikc_input_guard.py``) in front of the models of this
addon, and of the PIKC fields of Odoo's models it extends. Loaded last, so
that the guard runs before the models' own code."""

from .pikc_input_guard import guard_model

#: Hours in a (leap) year: the most a yearly figure in hours can be.
HOURS_PER_YEAR = 8784
#: The most students or people a workshop or a booking can hold.
PLACES_MAX = 10000

guard_model(
    "pikc.workshop",
    module=__name__,
    code_fields=("code",),
    # Made with the workshop (pikc_workshop.py).
    filled_fields=("resource_id",),
    input_ranges={"capacity": (None, PLACES_MAX)},
)
guard_model(
    "maintenance.equipment",
    module=__name__,
    input_fields=frozenset(
        {
            "name",
            "inventory_code",
            "serial_no",
            "workshop_id",
            "pikc_sector_id",
            "pikc_is_bookable",
            "is_shared",
            "hourly_rate",
            "cost",
            "effective_date",
            "warranty_date",
            "note",
        }
    ),
    # A serial number is a code too: " 3104512 " is the serial number
    # 3104512, which Odoo keeps unique (maintenance's serial_no constraint).
    code_fields=("inventory_code", "serial_no"),
    unique_codes={"serial_no": ()},
)
guard_model(
    "pikc.booking",
    module=__name__,
    input_ranges={"participants": (None, PLACES_MAX)},
)
guard_model(
    "pikc.building",
    module=__name__,
    code_fields=("code",),
    unique_codes={"code": ("company_id",)},
    input_ranges={
        "heated_area": (None, 10**7),
        "year_built": (1000, 2199),
        "baseline_year": (1900, 2199),
    },
)
guard_model("pikc.energy.reading", module=__name__)
guard_model(
    "pikc.energy.type",
    module=__name__,
    code_fields=("code",),
    unique_codes={"code": ()},
    input_ranges={"kwh_factor": (0, 10**6), "co2_factor": (0, 10**6)},
)
guard_model(
    "pikc.sector",
    module=__name__,
    code_fields=("code",),
    unique_codes={"code": ()},
)
guard_model(
    "pikc.staff.development",
    module=__name__,
    input_ranges={"hours": (None, HOURS_PER_YEAR)},
)
guard_model(
    "hr.employee",
    module=__name__,
    input_fields=frozenset({"sector_ids", "load_norm_hours"}),
    input_ranges={"load_norm_hours": (0, HOURS_PER_YEAR)},
)

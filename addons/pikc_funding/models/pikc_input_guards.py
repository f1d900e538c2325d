"""The input guard of pikc_resources (``pikc_input_guard.py``) in front of
this addon's models. Loaded last, so that the guard runs before the models'
own code."""

from odoo.addons.pikc_resources.models.pikc_input_guard import guard_model

PERCENT = (0, 100)
#: A financing plan's shares: percentages (the plan's own check adds that
#: they sum to 100).
SHARES = dict.fromkeys(
    ("share_eu", "share_state", "share_municipality", "share_own"), PERCENT
)

guard_model(
    "pikc.fund",
    module=__name__,
    code_fields=("code",),
    unique_codes={"code": ()},
    input_ranges=dict(SHARES, indirect_rate=PERCENT, durability_years=(0, 100)),
)
guard_model(
    "pikc.cost.category",
    module=__name__,
    code_fields=("code",),
    unique_codes={"code": ()},
)
guard_model(
    "pikc.grant",
    module=__name__,
    code_fields=("code",),
    unique_codes={"code": ("company_id",)},
    input_ranges=SHARES,
)
guard_model(
    "pikc.grant.budget.line",
    module=__name__,
    input_ranges={"amount_planned": (0, None)},
)
guard_model(
    "pikc.procurement",
    module=__name__,
    input_ranges={"amount_estimated": (0, None)},
)

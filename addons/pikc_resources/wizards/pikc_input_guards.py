"""The input guard in front of this addon's wizards (see
``models/pikc_input_guard.py``)."""

from odoo import models

from ..models.pikc_input_guard import guard_model
from ..models.pikc_input_guards import PLACES_MAX

for _name in (
    "pikc.booking.refuse",
    "pikc.utilization.under.wizard",
    "pikc.booking.slot.wizard",
):
    guard_model(_name, base=models.TransientModel, module=__name__)
guard_model(
    "pikc.booking.recurrence.wizard",
    base=models.TransientModel,
    module=__name__,
    input_ranges={
        "hour_from": (0, 24),
        "hour_to": (0, 24),
        "participants": (None, PLACES_MAX),
    },
)

from . import pikc_booking_refuse
from . import pikc_utilization_under_wizard
from . import pikc_utilization_under_line
from . import pikc_booking_slot_wizard
from . import pikc_booking_slot_wizard_line
from . import pikc_booking_recurrence_wizard
from . import pikc_booking_recurrence_wizard_line
from . import pikc_input_guards

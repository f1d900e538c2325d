from . import pikc_booking_refuse
from . import pikc_utilization_under_wizard

from . import pikc_booking_refuse

from . import pikc_grant_override_wizard
from . import pikc_input_guards

from . import pikc_grant_override_wizard

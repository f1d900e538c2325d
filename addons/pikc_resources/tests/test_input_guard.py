from odoo.addons.pikc_resources.models import pikc_input_guard

from .doctests import doctest_tests

load_tests, TestInputGuardExamples = doctest_tests(
    pikc_input_guard, __name__, more_than=0
)

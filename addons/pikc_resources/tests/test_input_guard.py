from odoo.addons.pikc_resources.models import pikc_input_guard, pikc_required_guard

from .doctests import doctest_tests

load_tests, TestInputGuardExamples = doctest_tests(
    pikc_input_guard, __name__, more_than=0
)

load_tests_required, TestRequiredGuardExamples = doctest_tests(
    pikc_required_guard, __name__, more_than=0
)

from odoo.addons.pikc_resources.models import utilization_math

from .doctests import doctest_tests

load_tests, TestUtilizationMathExamples = doctest_tests(
    utilization_math, __name__, more_than=3
)

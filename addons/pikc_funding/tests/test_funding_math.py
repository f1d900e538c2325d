import unittest

from odoo.addons.pikc_funding.models import funding_math
from odoo.addons.pikc_resources.tests.doctests import doctest_tests

#: One test per docstring of funding_math; more than 5 of them hold examples.
load_tests, TestFundingMathExamples = doctest_tests(funding_math, __name__, more_than=5)


class TestFundingMath(unittest.TestCase):
    def test_split_always_sums_to_the_amount(self):
        """Whatever the amount and shares, the parts sum to the amount to the
        cent."""
        shares = {"eu": 85, "state": 12.75, "municipality": 0.5, "own": 1.75}
        for cents in range(-1000, 100000, 37):
            amount = cents / 100
            parts = funding_math.split_amount(amount, shares)
            self.assertEqual(round(sum(parts.values()), 2), amount, amount)

import doctest
import unittest

from odoo.addons.pikc_funding.models import funding_math


class TestFundingMath(unittest.TestCase):
    def test_funding_math_docstring_examples_hold(self):
        """Every example in the docstrings of funding_math runs and holds."""
        result = unittest.TextTestRunner(verbosity=0).run(
            doctest.DocTestSuite(funding_math)
        )
        self.assertTrue(result.wasSuccessful(), result.failures)
        self.assertGreater(result.testsRun, 5)

    def test_split_always_sums_to_the_amount(self):
        """Whatever the amount and shares, the parts sum to the amount to the
        cent."""
        shares = {"eu": 85, "state": 12.75, "municipality": 0.5, "own": 1.75}
        for cents in range(-1000, 100000, 37):
            amount = cents / 100
            parts = funding_math.split_amount(amount, shares)
            self.assertEqual(round(sum(parts.values()), 2), amount, amount)

import doctest
import unittest

from odoo.addons.pikc_resources.models import hr_employee
from odoo.addons.pikc_resources.report import pikc_utilization_report


class TestUtilizationMath(unittest.TestCase):
    def test_docstring_examples_hold(self):
        """The examples in the docstrings of the utilization report's and the
        staff load's plain functions run and hold."""
        for module in (pikc_utilization_report, hr_employee):
            result = unittest.TextTestRunner(verbosity=0).run(
                doctest.DocTestSuite(module)
            )
            self.assertTrue(result.wasSuccessful(), result.failures)
            self.assertGreaterEqual(result.testsRun, 2)

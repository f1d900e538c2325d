"""The docstring examples of a plain module as tests, one test per docstring.

The plain modules (``models/booking_slots.py``, ``models/utilization_math.py``,
pikc_funding's ``funding_math``) document their functions with runnable
examples. Three runners should run them, each its own way:

* pytest-odoo (``scripts/test``) collects ``unittest.TestCase`` classes and
  ignores the ``load_tests`` protocol;
* Odoo's own runner (``odoo-bin --test-enable``) collects only Odoo's test
  cases (``odoo.tests.BaseCase`` and below, for their tags) and ignores
  ``load_tests`` as well;
* a plain ``unittest`` loader honours ``load_tests``.

:func:`doctest_tests` gives a test module both: a test case class with one
method per docstring holding examples (each fails with the doctest report of
its own examples), built on ``BaseCase`` so that Odoo's runner takes it too,
and a ``load_tests`` that hands a ``unittest`` loader
``doctest.DocTestSuite(module)`` instead of those methods. Usage, in a test
module::

    from odoo.addons.pikc_resources.tests.doctests import doctest_tests

    load_tests, TestFundingMathExamples = doctest_tests(
        funding_math, __name__, more_than=8
    )
"""

import doctest
import unittest

from odoo.tests import BaseCase


def doctest_tests(module, test_module, more_than=0):
    """``(load_tests, test case class)`` for the docstring examples of
    ``module``, to be assigned in the test module named ``test_module`` (its
    ``__name__``: Odoo's runner takes only classes defined there).

    The class has one ``test_<function>`` method per docstring with
    examples, and ``test_examples_are_counted``, which fails unless more
    than ``more_than`` docstrings hold examples (so that examples lost in a
    move do not pass unnoticed).
    """
    doctests = [test for test in doctest.DocTestFinder().find(module) if test.examples]
    attrs = {
        "__module__": test_module,
        "__doc__": f"The docstring examples of {module.__name__} hold, "
        "one test per docstring.",
    }
    for test in doctests:
        name = "test_" + test.name.removeprefix(module.__name__ + ".").replace(".", "_")
        attrs[name] = _example_method(test)

    def test_examples_are_counted(self):
        self.assertGreater(len(doctests), more_than)

    test_examples_are_counted.__doc__ = (
        f"More than {more_than} docstrings of {module.__name__} hold examples."
    )
    attrs["test_examples_are_counted"] = test_examples_are_counted
    name = "Test" + module.__name__.rpartition(".")[2].title().replace("_", "")
    case_class = type(name + "Examples", (BaseCase,), attrs)
    example_names = set(attrs) - {"test_examples_are_counted"}

    def load_tests(_loader, standard_tests, _pattern):
        """The module's tests, the docstring examples as
        ``doctest.DocTestSuite(module)`` rather than as methods."""
        suite = unittest.TestSuite(
            test
            for test in _flatten(standard_tests)
            if not (
                isinstance(test, case_class) and test._testMethodName in example_names
            )
        )
        suite.addTests(doctest.DocTestSuite(module))
        return suite

    return load_tests, case_class


def _example_method(test):
    """A test method running the examples of one docstring (``test``, a
    ``doctest.DocTest``), failing with doctest's report of what differed."""

    def method(self):
        report = []
        runner = doctest.DocTestRunner(verbose=False)
        example = doctest.DocTest(
            test.examples,
            dict(test.globs),
            test.name,
            test.filename,
            test.lineno,
            test.docstring,
        )
        result = runner.run(example, out=report.append)
        if result.failed:
            self.fail("".join(report))
        self.assertEqual(result.attempted, len(test.examples))

    method.__doc__ = f"The examples in the docstring of {test.name} hold."
    return method


def _flatten(suite):
    for test in suite:
        if isinstance(test, unittest.TestSuite):
            yield from _flatten(test)
        else:
            yield test

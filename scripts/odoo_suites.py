"""Reads the logs of Odoo's own test runner for scripts/test-odoo.

Odoo logs each failed test as one ERROR line of the test's module logger,
``odoo.addons.<module>.tests.<file>: FAIL: <Class>.<method>`` (or
``ERROR:``; a class whose set-up failed is logged by ``odoo.tests.suite`` as
``ERROR: setUpClass (odoo.addons.<module>.tests.<file>.<Class>)``), followed
by its traceback, and ends the run with ``N failed, M error(s) of T tests
when loading database 'db'`` (see odoo/tests/result.py and
odoo/service/server.py). From them:

    odoo_suites.py count LOG            tests run and failed, in words
    odoo_suites.py specs LOG [BASE]     the failed tests (those of them that
                                        did not fail in BASE) as a
                                        --test-tags value
    odoo_suites.py report PIKC BASE RERUN MINUTES
                                        the verdict, one summary line; exit 1
                                        when a test fails only with PIKC

``report`` takes the log of the run with PIKC, the log of the baseline run
(the same failed tests, without PIKC) and the log of the rerun with PIKC of
those that passed in the baseline (``-`` for a run that was not needed).
"""

import re
import sys
from dataclasses import dataclass

LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) \S+ "
    r"(?P<logger>[\w.]+): (?P<message>.*)$"
)
FAILED = re.compile(r"^(?P<kind>FAIL|ERROR): (?P<what>.+)$")
ADDON_LOGGER = re.compile(r"^odoo\.addons\.(?P<module>\w+)\.tests\b")
CLASS_LEVEL = re.compile(
    r"^(?:setUpClass|tearDownClass|setUpModule|tearDownModule) "
    r"\(odoo\.addons\.(?P<module>\w+)\.tests\.(?:[\w.]+\.)?(?P<klass>\w+)\)$"
)
METHOD = re.compile(r"^(?:Subtest )?(?P<klass>\w+)\.(?P<method>\w+)\b")
TOTALS = re.compile(
    r"^(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests "
    r"when loading database"
)


@dataclass
class Failure:
    kind: str
    #: the test as ``--test-tags`` selects it (``/module:Class.method``), or
    #: None when the line names no test of an addon (it cannot be rerun)
    spec: str | None
    what: str
    traceback: str


@dataclass
class Run:
    run: int | None
    failed: int | None
    failures: list


def _spec(logger, what):
    match = CLASS_LEVEL.match(what)
    if match:
        return f"/{match['module']}:{match['klass']}"
    addon = ADDON_LOGGER.match(logger)
    match = METHOD.match(what)
    if addon and match:
        return f"/{addon['module']}:{match['klass']}.{match['method']}"
    return None


def parse(path):
    """The tests run, failed and which, from one log of Odoo's runner."""
    result = Run(None, None, [])
    current = None
    with open(path, encoding="utf-8", errors="replace") as log:
        for raw in log:
            line = raw.rstrip("\n")
            match = LINE.match(line)
            if not match:
                if current is not None:
                    current.append(line)
                continue
            current = None
            message = match["message"].strip()
            failed = FAILED.match(message)
            if match["level"] == "ERROR" and failed:
                current = []
                result.failures.append(
                    Failure(
                        failed["kind"],
                        _spec(match["logger"], failed["what"].strip()),
                        f"{match['logger']}: {failed['what'].strip()}",
                        current,
                    )
                )
                continue
            totals = TOTALS.match(message)
            if totals and match["logger"] == "odoo.tests.result":
                result.run = int(totals["run"])
                result.failed = int(totals["failed"]) + int(totals["errors"])
    for failure in result.failures:
        failure.traceback = "\n".join(failure.traceback).strip()
    return result


def _specs(run):
    return sorted({f.spec for f in run.failures if f.spec})


def _fails(spec, specs):
    """Whether the test ``spec`` failed among ``specs``: itself, or its whole
    class (a failed class set-up)."""
    return spec in specs or spec.split(".", 1)[0] in specs


def _read(path):
    return None if path == "-" else parse(path)


def report(pikc_log, baseline_log, rerun_log, minutes):
    """Prints the verdict; returns the exit status."""
    pikc, baseline, rerun = parse(pikc_log), _read(baseline_log), _read(rerun_log)
    problems = []
    if pikc.run is None:
        problems.append("the run with PIKC did not finish (no totals in its log)")
    elif not pikc.run:
        problems.append("no Odoo test ran with PIKC")
    failed_specs = _specs(pikc)
    unnamed = [f for f in pikc.failures if not f.spec]
    if failed_specs and (baseline is None or baseline.run is None):
        problems.append("the baseline run did not finish (no totals in its log)")
        baseline = Run(None, None, [])
    baseline_failed = set(_specs(baseline)) if baseline else set()
    pre_existing = [s for s in failed_specs if _fails(s, baseline_failed)]
    candidates = [s for s in failed_specs if not _fails(s, baseline_failed)]
    if candidates and (rerun is None or rerun.run is None):
        problems.append("the rerun with PIKC did not finish (no totals in its log)")
        rerun = Run(None, None, [Failure("", s, s, "") for s in candidates])
    rerun_failed = set(_specs(rerun)) if rerun else set()
    pikc_only = [s for s in candidates if _fails(s, rerun_failed)]
    flaky = [s for s in candidates if not _fails(s, rerun_failed)]

    for spec in pre_existing:
        print(f"pre-existing (fails without PIKC too): {spec}")
    for spec in flaky:
        print(f"flaky (failed once with PIKC, passed on its rerun): {spec}")
    for failure in pikc.failures:
        if failure.spec in pikc_only or not failure.spec:
            print(f"\nFAILS ONLY WITH PIKC: {failure.kind}: {failure.what}")
            print(failure.traceback)
    for problem in problems:
        print(f"\nproblem: {problem}")

    only = len(pikc_only) + len(unnamed)
    print(
        f"odoo suites: {pikc.run or 0} Odoo tests run with PIKC, "
        f"{len(failed_specs) + len(unnamed)} failed with PIKC, "
        f"{len(pre_existing)} of them failed in the baseline too "
        f"({baseline.run if baseline and baseline.run is not None else 0} rerun "
        f"without PIKC), {len(flaky)} passed on a rerun, {only} failed only with PIKC; "
        f"{minutes} min"
    )
    return 1 if only or problems else 0


def main(argv):
    if len(argv) == 2 and argv[0] == "count":
        run = parse(argv[1])
        print(f"{run.run} tests run, {run.failed} failed")
        return 0
    if len(argv) in (2, 3) and argv[0] == "specs":
        specs = _specs(parse(argv[1]))
        if len(argv) == 3:
            baseline = set(_specs(parse(argv[2])))
            specs = [s for s in specs if not _fails(s, baseline)]
        print(",".join(specs))
        return 0
    if len(argv) == 5 and argv[0] == "report":
        return report(*argv[1:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

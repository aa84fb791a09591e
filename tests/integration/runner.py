"""Runs the integration test modules in a fixed order and counts test cases.

Usage: FASTSCIM_IT_ENV=env.json python3 runner.py [--summary FILE]
           [--boost TEST_BINARY]... [NAME ...]
NAME is a module (test_auth), a class or a test (test_auth.Class.test_x);
without names every module below runs.  Each --boost binary (a Boost.Test
program that needs the running database, e.g. tests/integration/test_store)
runs first with FASTSCIM_CONFIG set, and its test cases count too.  The order matters: the tests that
kill workers and stop the database come late, and test_logs, which reads
every log the others produced, comes last.  Prints `N passed, M failed`
last and writes the same line to FILE.
"""

import argparse
import glob
import json
import os
import re
import subprocess
import sys
import time
import traceback
import unittest

MODULES = [
    "test_discovery",
    "test_policies",
    "test_auth",
    "test_errors",
    "test_apache",
    "test_web_errors",
    "test_admin",
    "test_extensions",
    "test_users",
    "test_groups",
    "test_limits",
    "test_protocol",
    "test_events",
    "test_manage",
    "test_manage_feed",
    "test_policy_overrides",
    "test_deprovision_guard",
    "test_log",
    "test_portal",
    "test_fairness",
    "test_conformance",
    "test_webhooks",
    "test_metrics",
    "test_example_product",
    "test_supervisor",
    "test_systemd",
    "test_resilience",
    "test_logs",
]


def run_boost(binary):
    """Runs one Boost.Test program; returns (passed, failed) test cases."""
    name = os.path.basename(binary)
    if not os.access(binary, os.X_OK):
        print("%s: not built (make check builds it) ... FAIL" % binary)
        return 0, 1
    env = dict(os.environ)
    with open(os.environ["FASTSCIM_IT_ENV"], encoding="utf-8") as f:
        env["FASTSCIM_CONFIG"] = json.load(f)["config"]
    print("---- %s" % name, flush=True)
    result = subprocess.run([binary, "--log_level=test_suite", "--report_level=short"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600)
    print(result.stdout, flush=True)
    passed = failed = 0
    for count, outcome in re.findall(r"(\d+) test cases? out of \d+ (passed|failed)", result.stdout):
        if outcome == "passed":
            passed = int(count)
        else:
            failed = int(count)
    if result.returncode != 0 and failed == 0:
        failed = 1  # it crashed, or failed outside a test case
    print("%s: %d passed, %d failed (exit %d)" % (name, passed, failed, result.returncode), flush=True)
    return passed, failed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--summary")
    parser.add_argument("--boost", action="append", default=[])
    parser.add_argument("--boost-only", action="store_true", help="run the --boost programs and no module")
    parser.add_argument("names", nargs="*")
    args = parser.parse_args()
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

    loader = unittest.TestLoader()
    suite = unittest.TestSuite()
    boost_passed, boost_failed = 0, 0
    for binary in args.boost:
        passed, failed = run_boost(binary)
        boost_passed += passed
        boost_failed += failed

    broken = []
    # A test module left out of MODULES would never run: that is a failure.
    here = os.path.dirname(os.path.abspath(__file__))
    for path in sorted(glob.glob(os.path.join(here, "test_*.py"))):
        module = os.path.basename(path)[:-3]
        if not args.names and not args.boost_only and module not in MODULES:
            print("%s: not listed in runner.py's MODULES, so it would never run ... FAIL" % module)
            broken.append(module)
    for name in [] if args.boost_only else args.names or MODULES:
        try:
            suite.addTests(loader.loadTestsFromName(name))
        except Exception:  # a module that does not import is one failure
            traceback.print_exc()
            broken.append(name)
    started = time.monotonic()
    result = unittest.TextTestRunner(stream=sys.stdout, verbosity=2).run(suite)

    def case(test):  # a failed subTest counts once, as its test case
        return getattr(test, "test_case", test).id()

    failed_ids = {case(t) for t, _ in result.failures + result.errors}
    failed_ids |= {case(t) for t in result.unexpectedSuccesses}
    # A skipped test is not a passed one (and the suite never skips by design).
    failed_ids |= {case(t) for t, _ in result.skipped}
    failed = len(failed_ids) + len(broken) + boost_failed
    passed = max(result.testsRun - len(failed_ids), 0) + boost_passed
    line = "%d passed, %d failed" % (passed, failed)
    print("integration: %d test cases in %.1fs" % (result.testsRun, time.monotonic() - started))
    print(line)
    if args.summary:
        with open(args.summary, "w", encoding="utf-8") as f:
            f.write(line + "\n")
    ran = result.testsRun + boost_passed + boost_failed
    return 0 if failed == 0 and ran > 0 else 1


if __name__ == "__main__":
    sys.exit(main())

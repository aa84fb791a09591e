"""The third-party conformance suites (../shared/conformance: Microsoft's
"SCIM Tests" and "SCIM Inbound" collections, Okta's SCIM 2.0 SPEC test) run
against the live stack, on a tenant of their own that starts empty; then
Microsoft's "SCIM Tests" once more on a tenant set to the lenient dialect
(DIA-01..03), counted as the suite `ms-lenient`.

Every failed assertion must be listed, with the reason the suite is wrong,
in tests/conformance/KNOWN_DEVIATIONS.md; any other failure fails this test,
and so does a listed deviation that no longer fails (keep the list true)."""

import os
import re
import subprocess
import unittest
import uuid

from fixture import ENV, admin, record_token, url

SRCDIR = os.environ.get("FASTSCIM_SRCDIR", os.path.join(os.path.dirname(__file__), "..", ".."))
BUILDDIR = os.environ.get("FASTSCIM_BUILDDIR", os.path.join(SRCDIR, "build"))
CONFORMANCE = os.path.normpath(os.path.join(SRCDIR, "..", "shared", "conformance"))
DEVIATIONS = os.path.join(SRCDIR, "tests", "conformance", "KNOWN_DEVIATIONS.md")
SUITES = ["ms", "ms-inbound", "okta-spec"]
LENIENT = "ms-lenient"


def known_deviations():
    """{(suite, request, assertion)} from the table rows of KNOWN_DEVIATIONS.md."""
    rows = set()
    with open(DEVIATIONS, encoding="utf-8") as f:
        for line in f:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) >= 4 and cells[0] in SUITES + [LENIENT]:
                rows.add((cells[0], cells[1].strip("`"), cells[2].strip("`")))
    return rows


def parse(output, lenient=False):
    """({suite: (passed, failed)}, {(suite, request, assertion)}) from the runner's output."""
    counts, failures, suite = {}, set(), None
    names = {"PostmanCollection": LENIENT if lenient else "ms", "SCIM-Inbound.postman_collection": "ms-inbound",
             "Okta-SCIM-20-SPEC-Test": "okta-spec"}
    for line in output.splitlines():
        m = re.match(r"== (\S+): (\d+) passed, (\d+) failed", line)
        if m:
            suite = names.get(m.group(1), m.group(1))
            if lenient and suite == "ms":
                suite = LENIENT
            counts[suite] = (int(m.group(2)), int(m.group(3)))
            continue
        m = re.match(r"\s+FAIL (.*?) :: (.*?) :: ", line)
        if m and suite:
            failures.add((suite, m.group(1).strip(), m.group(2).strip().strip('"')))
    return counts, failures


def new_tenant(*settings):
    """A new, empty tenant with `settings` (name, value pairs); its token."""
    tenant = "conformance-" + uuid.uuid4().hex[:8]
    admin("tenant", "create", tenant, check=True)
    for name, value in settings:
        admin("tenant", "set", tenant, name, value, check=True)
    secret = admin("token", "issue", "--tenant", tenant, check=True).stdout.strip()
    record_token(secret)
    return secret


class ConformanceTest(unittest.TestCase):
    def test_third_party_suites_pass_except_documented_deviations(self):
        runner = os.path.join(CONFORMANCE, "run-postman.sh")
        self.assertTrue(os.path.exists(runner), "the conformance suites are missing: " + runner)
        secret = new_tenant()
        lenient_secret = new_tenant(("dialect", "lenient"))

        # Trust the stack's self-signed certificate in curl and newman (node)
        # in addition to whatever the machine already trusts (npm needs that
        # to install newman on first use).
        bundle = os.path.join(ENV["workdir"], "conformance-ca.pem")
        with open(bundle, "w", encoding="utf-8") as out:
            for extra in (os.environ.get("NODE_EXTRA_CA_CERTS"), os.environ.get("CURL_CA_BUNDLE"),
                          "/etc/ssl/certs/ca-certificates.crt", ENV["cafile"]):
                if extra and os.path.isfile(extra):
                    with open(extra, encoding="utf-8") as f:
                        out.write(f.read().rstrip("\n") + "\n")
        env = dict(os.environ)
        env.update({
            "NEWMAN_TOOLS_DIR": os.path.join(BUILDDIR, "newman"),
            "RESULTS_DIR": os.path.join(ENV["workdir"], "conformance"),
            "CURL_CA_BUNDLE": bundle,
            "NODE_EXTRA_CA_CERTS": bundle,
        })
        counts, failures, output = {}, set(), ""
        for suites, token, lenient in ((SUITES, secret, False), (["ms"], lenient_secret, True)):
            run = subprocess.run(["bash", runner, url("nginx"), token] + suites, capture_output=True,
                                 stdin=subprocess.DEVNULL, text=True, env=env, timeout=900)
            run_output = run.stdout + run.stderr
            run_counts, run_failures = parse(run_output, lenient)
            counts.update(run_counts)
            failures |= run_failures
            output += ("\n== lenient dialect:\n" if lenient else "") + run_output
        report = "\n".join(line for line in output.splitlines() if line.startswith(("==", "   FAIL")) or
                           re.match(r"^\d+ passed, \d+ failed$", line))
        print("\n" + report)
        with open(os.path.join(ENV["workdir"], "conformance-summary.txt"), "w", encoding="utf-8") as f:
            f.write(report + "\n")
        self.assertEqual(set(counts), set(SUITES + [LENIENT]), output[-3000:])

        expected = known_deviations()
        unexpected = sorted(failures - expected)
        fixed = sorted(expected - failures)
        self.assertEqual(unexpected, [], "failures not in KNOWN_DEVIATIONS.md:\n" + report)
        self.assertEqual(fixed, [], "listed deviations that now pass; remove them from KNOWN_DEVIATIONS.md")


if __name__ == "__main__":
    unittest.main()

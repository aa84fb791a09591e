"""What the logs hold after every other test ran: one access line per
request, and never a token (SEC-15).  Runs last."""

import os
import re
import unittest

from fixture import ENV, request, token, url


def read(path):
    if not os.path.exists(path):
        return ""
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


class LogTest(unittest.TestCase):

    def test_no_token_ever_appears_in_any_log(self):
        """SEC-15, and DESIGN: tokens are never written to a log.  Covers every
        token issued or sent by the tests, valid, revoked or forged."""
        secrets = set(read(ENV["tokens_file"]).split())
        for tenant in ENV["tenants"].values():
            secrets.update(tenant.values())
        self.assertGreater(len(secrets), 5)
        logs = {name: read(path) for name, path in ENV["logs"].items()}
        self.assertTrue(logs["fastscimd"], "fastscimd's log is empty")
        for name, text in logs.items():
            for secret in secrets:
                with self.subTest(log=name):
                    self.assertNotIn(secret, text, "a token is in the %s log" % name)

    def test_each_request_is_logged_once_with_tenant_method_path_status_and_duration(self):
        marker = "/ServiceProviderConfig"
        before = read(ENV["logs"]["fastscimd"]).count("path=/scim/v2" + marker + " ")
        self.assertEqual(request("GET", url("nginx", marker), token=token("beta")).status, 200)
        log = read(ENV["logs"]["fastscimd"])
        self.assertEqual(log.count("path=/scim/v2" + marker + " "), before + 1)
        line = [l for l in log.splitlines() if "path=/scim/v2" + marker + " " in l][-1]
        self.assertRegex(line, r"tenant=beta method=GET path=/scim/v2/ServiceProviderConfig "
                               r"status=200 duration_ms=[0-9.]+")

    def test_a_rejected_request_is_logged_without_a_tenant(self):
        self.assertEqual(request("GET", url("nginx", "/ServiceProviderConfig")).status, 401)
        lines = [l for l in read(ENV["logs"]["fastscimd"]).splitlines() if "status=401" in l]
        self.assertTrue(lines)
        self.assertTrue(re.search(r"tenant=- ", lines[-1]), lines[-1])


if __name__ == "__main__":
    unittest.main()

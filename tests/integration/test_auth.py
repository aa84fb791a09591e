"""Bearer-token authentication through nginx (TLS) to the fastscimd pool."""

import concurrent.futures
import os
import subprocess
import time
import unittest

from fixture import (ENV, ScimAssertions, admin, issue_token, record_token, request, token, url)

ENDPOINTS = ("nginx", "apache_fcgid", "apache_proxy_fcgi")

SPC = "/ServiceProviderConfig"


class BearerAuthenticationTest(ScimAssertions, unittest.TestCase):

    def assertUnauthorized(self, response):
        """SEC-03: a 401 names the Bearer scheme in WWW-Authenticate; ERR-01:
        and carries a SCIM Error body."""
        body = self.assertScimError(response, 401)
        challenge = response.header("www-authenticate") or ""
        self.assertTrue(challenge.lower().startswith("bearer"), response.headers)
        self.assertTrue(body.get("detail"), body)

    def test_a_request_without_authorization_is_rejected_with_401(self):
        """SEC-02, SEC-03, ERR-01."""
        self.assertUnauthorized(request("GET", url("nginx", SPC)))

    def test_malformed_authorization_headers_are_rejected_with_401(self):
        for header in ("Basic dXNlcjpwYXNzd29yZA==", "Bearer", "Bearer ", "Token abc",
                       "Bearer a b", "Bearer\t", token()):
            with self.subTest(header=header):
                response = request("GET", url("nginx", SPC), headers={"Authorization": header})
                self.assertUnauthorized(response)

    def test_an_unknown_token_is_rejected_with_401(self):
        forged = "fsc_" + "A" * 43
        record_token(forged)
        self.assertUnauthorized(request("GET", url("nginx", SPC), token=forged))

    def test_a_slightly_altered_token_is_rejected(self):
        good = token()
        altered = good[:-1] + ("A" if good[-1] != "A" else "B")
        record_token(altered)
        self.assertUnauthorized(request("GET", url("nginx", SPC), token=altered))

    def test_the_401_has_www_authenticate_bearer_and_a_scim_error_body_with_status_401(self):
        """SEC-03, ERR-01, ERR-02."""
        response = request("GET", url("nginx", SPC), token="not-a-token")
        record_token("not-a-token")
        self.assertUnauthorized(response)
        self.assertEqual(response.json()["status"], "401")

    def test_two_tokens_of_one_tenant_both_work(self):
        """Rotation without downtime: several tokens per tenant at once."""
        for name in ("first", "second"):
            with self.subTest(token=name):
                response = request("GET", url("nginx", SPC), token=token("alpha", name))
                self.assertEqual(response.status, 200, response)

    def test_tokens_of_two_tenants_each_work_and_select_their_tenant(self):
        """SEC-08: the credential selects the tenant (seen in the access log)."""
        for tenant in ("alpha", "beta"):
            with self.subTest(tenant=tenant):
                response = request("GET", url("nginx", SPC), token=token(tenant, "first"))
                self.assertEqual(response.status, 200, response)
        with open(ENV["logs"]["fastscimd"], encoding="utf-8", errors="replace") as f:
            log = f.read()
        for tenant in ("alpha", "beta"):
            self.assertIn("tenant=%s method=GET path=/scim/v2/ServiceProviderConfig status=200" % tenant, log)

    def test_a_revoked_token_is_rejected_on_the_next_request(self):
        """Revocation takes effect on the next request, in every worker."""
        secret = issue_token("alpha", "to-revoke")
        self.assertEqual(request("GET", url("nginx", SPC), token=secret).status, 200)
        admin("token", "revoke", "--tenant", "alpha", "to-revoke", check=True)
        self.assertUnauthorized(request("GET", url("nginx", SPC), token=secret))
        # Every worker, not just the one that answered: many requests at once.
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            statuses = list(pool.map(
                lambda _: request("GET", url("nginx", SPC), token=secret).status, range(24)))
        self.assertEqual(set(statuses), {401})
        # The tenant's other tokens are untouched.
        self.assertEqual(request("GET", url("nginx", SPC), token=token("alpha", "second")).status, 200)

    def test_tokens_of_a_deleted_tenant_are_rejected(self):
        admin("tenant", "create", "doomed", check=True)
        secret = issue_token("doomed", "only")
        self.assertEqual(request("GET", url("nginx", SPC), token=secret).status, 200)
        admin("tenant", "delete", "doomed", "--yes", check=True)
        self.assertUnauthorized(request("GET", url("nginx", SPC), token=secret))

    def test_a_revocation_made_elsewhere_applies_on_every_worker_after_one_second(self):
        """Workers keep accepted tokens in memory (doc/auth-cache.md); a
        revocation that only the database knows of (made on another host:
        this host's epoch file is not raised) still applies everywhere
        within one second."""
        secret = issue_token("alpha", "revoked-elsewhere")

        def statuses():
            jobs = [endpoint for endpoint in ENDPOINTS for _ in range(16)]
            with concurrent.futures.ThreadPoolExecutor(8) as pool:
                return list(pool.map(lambda e: request("GET", url(e, SPC), token=secret).status, jobs))

        # Every worker of every pool has the token in its cache.
        self.assertEqual(set(statuses()), {200})
        elsewhere = dict(os.environ, FASTSCIM_LIMITS_FILE=os.path.join(ENV["workdir"], "elsewhere.limits"))
        subprocess.run([ENV["admin"], "--config", ENV["config"], "token", "revoke", "--tenant", "alpha",
                        "revoked-elsewhere"], env=elsewhere, check=True, capture_output=True, timeout=60)
        time.sleep(1.0)
        self.assertEqual(set(statuses()), {401})
        self.assertEqual(request("GET", url("nginx", SPC), token=token("alpha", "second")).status, 200)


if __name__ == "__main__":
    unittest.main()

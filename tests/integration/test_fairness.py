"""Fairness between tenants (issue 12, doc/limits.md): per-tenant rate and
concurrency limits shared by every worker process, answered with a SCIM 429
and Retry-After, and a noisy tenant that cannot starve a quiet one.

The test stack's defaults are generous (run.sh), so the other tests never
meet a limit; the tenants here set their own with fastscim-admin tenant set.
No test here asserts a time: the noisy-neighbour latencies are measured by
bench/noisy_neighbour.py."""

import concurrent.futures
import threading
import time
import unittest
import urllib.parse
import uuid

from fixture import ERROR_SCHEMA, SCIM_JSON, admin, issue_token, request, url

USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"


def new_tenant(prefix):
    name = "%s-%s" % (prefix, uuid.uuid4().hex[:8])
    admin("tenant", "create", name, check=True)
    return name, issue_token(name, "limits")


def set_limits(tenant, **settings):
    for setting, value in settings.items():
        admin("tenant", "set", tenant, setting.replace("_", "-"), str(value), check=True)


def create_users(endpoint, secret, names, title, threads=8):
    def create(name):
        r = request("POST", url(endpoint, "/Users"), token=secret,
                    body={"schemas": [USER_SCHEMA], "userName": name, "title": title,
                          "name": {"givenName": "Given", "familyName": name}})
        return r.status

    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        return list(pool.map(create, names))


class LimitsTest(unittest.TestCase):

    def assertThrottled(self, response):
        """RFC 6585 §4 and RFC 7644 §3.12: 429, Retry-After, a SCIM Error, no scimType."""
        self.assertEqual(response.status, 429, response)
        self.assertEqual(response.media_type, SCIM_JSON)
        self.assertGreaterEqual(int(response.header("retry-after")), 1)
        body = response.json()
        self.assertEqual(body["schemas"], [ERROR_SCHEMA])
        self.assertEqual(body["status"], "429")
        self.assertNotIn("scimType", body)

    def test_a_tenant_over_its_rate_gets_429_with_retry_after_from_every_worker(self):
        """Ten requests on new connections reach the supervisor's three workers:
        exactly the burst passes, so every worker counts against one bucket."""
        tenant, secret = new_tenant("rate")
        set_limits(tenant, rate_limit="1/m", rate_burst=2)
        shown = admin("tenant", "show", tenant, check=True).stdout
        self.assertIn("rate-limit: 1/m", shown)
        self.assertIn("rate-burst: 2", shown)
        responses = [request("GET", url("nginx", "/Users?count=1"), token=secret) for _ in range(10)]
        self.assertEqual([r.status for r in responses].count(200), 2, responses)
        for r in responses[2:]:
            self.assertThrottled(r)
        self.assertIn("requests a second", responses[-1].json()["detail"])

    def test_each_bulk_operation_counts_against_the_rate(self):
        """BLK-12: a bulk of six operations is admitted as one request and runs
        whole, then charges the other five; the tenant's next request waits."""
        tenant, secret = new_tenant("bulkrate")
        set_limits(tenant, rate_limit="1/m", rate_burst=3)
        ops = [{"method": "POST", "path": "/Users", "bulkId": "b%d" % i,
                "data": {"schemas": [USER_SCHEMA], "userName": "bulk.rate.%d" % i}} for i in range(6)]
        r = request("POST", url("nginx", "/Bulk"), token=secret,
                    body={"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], "Operations": ops})
        self.assertEqual(r.status, 200, r)
        self.assertEqual([o["status"] for o in r.json()["Operations"]], ["201"] * 6)
        # Three tokens, six operations: the bucket owes three, so even a
        # burst of three would be refused now, with a wait of minutes.
        refused = request("GET", url("nginx", "/Users?count=0"), token=secret)
        self.assertThrottled(refused)
        self.assertGreaterEqual(int(refused.header("retry-after")), 120)
        self.assertIn("each operation of a /Bulk request counts as one", refused.json()["detail"])

    def test_a_list_is_charged_per_hundred_resources_it_returns(self):
        """GET-08: with 101 users, a page of 100 costs one request and a page
        of 101 two: on a burst of three the third request is refused (it
        would be served if each page cost one)."""
        tenant, secret = new_tenant("listrate")
        statuses = create_users("nginx", secret, ["list.rate.%d" % i for i in range(101)], "Clerk")
        self.assertEqual(statuses, [201] * 101)
        set_limits(tenant, rate_limit="1/m", rate_burst=3)
        page = request("GET", url("nginx", "/Users?count=100&attributes=userName"), token=secret)
        self.assertEqual(len(page.json()["Resources"]), 100, page)
        page = request("GET", url("nginx", "/Users?count=101&attributes=userName"), token=secret)
        self.assertEqual(len(page.json()["Resources"]), 101, page)
        refused = request("GET", url("nginx", "/Users?count=1"), token=secret)
        self.assertThrottled(refused)
        self.assertIn("each 100 resources a list returns", refused.json()["detail"])

    def test_a_throttled_tenant_leaves_other_tenants_alone(self):
        tenant, secret = new_tenant("rate")
        _, other_secret = new_tenant("calm")
        set_limits(tenant, rate_limit="1/m", rate_burst=1)
        self.assertEqual(request("GET", url("nginx", "/Users"), token=secret).status, 200)
        self.assertThrottled(request("GET", url("nginx", "/Users"), token=secret))
        for _ in range(5):
            self.assertEqual(request("GET", url("nginx", "/Users"), token=other_secret).status, 200)
        # Back to the server's default: served again.
        set_limits(tenant, rate_limit="default", rate_burst="default")
        self.assertEqual(request("GET", url("nginx", "/Users"), token=secret).status, 200)

    def test_apache_mod_fcgid_workers_enforce_the_limits_too(self):
        """mod_fcgid starts fastscimd itself, with no supervisor: the limits hold there as well."""
        tenant, secret = new_tenant("fcgid")
        set_limits(tenant, rate_limit="1/m", rate_burst=1)
        statuses = []
        for _ in range(6):
            r = request("GET", url("apache_fcgid", "/Users?count=1"), token=secret)
            statuses.append(r.status)
            if r.status == 429:
                self.assertThrottled(r)
        self.assertIn(429, statuses)
        self.assertTrue(set(statuses) <= {200, 429}, statuses)

    def test_a_noisy_tenant_is_throttled_while_a_quiet_tenants_lookups_keep_succeeding(self):
        """Issue 12's noisy neighbour: 32 connections of heavy lists (count=1000,
        a `co` filter on the unindexed title) against Entra-paced match lookups
        (userName eq) of another tenant.  The quiet tenant gets no 429 and no
        5xx; the noisy one gets 429s with Retry-After."""
        noisy, noisy_secret = new_tenant("noisy")
        quiet, quiet_secret = new_tenant("quiet")
        statuses = create_users("nginx", noisy_secret, ["noisy%d@example.com" % i for i in range(400)],
                                "Principal Engineer")
        self.assertEqual(set(statuses), {201})
        quiet_names = ["quiet%d@example.com" % i for i in range(20)]
        self.assertEqual(set(create_users("nginx", quiet_secret, quiet_names, "Analyst")), {201})
        # The quiet tenant has the production defaults of this pool (100/s,
        # bursts of 200, half of 3 x 2 threads); the noisy one a tighter cap.
        set_limits(quiet, rate_limit="100/s", rate_burst=200, max_concurrent=3)
        set_limits(noisy, rate_limit="20/s", rate_burst=20, max_concurrent=2)

        heavy = url("nginx", "/Users?count=1000&filter=" + urllib.parse.quote('title co "engineer"'))
        stop = threading.Event()
        noisy_responses = []
        lock = threading.Lock()

        def flood():
            while not stop.is_set():
                r = request("GET", heavy, token=noisy_secret, timeout=60)
                with lock:
                    noisy_responses.append(r)

        quiet_responses = []
        with concurrent.futures.ThreadPoolExecutor(32) as pool:
            floods = [pool.submit(flood) for _ in range(32)]
            time.sleep(0.5)  # let the flood build up
            for i in range(80):  # about Entra's pace: a lookup every 50 ms
                name = quiet_names[i % len(quiet_names)]
                lookup = url("nginx", "/Users?filter=" + urllib.parse.quote('userName eq "%s"' % name))
                quiet_responses.append((name, request("GET", lookup, token=quiet_secret, timeout=60)))
                time.sleep(0.05)
            stop.set()
            for f in floods:
                f.result()

        for name, r in quiet_responses:
            self.assertEqual(r.status, 200, r)
            self.assertEqual(r.json()["totalResults"], 1)
            self.assertEqual(r.json()["Resources"][0]["userName"], name)
        noisy_statuses = [r.status for r in noisy_responses]
        self.assertTrue(set(noisy_statuses) <= {200, 429}, sorted(set(noisy_statuses)))
        self.assertIn(429, noisy_statuses)
        self.assertIn(200, noisy_statuses)  # throttled, not shut out
        for r in noisy_responses:
            if r.status == 429:
                self.assertThrottled(r)
            else:
                self.assertEqual(r.json()["totalResults"], 400)


if __name__ == "__main__":
    unittest.main()

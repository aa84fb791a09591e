"""The management API's webhook routes, the provisioning log and the long
poll on the event feed, on the real stack (nginx → fastscimd): API-key
scoping, the signing secret shown once, 4xx JSON that names the problem,
the log's filters and paging, a long poll answered by a write made during
the wait, and the cap on waiting requests — every response checked
against the served OpenAPI description (test_manage.OpenApi).

The stack runs 3 workers of 2 threads: at most one request per worker
process waits in a long poll, three in all.
"""

import json
import signal
import threading
import uuid

from fixture import admin, fcgi_request, issue_token, record_token, request, url, wait_until
from test_manage import MANAGE_JSON, ManageCase, issue_key, manage_url
from test_supervisor import ExtraSupervisor

USER = "urn:ietf:params:scim:schemas:core:2.0:User"
WAITING_ROOMS = 3  # one per worker process (threads=2 in run.sh)


def create_user(token, name=None):
    body = {"schemas": [USER], "userName": name or "%s@example.com" % uuid.uuid4().hex[:12], "active": True}
    r = request("POST", url("nginx", "/Users"), token, body)
    assert r.status == 201, r
    return r.json()


class WebhookRoutesTest(ManageCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tenant = "mh-" + uuid.uuid4().hex[:8]
        cls.other = "mh-other-" + uuid.uuid4().hex[:8]
        for name in (cls.tenant, cls.other):
            admin("tenant", "create", name, check=True)
        cls.key = issue_key("mh-scoped-" + uuid.uuid4().hex[:6], cls.tenant)
        cls.operator = issue_key("mh-operator-" + uuid.uuid4().hex[:6])

    def add(self, tenant=None, key=None, **body):
        body.setdefault("url", "https://receiver.example/hooks")
        r = self.call("POST", "/tenants/%s/webhooks" % (tenant or self.tenant), key=key or self.key, body=body)
        self.assertEqual(r.status, 201, r)
        record_token(r.json()["secret"])
        return r

    def test_add_answers_the_secret_once_and_nothing_else_shows_it(self):
        added = self.add(**{"from": "0"})
        self.assertEqual(added.header("Cache-Control"), "no-store")
        endpoint = added.json()
        self.assertRegex(endpoint["secret"], r"^whsec_[0-9a-f]{64}$")
        self.assertEqual((endpoint["tenant"], endpoint["cursor"], endpoint["state"]), (self.tenant, "0", "enabled"))
        path = "/tenants/%s/webhooks/%d" % (self.tenant, endpoint["id"])
        seen = [self.call("GET", "/tenants/%s/webhooks" % self.tenant, key=self.key).body,
                self.call("GET", path, key=self.key).body,
                self.call("POST", path + "/disable", key=self.key).body,
                self.call("GET", path + "/deliveries", key=self.key).body,
                admin("webhook", "list", "--tenant", self.tenant, json_output=True, check=True).stdout.encode()]
        for body in seen:
            self.assertNotIn(endpoint["secret"].encode(), body)
        # The CLI sees the endpoint the API made: one implementation.
        listed = json.loads(admin("webhook", "list", "--tenant", self.tenant, json_output=True, check=True).stdout)
        self.assertIn(endpoint["id"], [w["id"] for w in listed])

    def test_an_endpoint_is_shown_disabled_enabled_rewound_rotated_and_removed(self):
        endpoint = self.add().json()
        path = "/tenants/%s/webhooks/%d" % (self.tenant, endpoint["id"])
        disabled = self.call("POST", path + "/disable", key=self.key).json()
        self.assertEqual(disabled["state"], "disabled")
        self.assertIn("mh-scoped", disabled["disabledReason"])
        self.assertEqual(self.call("POST", path + "/enable", key=self.key).json()["state"], "enabled")
        rewound = self.call("POST", path + "/redeliver", key=self.key, body={"from": 0})
        self.assertEqual(rewound.json()["cursor"], "0")
        rotated = self.call("POST", path + "/rotate-secret", key=self.key)
        self.assertEqual(rotated.status, 200, rotated)
        record_token(rotated.json()["secret"])
        self.assertNotEqual(rotated.json()["secret"], endpoint["secret"])
        self.assertEqual(rotated.header("Cache-Control"), "no-store")
        self.assertEqual(self.call("GET", path, key=self.key).json()["id"], endpoint["id"])
        self.assertEqual(self.call("DELETE", path, key=self.key).status, 204)
        self.assertManageError(self.call("GET", path, key=self.key), 404, "not_found")
        self.assertManageError(self.call("GET", path + "/deliveries", key=self.key), 404, "not_found")

    def test_the_cli_and_the_api_share_the_delivery_log(self):
        endpoint = self.add().json()
        path = "/tenants/%s/webhooks/%d/deliveries?limit=5" % (self.tenant, endpoint["id"])
        page = self.call("GET", path, key=self.key).json()
        cli = json.loads(admin("webhook", "deliveries", "--tenant", self.tenant, str(endpoint["id"]), "--limit", "5",
                               json_output=True, check=True).stdout)
        self.assertEqual(page, cli)
        self.assertEqual(page, {"deliveries": [], "nextCursor": None})

    def test_a_tenant_key_gets_404_for_another_tenants_webhooks(self):
        theirs = self.add(tenant=self.other, key=self.operator).json()
        base = "/tenants/%s/webhooks" % self.other
        one = "%s/%d" % (base, theirs["id"])
        for method, path, body in (("GET", base, None), ("POST", base, {"url": "https://x.example/"}),
                                   ("GET", one, None), ("DELETE", one, None), ("POST", one + "/enable", None),
                                   ("POST", one + "/rotate-secret", None), ("POST", one + "/redeliver", {"from": 0}),
                                   ("GET", one + "/deliveries", None)):
            with self.subTest(method=method, path=path):
                r = self.call(method, path, key=self.key, body=body)
                body = self.assertManageError(r, 404, "not_found")
                self.assertEqual(body["message"], 'no tenant named "%s"' % self.other)
        # Its id under the key's own tenant is no endpoint either.
        mine = "/tenants/%s/webhooks/%d" % (self.tenant, theirs["id"])
        self.assertManageError(self.call("GET", mine, key=self.key), 404, "not_found")
        self.assertEqual(self.call("GET", one, key=self.operator).status, 200)

    def test_bad_input_is_a_4xx_that_names_the_problem(self):
        base = "/tenants/%s/webhooks" % self.tenant
        endpoint = self.add().json()
        one = "%s/%d" % (base, endpoint["id"])
        cases = [
            ("POST", base, {"url": "ftp://receiver.example/"}, 400, "only http:// and https://"),
            ("POST", base, {"url": "https://u:p@receiver.example/"}, 400, "credentials"),
            ("POST", base, {}, 400, '"url" is required'),
            ("POST", base, {"url": "https://r.example/", "from": -1}, 400, '"from" must be an event position'),
            ("POST", base, {"url": "https://r.example/", "secret": "x"}, 400, 'Unknown member "secret"'),
            ("POST", one + "/redeliver", {}, 400, '"from" is required'),
            ("GET", one + "/deliveries?limit=0", None, 400, "limit"),
            ("GET", one + "/deliveries?before=x", None, 400, "cursor"),
            ("GET", base + "/abc", None, 404, "has no webhook abc"),
            ("GET", base + "/999999999", None, 404, "has no webhook 999999999"),
            ("PUT", one, None, 405, "GET, DELETE"),
        ]
        for method, path, body, status, named in cases:
            with self.subTest(method=method, path=path):
                problem = self.assertManageError(self.call(method, path, key=self.key, body=body), status)
                self.assertIn(named, problem["message"])
        raw = self.call("POST", base, key=self.key, raw=b"{not json")
        self.assertIn("not valid JSON", self.assertManageError(raw, 400)["message"])


class ProvisioningLogApiTest(ManageCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tenant = "ml-" + uuid.uuid4().hex[:8]
        cls.other = "ml-other-" + uuid.uuid4().hex[:8]
        for name in (cls.tenant, cls.other):
            admin("tenant", "create", name, check=True)
        cls.key = issue_key("ml-key-" + uuid.uuid4().hex[:6], cls.tenant)
        cls.token = issue_token(cls.tenant, "entra")
        create_user(cls.token, "ada@example.com")
        create_user(cls.token, "bob@example.com")
        dup = request("POST", url("nginx", "/Users"), cls.token,
                      {"schemas": [USER], "userName": "ada@example.com"})
        assert dup.status == 409, dup

    def log(self, query=""):
        r = self.call("GET", "/tenants/%s/log%s" % (self.tenant, query), key=self.key)
        self.assertEqual(r.status, 200, r)
        return r.json()

    def test_the_log_lists_each_write_newest_first_without_secrets(self):
        page = self.log()
        self.assertEqual([(e["method"], e["status"], e["name"]) for e in page["entries"]],
                         [("POST", 409, "ada@example.com"), ("POST", 201, "bob@example.com"),
                          ("POST", 201, "ada@example.com")])
        self.assertEqual(page["entries"][0]["scimType"], "uniqueness")
        self.assertIsNone(page["nextCursor"])
        self.assertNotIn(self.token, json.dumps(page))
        # The same call as the CLI's.
        cli = json.loads(admin("log", "--tenant", self.tenant, json_output=True, check=True).stdout)
        self.assertEqual(page, cli)

    def test_outcome_and_status_filter_the_entries(self):
        self.assertEqual([e["status"] for e in self.log("?outcome=failure")["entries"]], [409])
        self.assertEqual([e["status"] for e in self.log("?outcome=success")["entries"]], [201, 201])
        self.assertEqual([e["name"] for e in self.log("?status=201")["entries"]],
                         ["bob@example.com", "ada@example.com"])
        self.assertEqual(self.log("?status=404")["entries"], [])

    def test_time_filters_bound_the_entries(self):
        newest = self.log()["entries"][0]["time"]
        self.assertEqual(len(self.log("?since=2000-01-01&until=2999-01-01")["entries"]), 3)
        self.assertEqual(self.log("?since=2999-01-01")["entries"], [])
        self.assertEqual(self.log("?until=2000-01-01T00:00:00Z")["entries"], [])
        self.assertEqual(len(self.log("?since=" + newest)["entries"]), 1)

    def test_the_cursor_pages_through_the_entries(self):
        everything = self.log()["entries"]
        first = self.log("?limit=2")
        self.assertEqual(first["entries"], everything[:2])
        self.assertEqual(first["nextCursor"], everything[1]["cursor"])
        second = self.log("?limit=2&before=" + first["nextCursor"])
        self.assertEqual(second["entries"], everything[2:])
        self.assertIsNone(second["nextCursor"])

    def test_bad_filters_are_400_naming_the_parameter_and_another_tenant_404(self):
        for query, named in (("?since=yesterday", '"since"'), ("?until=2026-02-30", '"until"'),
                             ("?since=2026-03-02&until=2026-03-01", '"since" must be before'),
                             ("?outcome=fail", '"outcome"'), ("?status=700", '"status"'),
                             ("?outcome=success&status=404", "never a success"), ("?before=0", '"before"'),
                             ("?limit=1001", '"limit"')):
            with self.subTest(query=query):
                r = self.call("GET", "/tenants/%s/log%s" % (self.tenant, query), key=self.key)
                self.assertIn(named, self.assertManageError(r, 400, "invalid_request")["message"])
        self.assertManageError(self.call("GET", "/tenants/%s/log" % self.other, key=self.key), 404, "not_found")
        self.assertManageError(self.call("DELETE", "/tenants/%s/log" % self.tenant, key=self.key), 405)


class LongPollTest(ManageCase):
    """GET …/events?wait=SECONDS.  A long poll that waited out its deadline
    would outlast the client's timeout (25 s < wait 30 s) and fail."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tenant = "mp-" + uuid.uuid4().hex[:8]
        admin("tenant", "create", cls.tenant, check=True)
        cls.key = issue_key("mp-key-" + uuid.uuid4().hex[:6], cls.tenant)
        cls.token = issue_token(cls.tenant, "entra")

    def poll(self, after, wait, results, index):
        path = "/tenants/%s/events?after=%s&wait=%d" % (self.tenant, after, wait)
        results[index] = request("GET", manage_url("nginx", path), token=self.key,
                                 headers={"Accept": MANAGE_JSON}, timeout=25)

    def cursor(self):
        return self.call("GET", "/tenants/%s/events?limit=1000" % self.tenant, key=self.key).json()["cursor"]

    def test_a_waiting_poll_answers_with_the_event_another_request_writes(self):
        after = self.cursor()
        results = [None]
        waiter = threading.Thread(target=self.poll, args=(after, 30, results, 0))
        waiter.start()
        waiter.join(1)  # give it time to start waiting (a quicker write only skips the wait)
        user = create_user(self.token)
        waiter.join(25)
        self.assertFalse(waiter.is_alive(), "the long poll did not answer when the event was written")
        response = results[0]
        self.assertEqual(response.status, 200, response)
        ManageCase.api.check("GET", "/tenants/%s/events" % self.tenant, response)
        page = response.json()
        self.assertEqual([(e["type"], e["resource"]["id"]) for e in page["events"]], [("user.created", user["id"])])
        self.assertEqual(page["cursor"], str(page["events"][0]["position"]))

    def test_wait_is_bounded_and_validated(self):
        for wait in ("31", "-1", "soon"):
            with self.subTest(wait=wait):
                r = self.call("GET", "/tenants/%s/events?wait=%s" % (self.tenant, wait), key=self.key)
                self.assertIn("wait", self.assertManageError(r, 400, "invalid_request")["message"])
        # Events already there: no wait at all.
        create_user(self.token)
        r = self.call("GET", "/tenants/%s/events?after=0&wait=30" % self.tenant, key=self.key)
        self.assertEqual(r.status, 200, r)
        self.assertTrue(r.json()["events"])

    def test_beyond_the_cap_a_poll_gets_429_with_retry_after(self):
        after = self.cursor()
        count = WAITING_ROOMS + 2
        results = [None] * count
        threads = [threading.Thread(target=self.poll, args=(after, 30, results, i)) for i in range(count)]
        for t in threads:
            t.start()
        # Nothing is written yet, so every answer that comes now is a refusal;
        # at least two must come, as only three requests can wait.
        refused = count - WAITING_ROOMS
        wait_until(lambda: len([r for r in results if r is not None]) >= refused, 15)
        early = [r for r in results if r is not None]
        self.assertGreaterEqual(len(early), refused, early)
        for r in early:
            body = self.assertManageError(r, 429, "too_many_requests")
            self.assertIn("wait", body["message"])
            self.assertEqual(r.header("Retry-After"), "1")
            ManageCase.api.check("GET", "/tenants/%s/events" % self.tenant, r)
        user = create_user(self.token)  # ends the waits
        for t in threads:
            t.join(25)
            self.assertFalse(t.is_alive())
        answered = [r for r in results if r.status == 200]
        self.assertLessEqual(len(answered), WAITING_ROOMS)
        for r in answered:
            self.assertEqual([e["resource"]["id"] for e in r.json()["events"]], [user["id"]])
        self.assertEqual(len(answered) + len([r for r in results if r.status == 429]), count)


class SeatsRangeTest(ManageCase):
    def test_seats_take_a_range_of_days_like_the_cli(self):
        tenant = "ms-" + uuid.uuid4().hex[:8]
        admin("tenant", "create", tenant, check=True)
        key = issue_key("ms-key-" + uuid.uuid4().hex[:6], tenant)
        create_user(issue_token(tenant, "entra"))
        now = self.call("GET", "/tenants/%s/seats" % tenant, key=key).json()
        self.assertEqual([d["day"] for d in now["history"]], [now["today"]])
        cli = json.loads(admin("seats", "--tenant", tenant, json_output=True, check=True).stdout)
        self.assertEqual(cli, dict(now, tenant=tenant))
        past = self.call("GET", "/tenants/%s/seats?from=2000-01-01&to=2000-01-31" % tenant, key=key).json()
        self.assertEqual((past["activeUsers"], past["history"]), (1, []))
        for query in ("?from=2026-02-30", "?from=2026-02-02&to=2026-02-01"):
            r = self.call("GET", "/tenants/%s/seats%s" % (tenant, query), key=key)
            self.assertManageError(r, 400, "invalid_request")


class DrainingLongPollTest(ManageCase):
    def test_sigterm_ends_a_waiting_poll_at_once_and_the_worker_exits(self):
        tenant = "md-" + uuid.uuid4().hex[:8]
        admin("tenant", "create", tenant, check=True)
        key = issue_key("md-key-" + uuid.uuid4().hex[:6], tenant)
        extra = ExtraSupervisor("drain-poll", threads=2)  # one thread may wait
        try:
            results = [None]

            def poll():
                # wait=30 outlasts the 20 s timeout: only an early answer passes.
                results[0] = fcgi_request(extra.socket, "GET", "/manage/v1/tenants/%s/events?wait=30" % tenant,
                                          token=key, timeout=20)

            waiter = threading.Thread(target=poll)
            waiter.start()
            waiter.join(1)  # it is waiting now (a slower start only shortens the wait)
            extra.process.send_signal(signal.SIGTERM)
            waiter.join(20)
            self.assertFalse(waiter.is_alive())
            self.assertEqual(results[0].status, 200, results[0])
            self.assertEqual(json.loads(results[0].body)["events"], [])
            self.assertEqual(extra.process.wait(20), 0)
        finally:
            extra.stop()

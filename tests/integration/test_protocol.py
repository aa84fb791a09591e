"""/Me, root search (POST /.search) and /Bulk, through nginx (TLS), each
class on a tenant of its own so that counts are exact."""

import json
import time
import unittest
import urllib.parse

from fixture import ScimAssertions, admin, issue_token, request, url

USER = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
SEARCH = "urn:ietf:params:scim:api:messages:2.0:SearchRequest"
LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest"
BULK_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:BulkResponse"


def new_tenant(name):
    admin("tenant", "create", name, check=True)
    return issue_token(name, "it")


class MeTest(ScimAssertions, unittest.TestCase):

    def test_every_method_on_me_answers_501_saying_why(self):
        """ME-02 (RFC 7644 §3.11): a provisioning token is not a user."""
        from fixture import token
        for method, path, body in (("GET", "/Me", None), ("POST", "/Me", {"schemas": [USER], "userName": "me"}),
                                   ("PUT", "/Me", {"schemas": [USER], "userName": "me"}),
                                   ("PATCH", "/Me", {"Operations": []}), ("DELETE", "/Me", None),
                                   ("GET", "/Me/anything", None)):
            with self.subTest(method=method, path=path):
                response = request(method, url("nginx", path), token=token(), body=body)
                error = self.assertScimError(response, 501)
                self.assertIn("not a user", error["detail"])
                self.assertIn("§3.11", error["detail"])

    def test_me_without_a_token_is_401_not_501(self):
        response = request("GET", url("nginx", "/Me"))
        self.assertScimError(response, 401)


class RootSearchTest(ScimAssertions, unittest.TestCase):
    """POST /.search across Users and Groups: Users first (sorted by sortBy
    when given), then Groups; paging counts across the boundary."""

    @classmethod
    def setUpClass(cls):
        cls.token = new_tenant("root-search")
        cls.users, cls.groups = [], []
        for name in ("carol", "alice", "bob"):
            body = {"schemas": [USER], "userName": name, "displayName": "Root " + name}
            cls.users.append(request("POST", url("nginx", "/Users"), token=cls.token, body=body).json()["id"])
        for name in ("Root staff", "Other team"):
            body = {"schemas": [GROUP], "displayName": name}
            cls.groups.append(request("POST", url("nginx", "/Groups"), token=cls.token, body=body).json()["id"])

    def search(self, status=200, **members):
        body = dict({"schemas": [SEARCH]}, **members)
        response = request("POST", url("nginx", "/.search"), token=self.token, body=body)
        self.assertEqual(response.status, status, response)
        return response.json()

    def test_it_lists_users_then_groups_each_with_its_schemas(self):
        """SRCH-01, GET-07: a query, and each result carries its schemas."""
        body = self.search()
        self.assertEqual(body["schemas"], [LIST])
        self.assertEqual(body["totalResults"], 5)
        self.assertEqual([r["id"] for r in body["Resources"]], self.users + self.groups)
        for resource in body["Resources"]:
            expected = USER if resource["meta"]["resourceType"] == "User" else GROUP
            self.assertEqual(resource["schemas"][0], expected, resource)

    def test_a_page_spans_the_boundary_between_types(self):
        """PAG-04, PAG-05: startIndex 3, count 2 is the last user and the first group."""
        body = self.search(sortBy="userName", startIndex=3, count=2)
        self.assertEqual(body["totalResults"], 5)
        self.assertEqual(body["startIndex"], 3)
        self.assertEqual(body["itemsPerPage"], 2)
        self.assertEqual([r["id"] for r in body["Resources"]], [self.users[0], self.groups[0]])

    def test_pages_of_one_walk_every_resource_once_in_order(self):
        """PAG-03: sorted by userName (Groups, which lack it, in creation order)."""
        seen = []
        for start in range(1, 7):
            body = self.search(sortBy="userName", startIndex=start, count=1)
            self.assertEqual(body["totalResults"], 5)
            seen.extend(r["id"] for r in body["Resources"])
        alice, bob, carol = self.users[1], self.users[2], self.users[0]
        self.assertEqual(seen, [alice, bob, carol] + self.groups)

    def test_a_page_past_the_users_holds_only_groups(self):
        body = self.search(startIndex=4, count=10)
        self.assertEqual([r["id"] for r in body["Resources"]], self.groups)
        self.assertEqual(body["totalResults"], 5)

    def test_the_filter_applies_per_type(self):
        """FLT-16: displayName exists in both types; userName only in Users."""
        body = self.search(filter='displayName sw "Root"')
        self.assertEqual(sorted(r["id"] for r in body["Resources"]), sorted(self.users + self.groups[:1]))
        self.assertEqual(body["totalResults"], 4)
        body = self.search(filter="userName pr")
        self.assertEqual(body["totalResults"], 3)
        body = self.search(filter='not (userName eq "alice")')
        self.assertEqual(body["totalResults"], 4)
        body = self.search(filter='meta.resourceType eq "Group"')
        self.assertEqual([r["id"] for r in body["Resources"]], self.groups)

    def test_count_zero_counts_every_type(self):
        """PAG-02."""
        body = self.search(count=0)
        self.assertEqual(body["totalResults"], 5)
        self.assertEqual(body["Resources"], [])

    def test_projection_applies_to_every_type(self):
        body = self.search(attributes=["displayName"])
        for resource in body["Resources"]:
            self.assertEqual(set(resource) - {"schemas", "id"}, {"displayName"}, resource)

    def test_bad_requests_are_400(self):
        """SRCH-02, FLT-02."""
        response = request("POST", url("nginx", "/.search"), token=self.token, body={"filter": "userName pr"})
        self.assertEqual(self.assertScimError(response, 400)["scimType"], "invalidSyntax")
        self.assertEqual(self.search(400, filter="userName eq")["scimType"], "invalidFilter")
        self.assertEqual(self.search(400, sortBy="nosuch")["scimType"], "invalidValue")
        self.assertEqual(self.search(400, cursor="")["scimType"], "invalidValue")

    def test_get_on_root_search_is_405(self):
        response = request("GET", url("nginx", "/.search"), token=self.token)
        self.assertScimError(response, 405)


def bulk(token, operations, status=200, **members):
    body = dict({"schemas": [BULK_REQUEST], "Operations": operations}, **members)
    response = request("POST", url("nginx", "/Bulk"), token=token, body=body, timeout=300)
    if status is not None and response.status != status:
        raise AssertionError("expected %d, got %r" % (status, response))
    return response


class BulkTest(ScimAssertions, unittest.TestCase):
    """POST /Bulk (RFC 7644 §3.7)."""

    @classmethod
    def setUpClass(cls):
        cls.token = new_tenant("bulk")

    def get(self, path):
        return request("GET", url("nginx", path), token=self.token)

    def total(self, endpoint, filter_text):
        path = "%s?count=0&filter=%s" % (endpoint, urllib.parse.quote(filter_text))
        return self.get(path).json()["totalResults"]

    def test_service_provider_config_advertises_bulk(self):
        """BLK-01."""
        spc = self.get("/ServiceProviderConfig").json()["bulk"]
        self.assertEqual(spc, {"supported": True, "maxOperations": 1000, "maxPayloadSize": 1048576})

    def test_a_group_before_its_members_is_created_after_them(self):
        """BLK-07, BLK-08: forward references resolved; results in request order."""
        body = bulk(self.token, [
            {"method": "POST", "path": "/Groups", "bulkId": "g",
             "data": {"schemas": [GROUP], "displayName": "Bulk guides",
                      "members": [{"value": "bulkId:u1"}, {"value": "bulkId:u2"}]}},
            {"method": "POST", "path": "/Users", "bulkId": "u1", "data": {"schemas": [USER], "userName": "bulk.one"}},
            {"method": "POST", "path": "/Users", "bulkId": "u2",
             "data": {"schemas": [USER], "userName": "bulk.two",
                      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"manager": {"value": "bulkId:u1"}}}},
        ]).json()
        self.assertEqual(body["schemas"], [BULK_RESPONSE])
        ops = body["Operations"]
        self.assertEqual([(o["bulkId"], o["status"], o["method"]) for o in ops],
                         [("g", "201", "POST"), ("u1", "201", "POST"), ("u2", "201", "POST")])
        ids = {o["bulkId"]: o["location"].rsplit("/", 1)[1] for o in ops}
        for o in ops:
            self.assertTrue(o["version"].startswith('W/"'), o)
        group = self.get("/Groups/" + ids["g"]).json()
        self.assertEqual(sorted(m["value"] for m in group["members"]), sorted([ids["u1"], ids["u2"]]))
        self.assertTrue(ops[0]["location"].endswith("/Groups/" + ids["g"]), ops[0])
        two = self.get("/Users/" + ids["u2"]).json()
        manager = two["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]["manager"]
        self.assertEqual(manager["value"], ids["u1"])

    def test_put_patch_delete_with_versions(self):
        """BLK-03, VER-07: version is the operation's If-Match."""
        created = bulk(self.token, [{"method": "POST", "path": "/Users", "bulkId": "v",
                                     "data": {"schemas": [USER], "userName": "bulk.version"}}]).json()
        location = created["Operations"][0]["location"]
        path = "/Users/" + location.rsplit("/", 1)[1]
        version = created["Operations"][0]["version"]
        body = bulk(self.token, [
            {"method": "PATCH", "path": path, "version": 'W/"999"',
             "data": {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                      "Operations": [{"op": "replace", "path": "title", "value": "stale"}]}},
            {"method": "PATCH", "path": path, "version": version,
             "data": {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                      "Operations": [{"op": "replace", "path": "title", "value": "Guide"}]}},
            {"method": "PUT", "path": path,
             "data": {"schemas": [USER], "userName": "bulk.version", "title": "Lead"}},
        ]).json()["Operations"]
        self.assertEqual([o["status"] for o in body], ["412", "204", "200"])
        self.assertEqual(body[0]["response"]["status"], "412")
        self.assertEqual(body[1]["location"], location)
        self.assertEqual(self.get(path).json()["title"], "Lead")
        gone = bulk(self.token, [{"method": "DELETE", "path": path}]).json()["Operations"]
        self.assertEqual(gone[0]["status"], "204")
        self.assertEqual(self.get(path).status, 404)

    def test_a_failing_operation_does_not_stop_the_others(self):
        """BLK-04, BLK-05, BLK-06: 200, the failure carries its SCIM error."""
        ops = bulk(self.token, [
            {"method": "POST", "path": "/Users", "bulkId": "dup1", "data": {"schemas": [USER], "userName": "bulk.dup"}},
            {"method": "POST", "path": "/Users", "bulkId": "dup2", "data": {"schemas": [USER], "userName": "bulk.dup"}},
            {"method": "POST", "path": "/Groups", "bulkId": "after",
             "data": {"schemas": [GROUP], "displayName": "After the failure", "members": [{"value": "bulkId:dup2"}]}},
            {"method": "POST", "path": "/Users", "bulkId": "ok", "data": {"schemas": [USER], "userName": "bulk.ok"}},
        ]).json()["Operations"]
        self.assertEqual([o["status"] for o in ops], ["201", "409", "400", "201"])
        self.assertEqual(ops[1]["response"]["scimType"], "uniqueness")
        self.assertNotIn("location", ops[1])  # a failed POST has none
        self.assertEqual(ops[2]["response"]["scimType"], "invalidValue")
        self.assertIn("bulkId:dup2", ops[2]["response"]["detail"])

    def test_fail_on_errors_stops_after_that_many_failures(self):
        """BLK-04: unprocessed operations are left out."""
        ops = bulk(self.token, [
            {"method": "DELETE", "path": "/Users/no-such-id"},
            {"method": "POST", "path": "/Users", "bulkId": "f1", "data": {"schemas": [USER], "userName": "bulk.f1"}},
            {"method": "DELETE", "path": "/Users/no-such-id-either"},
            {"method": "POST", "path": "/Users", "bulkId": "f2", "data": {"schemas": [USER], "userName": "bulk.f2"}},
        ], failOnErrors=2).json()["Operations"]
        self.assertEqual([o["status"] for o in ops], ["404", "201", "404"])
        self.assertEqual(self.total("/Users", 'userName eq "bulk.f2"'), 0)

    def test_a_circular_reference_is_refused(self):
        """BLK-09: every operation on the cycle is 400 invalidValue, nothing written."""
        ops = bulk(self.token, [
            {"method": "POST", "path": "/Groups", "bulkId": "ca",
             "data": {"schemas": [GROUP], "displayName": "Cycle A", "members": [{"value": "bulkId:cb"}]}},
            {"method": "POST", "path": "/Groups", "bulkId": "cb",
             "data": {"schemas": [GROUP], "displayName": "Cycle B", "members": [{"value": "bulkId:ca"}]}},
        ]).json()["Operations"]
        self.assertEqual([o["status"] for o in ops], ["400", "400"])
        for o in ops:
            self.assertEqual(o["response"]["scimType"], "invalidValue")
            self.assertIn("circular", o["response"]["detail"])
        self.assertEqual(self.total("/Groups", 'displayName sw "Cycle"'), 0)

    def test_over_the_operation_limit_is_413(self):
        """BLK-10: the detail names the limit; nothing runs."""
        ops = [{"method": "POST", "path": "/Users", "bulkId": "o%d" % i,
                "data": {"schemas": [USER], "userName": "bulk.over.%d" % i}} for i in range(1001)]
        response = bulk(self.token, ops, status=None)
        error = self.assertScimError(response, 413)
        self.assertIn("maxOperations is 1000", error["detail"])
        self.assertEqual(self.total("/Users", 'userName sw "bulk.over."'), 0)

    def test_over_the_payload_limit_is_413(self):
        """BLK-10: a body above maxPayloadSize."""
        ops = [{"method": "POST", "path": "/Users", "bulkId": "p",
                "data": {"schemas": [USER], "userName": "bulk.big", "title": "x" * (1 << 20)}}]
        response = bulk(self.token, ops, status=None)
        self.assertScimError(response, 413)

    def test_malformed_requests_are_400_invalid_syntax(self):
        """BLK-02, BLK-05."""
        for body in ({"Operations": []}, {"schemas": [BULK_REQUEST]},
                     {"schemas": [BULK_REQUEST], "Operations": [{"method": "GET", "path": "/Users"}]}):
            with self.subTest(body=body):
                response = request("POST", url("nginx", "/Bulk"), token=self.token, body=body)
                self.assertEqual(self.assertScimError(response, 400)["scimType"], "invalidSyntax")
        self.assertScimError(self.get("/Bulk"), 405)

    def test_a_thousand_creates_in_one_request(self):
        """BLK-10 at the limit; prints the throughput (not asserted)."""
        ops = [{"method": "POST", "path": "/Users", "bulkId": "t%d" % i,
                "data": {"schemas": [USER], "userName": "bulk.many.%04d" % i}} for i in range(1000)]
        started = time.monotonic()
        body = bulk(self.token, ops).json()
        elapsed = time.monotonic() - started
        print("\n    bulk: 1000 creates in %.2f s (%.0f operations/s)" % (elapsed, 1000 / elapsed), end=" ")
        self.assertEqual(len(body["Operations"]), 1000)
        self.assertEqual({o["status"] for o in body["Operations"]}, {"201"})
        self.assertEqual(self.total("/Users", 'userName sw "bulk.many."'), 1000)


class BulkLogTest(unittest.TestCase):

    def test_each_operation_gets_its_provisioning_log_entry(self):
        """One entry per operation, successful or not; none for /Bulk itself."""
        token = new_tenant("bulk-log")
        bulk(token, [
            {"method": "POST", "path": "/Users", "bulkId": "a", "data": {"schemas": [USER], "userName": "log.a"}},
            {"method": "POST", "path": "/Users", "bulkId": "b", "data": {"schemas": [USER], "userName": "log.a"}},
            {"method": "DELETE", "path": "/Users/bulkId:a"},
        ])
        entries = json.loads(admin("log", "--tenant", "bulk-log", json_output=True, check=True).stdout)["entries"]
        got = sorted((e["method"], e["status"]) for e in entries)
        self.assertEqual(got, [("DELETE", 204), ("POST", 201), ("POST", 409)], entries)


class DialectTest(ScimAssertions, unittest.TestCase):
    """DIA-01..03: a tenant set to the lenient dialect accepts what
    Microsoft's collection sends; a strict tenant (the default) refuses it."""

    @classmethod
    def setUpClass(cls):
        cls.strict = new_tenant("dialect-strict")
        cls.lenient = new_tenant("dialect-lenient")
        admin("tenant", "set", "dialect-lenient", "dialect", "lenient", check=True)
        for token in (cls.strict, cls.lenient):
            for name, family in (("Olga", "Employee"), ("Oscar", "Employee"), ("Paul", "Other")):
                r = request("POST", url("nginx", "/Users"), token=token, body={
                    "schemas": [USER], "userName": name, "name": {"familyName": family},
                    "emails": [{"value": name.lower() + "@example.com", "type": "work"},
                               {"value": name.lower() + "@home.example.org", "type": "home"}]})
                assert r.status == 201, r

    def get(self, token, path):
        return request("GET", url("nginx", path), token=token)

    def test_the_setting_is_shown_and_checked(self):
        self.assertIn("dialect: lenient", admin("tenant", "show", "dialect-lenient", check=True).stdout)
        self.assertIn("dialect: strict", admin("tenant", "show", "dialect-strict", check=True).stdout)
        refused = admin("tenant", "set", "dialect-strict", "dialect", "loose")
        self.assertNotEqual(refused.returncode, 0)
        self.assertIn("strict or lenient", refused.stderr)

    def test_unquoted_filter_values(self):
        """DIA-01."""
        for text, total in (("userName sw O", 2), ("name.familyName eq Employee", 2),
                            ("meta.created gt 2015-10-10T14:38:21.8617979-07:00", 3),
                            ("name.familyName eq Employee and (emails.value co example.com)", 2)):
            path = "/Users?count=0&filter=" + urllib.parse.quote(text)
            self.assertEqual(self.get(self.lenient, path).json()["totalResults"], total, text)
            body = self.assertScimError(self.get(self.strict, path), 400)
            self.assertEqual(body["scimType"], "invalidFilter")
            self.assertIn("expected a value", body["detail"])

    def test_value_filters_in_attributes(self):
        """DIA-02: only the matching values of the attribute are returned."""
        path = "/Users?filter=%s&attributes=%s" % (urllib.parse.quote('userName eq "Olga"'),
                                                   urllib.parse.quote('emails[type eq "work"]'))
        users = self.get(self.lenient, path).json()["Resources"]
        self.assertEqual(len(users), 1)
        self.assertEqual(users[0]["emails"], [{"value": "olga@example.com", "type": "work"}])
        self.assertNotIn("userName", users[0])
        body = self.assertScimError(self.get(self.strict, path), 400)
        self.assertEqual(body["scimType"], "invalidSyntax")

    def test_service_configuration_alias(self):
        """DIA-03: the reference server's name for /ServiceProviderConfig."""
        r = self.get(self.lenient, "/serviceConfiguration")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json(), self.get(self.lenient, "/ServiceProviderConfig").json())
        self.assertScimError(self.get(self.strict, "/serviceConfiguration"), 404)


if __name__ == "__main__":
    unittest.main()

"""/Me, root search (POST /.search) and /Bulk, through nginx (TLS), each
class on a tenant of its own so that counts are exact."""

import json
import time
import unittest

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


if __name__ == "__main__":
    unittest.main()

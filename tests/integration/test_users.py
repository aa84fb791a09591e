"""/Users through nginx → fastscimd → MariaDB, replaying the requests
Microsoft Entra ID sends (../shared/reference/entra-provisioning.md, cited as
"Entra §n") and the RFC requirements they rest on."""

import concurrent.futures
import json
import unittest
import urllib.parse
import uuid

from fixture import ScimAssertions, request, token, url

USER = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse"


def users(path="", tenant="alpha"):
    return url("nginx", "/Users" + path), token(tenant)


def unique(prefix="user"):
    return "%s.%s@acme.example" % (prefix, uuid.uuid4().hex[:12])


def entra_user(user_name, **extra):
    """Entra §4.1: the POST body of the default mappings."""
    body = {
        "schemas": [USER, ENTERPRISE],
        "externalId": user_name.split("@")[0],
        "userName": user_name,
        "active": True,
        "displayName": "Mira Okafor",
        "title": "Buyer",
        "preferredLanguage": "en-US",
        "emails": [{"primary": True, "type": "work", "value": user_name}],
        "phoneNumbers": [{"type": "work", "value": "+1 206 555 0142"},
                         {"type": "mobile", "value": "206-555-0199"}],
        "addresses": [{"type": "work", "streetAddress": "1 Harbor Way", "locality": "Seattle",
                       "region": "WA", "postalCode": "98101", "country": "US"}],
        "name": {"formatted": "Mira Okafor", "familyName": "Okafor", "givenName": "Mira"},
        ENTERPRISE: {"employeeNumber": uuid.uuid4().hex[:8], "department": "Procurement"},
        "meta": {"resourceType": "User"},
        "roles": [],
    }
    body.update(extra)
    return body


def create(body, tenant="alpha"):
    u, t = users(tenant=tenant)
    return request("POST", u, t, body)


def search(filter_text, tenant="alpha", extra=""):
    u, t = users("?filter=" + urllib.parse.quote(filter_text) + extra, tenant)
    return request("GET", u, t)


def patch(user_id, operations, headers=None, tenant="alpha"):
    u, t = users("/" + user_id, tenant)
    return request("PATCH", u, t, {"schemas": [PATCH_OP], "Operations": operations}, headers=headers)


class UsersTest(unittest.TestCase, ScimAssertions):
    def created(self, body=None, tenant="alpha"):
        body = body or entra_user(unique())
        r = create(body, tenant)
        self.assertEqual(r.status, 201, r)
        return r.json()

    def test_entra_create_answers_201_with_id_meta_location_and_etag(self):
        """CRT-01, CRT-02, RES-07..10, Entra §4.1."""
        name = unique()
        r = create(entra_user(name))
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.media_type, "application/scim+json")
        body = r.json()
        self.assertTrue(body["id"])
        self.assertEqual(body["userName"], name)
        self.assertEqual(body["meta"]["resourceType"], "User")
        self.assertEqual(r.header("location"), body["meta"]["location"])
        self.assertTrue(body["meta"]["location"].endswith("/Users/" + body["id"]))
        self.assertEqual(r.header("etag"), body["meta"]["version"])
        self.assertTrue(body["meta"]["version"].startswith('W/"'))
        self.assertEqual(body["meta"]["created"], body["meta"]["lastModified"])
        self.assertIs(body["active"], True)
        self.assertEqual(body[ENTERPRISE]["department"], "Procurement")
        self.assertIn(ENTERPRISE, body["schemas"])

    def test_active_sent_as_a_string_is_stored_as_a_boolean(self):
        """PAT-26 / Microsoft's collection posts "active": "True"."""
        body = self.created(entra_user(unique(), active="True"))
        self.assertIs(body["active"], True)

    def test_test_connection_query_for_a_random_guid_answers_an_empty_list(self):
        """Entra §2, GET-04: 200 with totalResults 0, never 404."""
        r = search('userName eq "%s"' % uuid.uuid4())
        self.assertEqual(r.status, 200, r)
        body = r.json()
        self.assertEqual(body["schemas"], [LIST])
        self.assertEqual(body["totalResults"], 0)

    def test_match_by_user_name_ignores_case(self):
        """Entra §3, FLT-08: userName is caseExact=false."""
        name = unique("Case")
        created = self.created(entra_user(name))
        r = search('userName eq "%s"' % name.upper())
        self.assertEqual(r.status, 200, r)
        body = r.json()
        self.assertEqual(body["totalResults"], 1)
        self.assertEqual(body["Resources"][0]["id"], created["id"])

    def test_match_by_external_id_work_email_and_employee_number(self):
        """Entra §3: the alternative matching attributes."""
        name = unique()
        created = self.created(entra_user(name))
        for f in ['externalId eq "%s"' % created["externalId"],
                  'emails[type eq "work"].value eq "%s"' % name,
                  '%s:employeeNumber eq "%s"' % (ENTERPRISE, created[ENTERPRISE]["employeeNumber"]),
                  'id eq "%s"' % created["id"]]:
            r = search(f)
            self.assertEqual(r.status, 200, (f, r))
            self.assertEqual([x["id"] for x in r.json()["Resources"]], [created["id"]], f)

    def test_duplicate_user_name_is_409_uniqueness_and_writes_nothing(self):
        """CRT-06: case-insensitive duplicate within the tenant."""
        name = unique()
        self.created(entra_user(name))
        r = create(entra_user(name.upper()))
        self.assertScimError(r, 409)
        self.assertEqual(r.json()["scimType"], "uniqueness")
        self.assertEqual(search('userName eq "%s"' % name).json()["totalResults"], 1)

    def test_same_user_name_in_another_tenant_is_independent(self):
        name = unique()
        self.created(entra_user(name), "alpha")
        self.created(entra_user(name), "beta")
        self.assertEqual(search('userName eq "%s"' % name, "beta").json()["totalResults"], 1)

    def test_another_tenants_user_is_not_found(self):
        """Tenant isolation: same answer as a missing id."""
        created = self.created()
        u, t = users("/" + created["id"], "beta")
        self.assertScimError(request("GET", u, t), 404)
        self.assertScimError(patch(created["id"], [{"op": "replace", "path": "title", "value": "x"}],
                                   tenant="beta"), 404)

    def test_malformed_json_missing_user_name_and_wrong_types_are_400_and_write_nothing(self):
        """CRT-07."""
        u, t = users()
        r = request("POST", u, t, b'{"userName": "broken@acme.example",', headers={"Content-Type": "application/scim+json"})
        self.assertScimError(r, 400)
        self.assertEqual(r.json()["scimType"], "invalidSyntax")
        r = create({"schemas": [USER], "displayName": "No Name"})
        self.assertScimError(r, 400)
        self.assertIn("userName", r.json()["detail"])
        name = unique()
        r = create({"schemas": [USER], "userName": name, "active": "perhaps"})
        self.assertScimError(r, 400)
        self.assertEqual(search('userName eq "%s"' % name).json()["totalResults"], 0)

    def test_entra_patch_shapes_apply_in_order(self):
        """Entra §6.1–6.4 (both modes): capitalised ops, value-filtered paths
        that create the element, extension paths, path-less dotted keys."""
        created = self.created()
        r = patch(created["id"], [
            {"op": "Replace", "path": "name.familyName", "value": "Okafor-Lind"},
            {"op": "Add", "path": "title", "value": "Senior Buyer"},
            {"op": "Replace", "path": 'emails[type eq "work"].value', "value": "mira@acme.example"},
            {"op": "Add", "path": 'phoneNumbers[type eq "fax"].value', "value": "+1 206 555 0100"},
            {"op": "Replace", "path": ENTERPRISE + ":department", "value": "Sourcing"},
            {"op": "replace", "value": {"displayName": "Mira O. Lind", "name.givenName": "Mira"}},
        ])
        self.assertIn(r.status, (200, 204), r)
        u, t = users("/" + created["id"])
        got = request("GET", u, t).json()
        self.assertEqual(got["name"]["familyName"], "Okafor-Lind")
        self.assertEqual(got["name"]["givenName"], "Mira")
        self.assertEqual(got["title"], "Senior Buyer")
        self.assertEqual([e["value"] for e in got["emails"] if e["type"] == "work"], ["mira@acme.example"])
        self.assertIn({"type": "fax", "value": "+1 206 555 0100"},
                      [{"type": p["type"], "value": p["value"]} for p in got["phoneNumbers"]])
        self.assertEqual(got[ENTERPRISE]["department"], "Sourcing")
        self.assertEqual(got["displayName"], "Mira O. Lind")
        self.assertNotIn("name.givenName", got)

    def test_deactivation_keeps_the_user_and_makes_it_filterable(self):
        """Entra §6.6, §7: "False" as a string; inactive users stay readable."""
        created = self.created()
        r = patch(created["id"], [{"op": "Replace", "path": "active", "value": "False"}])
        self.assertIn(r.status, (200, 204), r)
        u, t = users("/" + created["id"])
        self.assertIs(request("GET", u, t).json()["active"], False)
        r = search('active eq false and userName eq "%s"' % created["userName"])
        self.assertEqual(r.json()["totalResults"], 1)
        patch(created["id"], [{"op": "replace", "path": "active", "value": True}])
        self.assertIs(request("GET", u, t).json()["active"], True)

    def test_manager_as_a_bare_string_and_cleared_by_an_empty_string(self):
        """Entra §6.5."""
        manager = self.created()
        report = self.created()
        path = ENTERPRISE + ":manager"
        self.assertIn(patch(report["id"], [{"op": "Add", "path": path, "value": manager["id"]}]).status, (200, 204))
        u, t = users("/" + report["id"])
        self.assertEqual(request("GET", u, t).json()[ENTERPRISE]["manager"]["value"], manager["id"])
        self.assertIn(patch(report["id"], [{"op": "Replace", "path": path, "value": ""}]).status, (200, 204))
        self.assertNotIn("manager", request("GET", u, t).json().get(ENTERPRISE, {}))

    def test_failed_operation_leaves_the_user_unchanged(self):
        """PAT-07: all or nothing."""
        created = self.created()
        r = patch(created["id"], [{"op": "replace", "path": "title", "value": "Changed"},
                                  {"op": "remove", "path": "userName"}])
        self.assertScimError(r, 400)
        u, t = users("/" + created["id"])
        got = request("GET", u, t)
        self.assertEqual(got.json()["title"], "Buyer")
        self.assertEqual(got.header("etag"), created["meta"]["version"])

    def test_put_replaces_and_keeps_id(self):
        """PUT-03, PUT-09."""
        created = self.created()
        body = {"schemas": [USER], "userName": created["userName"], "displayName": "Replaced"}
        u, t = users("/" + created["id"])
        r = request("PUT", u, t, body)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["id"], created["id"])
        self.assertEqual(r.json()["displayName"], "Replaced")
        self.assertNotIn("title", r.json())

    def test_what_a_write_answers_is_what_a_get_then_reads(self):
        """CRT-02, PUT-03, PAT-11: the resource a POST, a PUT and a PATCH return
        (built from what the write bound, not read back) equals a GET's, meta
        and groups included."""
        created = self.created()
        u, t = users("/" + created["id"])
        group = request("POST", url("nginx", "/Groups"), t, {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": unique("group"),
            "members": [{"value": created["id"]}]})
        self.assertEqual(group.status, 201, group)
        del created["meta"]  # (the group's member_added event moved nothing of the user's)
        first = request("GET", u, t).json()
        self.assertEqual({k: v for k, v in first.items() if k not in ("meta", "groups")}, created)
        self.assertEqual([g["value"] for g in first["groups"]], [group.json()["id"]])
        put = request("PUT", u, t, dict(entra_user(created["userName"]), title="Replaced"))
        self.assertEqual(put.status, 200, put)
        self.assertEqual(put.json(), request("GET", u, t).json())
        self.assertEqual(put.json()["groups"], first["groups"])
        patched = request("PATCH", u + "?excludedAttributes=emails", t, {
            "schemas": [PATCH_OP], "Operations": [{"op": "replace", "path": "title", "value": "Patched"}]})
        self.assertEqual(patched.status, 200, patched)
        got = request("GET", u + "?excludedAttributes=emails", t).json()
        self.assertEqual(patched.json(), got)
        self.assertEqual(got["meta"]["version"], 'W/"3"')
        self.assertGreaterEqual(got["meta"]["lastModified"], put.json()["meta"]["lastModified"])
        self.assertEqual(got["meta"]["created"], first["meta"]["created"])

    def test_a_match_lists_groups_unless_the_projection_leaves_them_out(self):
        """SCH-05, PRJ-08: a filtered list shows a user's groups; with
        excludedAttributes=groups or attributes without groups it leaves them
        out, the rest of the user the same (service_list_test proves the store
        is then not asked for them)."""
        created = self.created()
        t = token("alpha")
        group = request("POST", url("nginx", "/Groups"), t, {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": unique("group"),
            "members": [{"value": created["id"]}]})
        self.assertEqual(group.status, 201, group)
        match = 'userName eq "%s"' % created["userName"]
        full = search(match).json()["Resources"][0]
        self.assertEqual([(g["value"], g["display"]) for g in full["groups"]],
                         [(group.json()["id"], group.json()["displayName"])])
        excluded = search(match, extra="&excludedAttributes=groups").json()["Resources"][0]
        self.assertEqual(excluded, {k: v for k, v in full.items() if k != "groups"})
        narrowed = search(match, extra="&attributes=userName").json()["Resources"][0]
        self.assertEqual(set(narrowed), {"schemas", "id", "userName"})
        with_groups = search(match, extra="&attributes=groups").json()["Resources"][0]
        self.assertEqual(with_groups["groups"], full["groups"])

    def test_if_match_and_if_none_match(self):
        """VER-05, VER-06."""
        created = self.created()
        u, t = users("/" + created["id"])
        etag = created["meta"]["version"]
        self.assertEqual(request("GET", u, t, headers={"If-None-Match": etag}).status, 304)
        stale = 'W/"999"'
        r = patch(created["id"], [{"op": "replace", "path": "title", "value": "x"}], headers={"If-Match": stale})
        self.assertScimError(r, 412)
        r = patch(created["id"], [{"op": "replace", "path": "title", "value": "x"}], headers={"If-Match": etag})
        self.assertIn(r.status, (200, 204), r)

    def test_concurrent_patches_with_the_same_if_match_one_wins(self):
        """DESIGN: optimistic concurrency; one 2xx, one 412."""
        created = self.created()
        etag = created["meta"]["version"]

        def change(title):
            return patch(created["id"], [{"op": "replace", "path": "title", "value": title}],
                         headers={"If-Match": etag}).status

        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            statuses = sorted(pool.map(change, ["first", "second"]))
        self.assertEqual(len([s for s in statuses if s in (200, 204)]), 1, statuses)
        self.assertEqual(statuses.count(412), 1, statuses)

    def test_delete_then_404_and_the_user_name_is_free_again(self):
        """DEL-01, DEL-02, CRT-09."""
        created = self.created()
        u, t = users("/" + created["id"])
        r = request("DELETE", u, t)
        self.assertEqual(r.status, 204, r)
        self.assertEqual(r.body, b"")
        self.assertScimError(request("GET", u, t), 404)
        self.assertScimError(request("DELETE", u, t), 404)
        self.created(entra_user(created["userName"]))

    def test_paging_projection_and_search(self):
        """PAG-01..05, PRJ-03/04, SRCH-01..04, ATT-18/20 (password never returned)."""
        tag = uuid.uuid4().hex[:8]
        for i in range(3):
            self.created(entra_user("page%d.%s@acme.example" % (i, tag), password="S3cret!pass"))
        r = search('userName sw "page"', extra="&startIndex=2&count=1&attributes=userName")
        body = r.json()
        self.assertEqual(r.status, 200, r)
        self.assertGreaterEqual(body["totalResults"], 3)
        self.assertEqual(body["itemsPerPage"], 1)
        self.assertEqual(body["startIndex"], 2)
        self.assertEqual(set(body["Resources"][0]), {"id", "userName", "schemas"})
        u, t = users("/.search")
        r = request("POST", u, t, {"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
                                   "filter": 'userName ew "%s@acme.example"' % tag,
                                   "excludedAttributes": ["emails"], "count": 10})
        self.assertEqual(r.status, 200, r)
        found = r.json()["Resources"]
        self.assertEqual(len(found), 3)
        for resource in found:
            self.assertNotIn("emails", resource)
            self.assertNotIn("password", resource)

    def test_invalid_filter_is_400_invalid_filter_with_a_position(self):
        """FLT-02, FLT-14."""
        r = search('userName regex "x"')
        self.assertScimError(r, 400)
        self.assertEqual(r.json()["scimType"], "invalidFilter")
        self.assertIn("position", r.json()["detail"])

    def test_cursor_paging_walks_every_match_once(self):
        """RFC 9865 CUR-01..03."""
        tag = uuid.uuid4().hex[:8]
        ids = {self.created(entra_user("cur%d.%s@acme.example" % (i, tag)))["id"] for i in range(5)}
        seen, cursor = set(), ""
        for _ in range(10):
            r = search('userName ew "%s@acme.example"' % tag, extra="&count=2&cursor=" + cursor)
            self.assertEqual(r.status, 200, r)
            body = r.json()
            seen.update(x["id"] for x in body.get("Resources", []))
            if "nextCursor" not in body:
                break
            cursor = body["nextCursor"]
        self.assertEqual(seen, ids)


if __name__ == "__main__":
    unittest.main()

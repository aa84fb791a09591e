"""/Groups and membership through nginx → fastscimd → MariaDB: Entra's group
flow (entra-provisioning.md §3, §4.2, §6.7, §6.8, §7) and concurrency."""

import concurrent.futures
import unittest
import urllib.parse
import uuid

from fixture import ScimAssertions, request, token, url

GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
USER = "urn:ietf:params:scim:schemas:core:2.0:User"
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


def endpoint(path, tenant="alpha"):
    return url("nginx", path), token(tenant)


def new_user(tenant="alpha"):
    u, t = endpoint("/Users", tenant)
    r = request("POST", u, t, {"schemas": [USER], "userName": "m.%s@acme.example" % uuid.uuid4().hex[:12]})
    assert r.status == 201, r
    return r.json()["id"]


def new_group(name=None, tenant="alpha", **extra):
    u, t = endpoint("/Groups", tenant)
    body = {"schemas": [GROUP, "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
            "externalId": str(uuid.uuid4()), "displayName": name or "Team " + uuid.uuid4().hex[:10],
            "meta": {"resourceType": "Group"}}
    body.update(extra)
    return request("POST", u, t, body)


def patch(group_id, operations, tenant="alpha"):
    u, t = endpoint("/Groups/" + group_id, tenant)
    return request("PATCH", u, t, {"schemas": [PATCH_OP], "Operations": operations})


def members(group_id, tenant="alpha"):
    u, t = endpoint("/Groups/" + group_id, tenant)
    r = request("GET", u, t)
    assert r.status == 200, r
    return {m["value"] for m in r.json().get("members", [])}


class GroupsTest(unittest.TestCase, ScimAssertions):
    def group(self, **kwargs):
        r = new_group(**kwargs)
        self.assertEqual(r.status, 201, r)
        return r.json()

    def test_entra_group_flow(self):
        """Entra §4.2, §3 (match with excludedAttributes=members), §6.7, §6.8, §7."""
        name = "Procurement " + uuid.uuid4().hex[:8]
        created = self.group(name=name)
        gid = created["id"]
        self.assertEqual(created["displayName"], name)
        self.assertFalse(created.get("members"))

        u, t = endpoint("/Groups?excludedAttributes=members&filter=" +
                        urllib.parse.quote('displayName eq "%s"' % name))
        r = request("GET", u, t)
        self.assertEqual(r.status, 200, r)
        self.assertEqual([g["id"] for g in r.json()["Resources"]], [gid])
        self.assertNotIn("members", r.json()["Resources"][0])

        a, b, c = new_user(), new_user(), new_user()
        r = patch(gid, [{"op": "Add", "path": "members",
                         "value": [{"$ref": None, "value": a}, {"$ref": None, "value": b}]}])
        self.assertEqual(r.status, 204, r)
        r = patch(gid, [{"op": "Add", "path": "members", "value": [{"value": c}]}])
        self.assertEqual(r.status, 204, r)
        self.assertEqual(members(gid), {a, b, c})

        # Default job: remove with a value array removes only those (PAT-26).
        self.assertEqual(patch(gid, [{"op": "Remove", "path": "members", "value": [{"value": a}]}]).status, 204)
        self.assertEqual(members(gid), {b, c})
        # Flag: remove by value filter.
        self.assertEqual(patch(gid, [{"op": "remove", "path": 'members[value eq "%s"]' % b}]).status, 204)
        self.assertEqual(members(gid), {c})
        # Adding an existing member is a no-op.
        self.assertEqual(patch(gid, [{"op": "add", "path": "members", "value": [{"value": c}]}]).status, 204)
        self.assertEqual(members(gid), {c})

        renamed = name + " (renamed)"
        self.assertEqual(patch(gid, [{"op": "Replace", "path": "displayName", "value": renamed}]).status, 204)
        u, t = endpoint("/Groups/%s?excludedAttributes=members" % gid)
        self.assertEqual(request("GET", u, t).json()["displayName"], renamed)

        # User.groups is computed from membership (SCH-05).
        u, t = endpoint("/Users/" + c)
        self.assertEqual([g["value"] for g in request("GET", u, t).json().get("groups", [])], [gid])

        u, t = endpoint("/Groups/" + gid)
        self.assertEqual(request("DELETE", u, t).status, 204)
        self.assertScimError(request("GET", u, t), 404)
        u, t = endpoint("/Users/" + c)
        self.assertFalse(request("GET", u, t).json().get("groups"))

    def test_a_page_of_users_carries_each_users_own_groups(self):
        """SCH-05 on a list page: the page's users' groups are read together
        (doc/storage.md), and each user gets only its own."""
        a, b, c = new_user(), new_user(), new_user()
        g1, g2 = self.group()["id"], self.group()["id"]
        self.assertEqual(patch(g1, [{"op": "add", "path": "members", "value": [{"value": a}, {"value": b}]}]).status,
                         204)
        self.assertEqual(patch(g2, [{"op": "add", "path": "members", "value": [{"value": a}]}]).status, 204)
        expr = 'id eq "%s" or id eq "%s" or id eq "%s"' % (a, b, c)
        u, t = endpoint("/Users?count=10&filter=" + urllib.parse.quote(expr))
        page = request("GET", u, t).json()
        groups = {r["id"]: sorted(g["value"] for g in r.get("groups", [])) for r in page["Resources"]}
        self.assertEqual(groups, {a: sorted([g1, g2]), b: [g1], c: []})

    def test_filter_by_member_value(self):
        gid = self.group()["id"]
        uid = new_user()
        self.assertEqual(patch(gid, [{"op": "add", "path": "members", "value": [{"value": uid}]}]).status, 204)
        for f in ['members[value eq "%s"]' % uid, 'members.value eq "%s"' % uid]:
            u, t = endpoint("/Groups?excludedAttributes=members&filter=" + urllib.parse.quote(f))
            r = request("GET", u, t)
            self.assertEqual([g["id"] for g in r.json()["Resources"]], [gid], f)

    def test_duplicate_display_name_is_409_uniqueness_ignoring_case(self):
        name = "Unique " + uuid.uuid4().hex[:8]
        self.group(name=name)
        r = new_group(name=name.upper())
        self.assertScimError(r, 409)
        self.assertEqual(r.json()["scimType"], "uniqueness")
        self.assertEqual(new_group(name=name, tenant="beta").status, 201)

    def test_unknown_or_foreign_members_are_refused_and_nothing_changes(self):
        """Documented policy: 400 invalidValue naming the ids; another tenant's
        id is treated exactly as a missing one."""
        gid = self.group()["id"]
        mine = new_user()
        foreign = new_user("beta")
        missing = str(uuid.uuid4())
        for bad in (foreign, missing):
            r = patch(gid, [{"op": "add", "path": "members", "value": [{"value": mine}, {"value": bad}]}])
            self.assertScimError(r, 400)
            self.assertEqual(r.json()["scimType"], "invalidValue")
            self.assertIn(bad, r.json()["detail"])
        self.assertEqual(members(gid), set())

    def test_nested_groups(self):
        parent = self.group()["id"]
        child = self.group()["id"]
        self.assertEqual(patch(parent, [{"op": "add", "path": "members",
                                         "value": [{"value": child, "type": "Group"}]}]).status, 204)
        u, t = endpoint("/Groups/" + parent)
        got = request("GET", u, t).json()["members"]
        self.assertEqual([(m["value"], m.get("type")) for m in got], [(child, "Group")])

    def test_thirty_two_concurrent_member_adds_all_land(self):
        """DESIGN: concurrent PATCHes of one group never lose a member."""
        gid = self.group()["id"]
        ids = [new_user() for _ in range(32)]

        def add(uid):
            return patch(gid, [{"op": "add", "path": "members", "value": [{"value": uid}]}]).status

        with concurrent.futures.ThreadPoolExecutor(16) as pool:
            statuses = list(pool.map(add, ids))
        self.assertEqual(statuses, [204] * 32)
        self.assertEqual(members(gid), set(ids))

    def test_member_add_racing_a_user_delete_leaves_no_dangling_member(self):
        gid = self.group()["id"]
        for _ in range(10):
            uid = new_user()
            u, t = endpoint("/Users/" + uid)
            with concurrent.futures.ThreadPoolExecutor(2) as pool:
                added = pool.submit(patch, gid, [{"op": "add", "path": "members", "value": [{"value": uid}]}])
                deleted = pool.submit(request, "DELETE", u, t)
                self.assertIn(added.result().status, (204, 400))
                self.assertEqual(deleted.result().status, 204)
            self.assertNotIn(uid, members(gid))

    def test_patch_with_attributes_returns_the_group(self):
        """PAT-11: 200 with the resource when the client asks for it."""
        gid = self.group()["id"]
        u, t = endpoint("/Groups/%s?attributes=displayName" % gid)
        r = request("PATCH", u, t, {"schemas": [PATCH_OP],
                                    "Operations": [{"op": "replace", "path": "displayName", "value": "Asked " + gid}]})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["displayName"], "Asked " + gid)

    def test_a_member_change_answers_with_the_version_and_time_it_stored(self):
        """PAT-11, VER-02, VER-04: the group a member change answers with carries the
        version and lastModified a later GET reads, and its ETag is one a
        conditional write then matches."""
        created = self.group()
        gid = created["id"]
        u, t = endpoint("/Groups/%s?attributes=displayName,meta" % gid)
        r = request("PATCH", u, t, {"schemas": [PATCH_OP],
                                    "Operations": [{"op": "add", "path": "members", "value": [{"value": new_user()}]}]})
        self.assertEqual(r.status, 200, r)
        answered = r.json()["meta"]
        self.assertNotEqual(answered["version"], created["meta"]["version"])
        self.assertGreaterEqual(answered["lastModified"], created["meta"]["lastModified"])
        self.assertEqual(r.header("ETag"), answered["version"])
        u, t = endpoint("/Groups/%s?attributes=meta" % gid)
        stored = request("GET", u, t)
        self.assertEqual(stored.status, 200, stored)
        self.assertEqual(stored.json()["meta"]["version"], answered["version"])
        self.assertEqual(stored.json()["meta"]["lastModified"], answered["lastModified"])
        u, t = endpoint("/Groups/" + gid)
        r = request("PATCH", u, t, {"schemas": [PATCH_OP], "Operations": [{"op": "remove", "path": "members"}]},
                    headers={"If-Match": answered["version"]})
        self.assertEqual(r.status, 204, r)


if __name__ == "__main__":
    unittest.main()

"""Every input bounded, every failure a 4xx (issue 12), through nginx →
fastscimd → MariaDB: values longer than their column, oversized PATCH
requests, list pages of groups with very many members, opaque cursors."""

import json
import unittest
import urllib.parse
import uuid

from fixture import ENV, ScimAssertions, admin, children, issue_token, request, stack, token, url

USER = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


def endpoint(path, tenant="alpha"):
    return url("nginx", path), token(tenant)


def sql(statement):
    """Runs SQL on the test database as its administrator; returns the rows
    as lists of strings."""
    r = stack("mariadb_root", ENV["mariadb_dir"], "-N", "-B", "fastscim", "-e", statement)
    assert r.returncode == 0, r.stderr
    return [line.split("\t") for line in r.stdout.splitlines()]


def patch_body(*operations):
    return {"schemas": [PATCH_OP], "Operations": list(operations)}


def count_users(filter_text, tenant="alpha"):
    u, t = endpoint("/Users?count=0&filter=" + urllib.parse.quote(filter_text), tenant)
    r = request("GET", u, t)
    assert r.status == 200, r
    return r.json()["totalResults"]


class LongValuesTest(unittest.TestCase, ScimAssertions):
    """Every indexed column is checked in characters before the write: 201 or
    400 invalidValue naming the attribute and its limit, never 500, nothing
    written on 400 (a 300-character displayName answered 500 before)."""

    def post_user(self, **attributes):
        u, t = endpoint("/Users")
        body = {"schemas": [USER, ENTERPRISE], "userName": "long.%s@acme.example" % uuid.uuid4().hex[:12]}
        body.update(attributes)
        return request("POST", u, t, body)

    def assertTooLong(self, response, attribute, limit="255"):
        body = self.assertScimError(response, 400)
        self.assertEqual(body.get("scimType"), "invalidValue", body)
        self.assertIn(attribute, body["detail"])
        self.assertIn("at most " + limit, body["detail"])

    def test_each_indexed_attribute_of_300_characters_is_400_and_nothing_is_written(self):
        tag = uuid.uuid4().hex[:10]
        long_text = tag + "x" * 290
        cases = [
            ("userName", {"userName": long_text}),
            ("displayName", {"displayName": long_text}),
            ("externalId", {"externalId": long_text}),
            (ENTERPRISE + ":employeeNumber", {ENTERPRISE: {"employeeNumber": long_text}}),
            ("emails.value", {"emails": [{"value": long_text + "@acme.example", "type": "work"}]}),
            ("emails.type", {"emails": [{"value": tag + "@acme.example", "type": long_text}]}),
        ]
        for attribute, attributes in cases:
            with self.subTest(attribute=attribute):
                self.assertTooLong(self.post_user(**attributes), attribute,
                                   "64" if attribute == "emails.type" else "255")
        # Nothing of any of them was stored.
        self.assertEqual(count_users('userName sw "%s"' % tag), 0)
        self.assertEqual(count_users('externalId sw "%s"' % tag), 0)
        self.assertEqual(count_users('emails.value sw "%s"' % tag), 0)
        self.assertEqual(count_users('displayName sw "%s"' % tag), 0)

    def test_255_characters_fit_counted_as_characters_not_bytes(self):
        name = "ü" * 200 + uuid.uuid4().hex[:12] + "." * 43  # 255 characters, 455 bytes
        r = self.post_user(displayName=name, **{ENTERPRISE: {"employeeNumber": "7" * 255}})
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json()["displayName"], name)

    def test_a_long_attribute_without_a_column_is_stored(self):
        r = self.post_user(title="t" * 3000)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(len(r.json()["title"]), 3000)

    def test_put_and_patch_with_a_long_value_are_400_and_leave_the_user_as_it_was(self):
        created = self.post_user(displayName="Short Name")
        self.assertEqual(created.status, 201, created)
        user = created.json()
        u, t = endpoint("/Users/" + user["id"])
        replaced = dict(user, displayName="d" * 300)
        self.assertTooLong(request("PUT", u, t, replaced), "displayName")
        r = request("PATCH", u, t, {"schemas": [PATCH_OP], "Operations": [
            {"op": "replace", "path": ENTERPRISE + ":employeeNumber", "value": "9" * 300}]})
        self.assertTooLong(r, "employeeNumber")
        r = request("PATCH", u, t, {"schemas": [PATCH_OP], "Operations": [
            {"op": "replace", "value": {"externalId": "e" * 256}}]})
        self.assertTooLong(r, "externalId")
        after = request("GET", u, t)
        self.assertEqual(after.status, 200, after)
        self.assertEqual(after.json()["displayName"], "Short Name")
        self.assertEqual(after.json()["meta"]["version"], user["meta"]["version"])
        self.assertNotIn("externalId", after.json())

    def test_a_group_display_name_of_300_characters_is_400(self):
        u, t = endpoint("/Groups")
        r = request("POST", u, t, {"schemas": [GROUP], "displayName": "g" * 300})
        self.assertTooLong(r, "displayName")



class RequestCapsTest(unittest.TestCase, ScimAssertions):
    """max_patch_operations (1000) and max_members_per_request (10000): 400
    tooMany naming the limit, nothing written (README, "Limits")."""

    def setUp(self):
        u, t = endpoint("/Groups")
        r = request("POST", u, t, {"schemas": [GROUP], "displayName": "Caps " + uuid.uuid4().hex[:10]})
        self.assertEqual(r.status, 201, r)
        self.group = r.json()

    def patch(self, *operations):
        u, t = endpoint("/Groups/" + self.group["id"])
        return request("PATCH", u, t, patch_body(*operations))

    def test_more_than_1000_operations_is_too_many(self):
        ops = [{"op": "replace", "path": "displayName", "value": "Caps %d" % i} for i in range(1001)]
        body = self.assertScimError(self.patch(*ops), 400)
        self.assertEqual(body.get("scimType"), "tooMany", body)
        self.assertIn("at most 1000", body["detail"])
        u, t = endpoint("/Groups/" + self.group["id"])
        self.assertEqual(request("GET", u, t).json()["meta"]["version"], self.group["meta"]["version"])

    def test_more_than_10000_members_in_one_patch_is_too_many(self):
        # Numbers keep the body under the test stack's 64 KiB; the count is
        # checked before any value is.
        text = json.dumps(patch_body({"op": "add", "path": "members", "value": list(range(10001))}),
                          separators=(",", ":")).encode("utf-8")
        u, t = endpoint("/Groups/" + self.group["id"])
        r = request("PATCH", u, t, text, headers={"Content-Type": "application/scim+json"})
        body = self.assertScimError(r, 400)
        self.assertEqual(body.get("scimType"), "tooMany", body)
        self.assertIn("10000", body["detail"])


def big_tenant():
    """A tenant of its own for the 100,000-member group (its rows are bulk
    loaded with SQL and go with the tenant)."""
    name = "limits-" + uuid.uuid4().hex[:8]
    admin("tenant", "create", name, check=True)
    return name, issue_token(name, "first")


def worker_rss_kib():
    """The resident memory of each fastscimd worker of the supervisor."""
    sizes = []
    for pid in children(ENV["supervisor_pid"]):
        try:
            with open("/proc/%d/status" % pid, encoding="utf-8") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        sizes.append(int(line.split()[1]))
        except OSError:
            pass
    return sizes


class BigGroupsTest(unittest.TestCase, ScimAssertions):
    """Groups of 100,000 members: a list page carries at most
    max_members_per_page (10,000) members, and a PATCH of document and
    members touches only the membership rows it changes."""

    MEMBERS = 100000

    @classmethod
    def setUpClass(cls):
        cls.tenant, cls.secret = big_tenant()
        cls.tag = uuid.uuid4().hex[:8]
        tenant_id = sql("SELECT id FROM tenants WHERE name = '%s'" % cls.tenant)[0][0]
        cls.tenant_id = tenant_id
        sql("INSERT INTO resources (tenant_id, id, resource_type, name_key, document, version, created, last_modified)"
            " SELECT %s, UUID(), 'User', CONCAT('bulk', seq, '.%s@acme.example'),"
            " JSON_OBJECT('schemas', JSON_ARRAY('%s'), 'userName', CONCAT('bulk', seq, '.%s@acme.example')),"
            " 1, NOW(3), NOW(3) FROM seq_1_to_%d" % (tenant_id, cls.tag, USER, cls.tag, cls.MEMBERS))
        cls.small_a = cls.create_group("A", cls.users(3))
        cls.big = cls.create_group("B", [])
        cls.small_c = cls.create_group("C", cls.users(2))
        big_seq = sql("SELECT seq FROM resources WHERE tenant_id = %s AND id = '%s'" % (tenant_id, cls.big))[0][0]
        # The rows as the store writes them (sql/020_member_of.sql): with
        # the group's id and name, and the members' groups in their rows.
        sql("INSERT INTO group_members (group_seq, member_seq, tenant_id, group_id, group_name)"
            " SELECT %s, seq, tenant_id, '%s', 'B %s' FROM resources"
            " WHERE tenant_id = %s AND name_key LIKE 'bulk%%'" % (big_seq, cls.big, cls.tag, tenant_id))
        name = "B %s" % cls.tag
        sql("UPDATE resources SET member_of = '%s%04d%s'"
            " WHERE tenant_id = %s AND name_key LIKE 'bulk%%'" % (cls.big, len(name), name, tenant_id))

    @classmethod
    def tearDownClass(cls):
        admin("tenant", "delete", cls.tenant, "--yes")

    @classmethod
    def create_group(cls, letter, member_ids, name=None):
        r = request("POST", url("nginx", "/Groups?excludedAttributes=members"), cls.secret,
                    {"schemas": [GROUP], "displayName": name or "%s %s" % (letter, cls.tag),
                     "members": [{"value": m} for m in member_ids]})
        assert r.status == 201, r
        return r.json()["id"]

    @classmethod
    def users(cls, n):
        ids = []
        for i in range(n):
            r = request("POST", url("nginx", "/Users"), cls.secret,
                        {"schemas": [USER], "userName": "small%d.%s.%s@acme.example" % (i, uuid.uuid4().hex[:6], cls.tag)})
            assert r.status == 201, r
            ids.append(r.json()["id"])
        return ids

    def list_groups(self, extra=""):
        r = request("GET", url("nginx", "/Groups?filter=" + urllib.parse.quote('displayName ew "%s"' % self.tag) + extra),
                    self.secret, timeout=120)
        self.assertEqual(r.status, 200, r)
        return r.json()

    def test_a_list_page_is_cut_before_a_group_that_does_not_fit(self):
        first = self.list_groups("&count=10")
        self.assertEqual(first["totalResults"], 3)
        self.assertEqual(first["itemsPerPage"], 1)
        self.assertEqual([g["id"] for g in first["Resources"]], [self.small_a])
        self.assertEqual(len(first["Resources"][0]["members"]), 3)
        # The next page starts with the big group, which alone has more
        # members than a page carries: listed without them.
        second = self.list_groups("&count=10&startIndex=2")
        self.assertEqual([g["id"] for g in second["Resources"]], [self.big, self.small_c])
        self.assertEqual(second["itemsPerPage"], 2)
        self.assertNotIn("members", second["Resources"][0])
        self.assertEqual(len(second["Resources"][1]["members"]), 2)

    def test_cursor_pages_follow_the_same_cut(self):
        seen, cursor, pages = [], "", 0
        while True:
            page = self.list_groups("&count=10&cursor=" + cursor)
            pages += 1
            seen.extend(g["id"] for g in page["Resources"])
            self.assertEqual(page["itemsPerPage"], len(page["Resources"]))
            if "nextCursor" not in page:
                break
            cursor = page["nextCursor"]
        self.assertEqual(seen, [self.small_a, self.big, self.small_c])
        self.assertEqual(pages, 2)

    def test_the_members_of_a_big_group_page_through_users(self):
        """The documented way to page a big group's members."""
        r = request("GET", url("nginx", "/Users?count=100&attributes=userName&filter=" +
                               urllib.parse.quote('groups.value eq "%s"' % self.big)), self.secret, timeout=120)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["totalResults"], self.MEMBERS)
        self.assertEqual(r.json()["itemsPerPage"], 100)

    def test_worker_memory_stays_bounded_while_listing_big_groups(self):
        """The bound stated in README ("Limits"): a list page holds at most
        10,000 members, so listing the 100,000-member group over and over
        leaves every worker under 64 MiB resident (about 17 MiB measured)."""
        for _ in range(6):
            self.list_groups("&count=1000")
        sizes = worker_rss_kib()
        self.assertTrue(sizes)
        self.assertLess(max(sizes), 64 * 1024, sizes)

    def test_a_patch_of_name_and_members_touches_only_the_changed_rows(self):
        gid = self.create_group("D", [], name="D-%s-patched" % self.tag)  # not in the lists above
        seq = sql("SELECT seq FROM resources WHERE tenant_id = %s AND id = '%s'" % (self.tenant_id, gid))[0][0]
        sql("INSERT INTO group_members (group_seq, member_seq, tenant_id, group_id, group_name)"
            " SELECT %s, seq, tenant_id, '%s', 'D-%s-patched' FROM resources"
            " WHERE tenant_id = %s AND name_key LIKE 'bulk%%'" % (seq, gid, self.tag, self.tenant_id))
        try:
            self.patch_name_and_members(gid, seq)
        finally:
            sql("DELETE FROM group_members WHERE group_seq = %s" % seq)

    def patch_name_and_members(self, gid, seq):
        leaving = sql("SELECT r.id FROM group_members m JOIN resources r ON r.seq = m.member_seq"
                      " WHERE m.group_seq = %s ORDER BY m.member_seq LIMIT 1" % seq)[0][0]
        joining = self.users(1)[0]

        def counters():
            # Rows written and deleted by every statement of the server.
            rows = {k.lower(): v for k, v in sql("SHOW GLOBAL STATUS WHERE Variable_name IN"
                                                 " ('Handler_write', 'Handler_delete')")}
            return int(rows["handler_write"]), int(rows["handler_delete"])

        inserted, deleted = counters()
        r = request("PATCH", url("nginx", "/Groups/" + gid), self.secret, patch_body(
            {"op": "replace", "path": "displayName", "value": "D-%s-renamed" % self.tag},
            {"op": "add", "path": "members", "value": [{"value": joining}]},
            {"op": "remove", "path": "members[value eq \"%s\"]" % leaving}), timeout=120)
        self.assertEqual(r.status, 204, r)
        inserted_after, deleted_after = counters()
        # One membership row in, one out, plus the events and the log entry;
        # rewriting the membership would be 100,000 of each.
        self.assertLess(inserted_after - inserted, 1000)
        self.assertLess(deleted_after - deleted, 1000)
        count = sql("SELECT COUNT(*) FROM group_members WHERE group_seq = %s" % seq)[0][0]
        self.assertEqual(int(count), self.MEMBERS)
        self.assertEqual(sql("SELECT COUNT(*) FROM group_members m JOIN resources r ON r.seq = m.member_seq"
                             " WHERE m.group_seq = %s AND r.id IN ('%s', '%s')" % (seq, joining, leaving))[0][0], "1")
        got = request("GET", url("nginx", "/Groups/%s?attributes=displayName" % gid), self.secret)
        self.assertEqual(got.json()["displayName"], "D-%s-renamed" % self.tag)
        # Every member shows the new name in its groups (SCH-05), the one
        # that left does not show the group, the one that joined does.
        staying = sql("SELECT r.id FROM group_members m JOIN resources r ON r.seq = m.member_seq"
                      " WHERE m.group_seq = %s ORDER BY m.member_seq DESC LIMIT 1" % seq)[0][0]
        for member, expected in ((staying, ["D-%s-renamed" % self.tag]), (joining, ["D-%s-renamed" % self.tag]),
                                 (leaving, [])):
            user = request("GET", url("nginx", "/Users/%s?attributes=groups" % member), self.secret).json()
            shown = [g.get("display") for g in user.get("groups", []) if g["value"] == gid]
            self.assertEqual(shown, expected, member)


class OpaqueCursorTest(unittest.TestCase, ScimAssertions):
    """nextCursor reveals nothing (not the global row sequence, which would
    show how fast other tenants write) and opens only for the tenant and
    resource type it was issued to: anything else is 400 invalidCursor
    (CUR-05, CUR-08, CUR-12)."""

    @classmethod
    def setUpClass(cls):
        cls.tag = uuid.uuid4().hex[:8]
        cls.ids = []
        for i in range(3):
            r = request("POST", url("nginx", "/Users"), token("alpha"),
                        {"schemas": [USER], "userName": "cursor%d.%s@acme.example" % (i, cls.tag)})
            assert r.status == 201, r
            cls.ids.append(r.json()["id"])

    def page(self, cursor="", tenant="alpha", endpoint_name="/Users"):
        query = "?count=1&cursor=%s&filter=%s" % (urllib.parse.quote(cursor),
                                                     urllib.parse.quote('userName ew "%s@acme.example"' % self.tag))
        if endpoint_name == "/Groups":
            query = "?count=1&cursor=" + urllib.parse.quote(cursor)
        return request("GET", url("nginx", endpoint_name + query), token(tenant))

    def first_cursor(self):
        r = self.page()
        self.assertEqual(r.status, 200, r)
        return r.json()["nextCursor"]

    def test_the_cursor_hides_the_row_sequence(self):
        cursor = self.first_cursor()
        seq = sql("SELECT seq FROM resources WHERE id = '%s'" % self.ids[0])[0][0]
        self.assertNotIn(seq, cursor)
        self.assertRegex(cursor, r"^[A-Za-z0-9_-]+$")  # CUR-01
        self.assertFalse(cursor.startswith("s") and cursor[1:].isdigit())
        # It still walks every match once.
        seen, c = [], ""
        for _ in range(5):
            body = self.page(c).json()
            seen += [x["id"] for x in body["Resources"]]
            if "nextCursor" not in body:
                break
            c = body["nextCursor"]
        self.assertEqual(seen, self.ids)

    def test_a_changed_or_made_up_cursor_is_invalid_cursor(self):
        cursor = self.first_cursor()
        changed = cursor[:-1] + ("A" if cursor[-1] != "A" else "B")
        seq = sql("SELECT seq FROM resources WHERE id = '%s'" % self.ids[0])[0][0]
        for bad in (changed, "s" + seq, "o1", "x" * 40):
            r = self.page(bad)
            body = self.assertScimError(r, 400)
            self.assertEqual(body.get("scimType"), "invalidCursor", body)

    def test_another_tenants_or_another_types_cursor_is_invalid_cursor(self):
        cursor = self.first_cursor()
        body = self.assertScimError(self.page(cursor, tenant="beta"), 400)
        self.assertEqual(body.get("scimType"), "invalidCursor", body)
        body = self.assertScimError(self.page(cursor, endpoint_name="/Groups"), 400)
        self.assertEqual(body.get("scimType"), "invalidCursor", body)


class CorruptDocumentTest(unittest.TestCase, ScimAssertions):
    """A stored document that is not a JSON object is an error (500, logged
    with the resource, never its content), never an empty resource."""

    def test_a_corrupt_row_is_500_and_logged(self):
        tag = uuid.uuid4().hex[:10]
        r = request("POST", url("nginx", "/Users"), token("beta"),
                    {"schemas": [USER], "userName": "corrupt.%s@acme.example" % tag})
        self.assertEqual(r.status, 201, r)
        uid = r.json()["id"]
        try:
            sql("UPDATE resources SET document = '[\"%s\"]' WHERE id = '%s'" % (tag, uid))
            got = request("GET", url("nginx", "/Users/" + uid), token("beta"))
            body = self.assertScimError(got, 500)
            self.assertNotIn(tag, body["detail"])
            listed = request("GET", url("nginx", "/Users?filter=" + urllib.parse.quote('userName sw "corrupt.%s"' % tag)),
                             token("beta"))
            self.assertScimError(listed, 500)
            with open(ENV["logs"]["fastscimd"], encoding="utf-8", errors="replace") as f:
                log = f.read()
            self.assertIn("stored document of User %s is not a JSON object" % uid, log)
        finally:
            sql("UPDATE resources SET document = JSON_OBJECT('schemas', JSON_ARRAY('%s'), 'userName',"
                " 'corrupt.%s@acme.example') WHERE id = '%s'" % (USER, tag, uid))
            self.assertEqual(request("DELETE", url("nginx", "/Users/" + uid), token("beta")).status, 204)


if __name__ == "__main__":
    unittest.main()

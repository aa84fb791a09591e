"""The provisioning log through nginx → fastscimd → MariaDB, read with
`fastscim-admin log`: one entry per SCIM write (successful or not) with its
method, resource, name, outcome and User-Agent; reads not recorded; filters
by outcome and time; never a secret; never another tenant's entries."""

import datetime
import json
import unittest
import uuid

from fixture import admin, issue_token, request, url

USER = "urn:ietf:params:scim:schemas:core:2.0:User"
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
PASSWORD = "Log-Secret-" + uuid.uuid4().hex


class Tenant:

    def __init__(self, prefix):
        self.name = prefix + "-" + uuid.uuid4().hex[:10]
        admin("tenant", "create", self.name, check=True)
        self.token = issue_token(self.name, "log")

    def call(self, method, path, body=None, agent="fastscim-log-test/1.0"):
        return request(method, url("nginx", path), self.token, body, headers={"User-Agent": agent})

    def log(self, *args):
        r = admin("log", "--tenant", self.name, *args, json_output=True, check=True)
        return json.loads(r.stdout)["entries"]


class ProvisioningLogTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.started = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(seconds=2)
        t = cls.tenant = Tenant("log")
        login = "carol@acme.example"
        user = {"schemas": [USER], "userName": login, "password": PASSWORD}
        created = t.call("POST", "/Users", user, agent="EntraProvisioning/1.0 (create)")
        assert created.status == 201, created
        cls.user_id = created.json()["id"]
        duplicate = t.call("POST", "/Users", user, agent="EntraProvisioning/1.0 (duplicate)")
        assert duplicate.status == 409, duplicate
        bad = t.call("PATCH", "/Users/" + cls.user_id,
                     {"schemas": [PATCH_OP], "Operations": [{"op": "jump", "path": "title", "value": "x"}]},
                     agent="EntraProvisioning/1.0 (bad patch)")
        assert bad.status == 400, bad
        password = t.call("PATCH", "/Users/" + cls.user_id,
                          {"schemas": [PATCH_OP], "Operations": [{"op": "replace", "path": "password",
                                                                   "value": PASSWORD + "-new"}]},
                          agent="EntraProvisioning/1.0 (password)")
        assert password.status == 204, password
        # Reads and searches are not writes: none of these is recorded.
        assert t.call("GET", "/Users").status == 200
        assert t.call("GET", "/Users/" + cls.user_id).status == 200
        assert t.call("POST", "/Users/.search", {"schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"]}
                      ).status == 200
        deleted = t.call("DELETE", "/Users/" + cls.user_id, agent="EntraProvisioning/1.0 (delete)")
        assert deleted.status == 204, deleted
        cls.entries = t.log()

    def test_each_write_appears_once_newest_first_and_reads_not_at_all(self):
        self.assertEqual([(e["method"], e["status"]) for e in self.entries],
                         [("DELETE", 204), ("PATCH", 204), ("PATCH", 400), ("POST", 409), ("POST", 201)])
        cursors = [int(e["cursor"]) for e in self.entries]
        self.assertEqual(cursors, sorted(cursors, reverse=True))

    def test_entries_carry_resource_name_outcome_and_client(self):
        delete, password, bad, duplicate, create = self.entries
        self.assertEqual((create["resourceType"], create["resourceId"], create["name"]),
                         ("User", self.user_id, "carol@acme.example"))
        self.assertIsNone(create["scimType"])
        self.assertIsNone(create["detail"])
        self.assertEqual(create["userAgent"], "EntraProvisioning/1.0 (create)")
        # A failed create has no id; its name comes from the request body.
        self.assertIsNone(duplicate["resourceId"])
        self.assertEqual(duplicate["name"], "carol@acme.example")
        self.assertEqual(duplicate["scimType"], "uniqueness")
        self.assertIn("carol@acme.example", duplicate["detail"])
        self.assertEqual(duplicate["userAgent"], "EntraProvisioning/1.0 (duplicate)")
        self.assertEqual(bad["resourceId"], self.user_id)
        self.assertEqual(bad["scimType"], "invalidSyntax")
        self.assertIn("jump", bad["detail"])
        # A PATCH answered 204 is named from the written resource.
        self.assertEqual(password["name"], "carol@acme.example")
        self.assertEqual(password["userAgent"], "EntraProvisioning/1.0 (password)")
        self.assertEqual((delete["resourceId"], delete["resourceType"]), (self.user_id, "User"))
        # A committed write records its own entry in its transaction, from
        # the record it wrote: a DELETE is named after the last record.
        self.assertEqual(delete["name"], "carol@acme.example")
        for e in self.entries:
            self.assertRegex(e["time"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")

    def test_each_committed_write_is_logged_once_with_the_status_it_was_answered(self):
        t = Tenant("log-status")
        created = t.call("POST", "/Users", {"schemas": [USER], "userName": "erin@acme.example"})
        self.assertEqual(created.status, 201)
        user = "/Users/" + created.json()["id"]
        rename = {"schemas": [PATCH_OP], "Operations": [{"op": "replace", "path": "displayName", "value": "Erin"}]}
        # The same PATCH answered with a body (200) and without (204).
        self.assertEqual(t.call("PATCH", user + "?attributes=userName", rename).status, 200)
        rename["Operations"][0]["value"] = "Erin E."
        self.assertEqual(t.call("PATCH", user, rename).status, 204)
        # Nothing changes: no write happens, and the answer is logged all the same.
        self.assertEqual(t.call("PATCH", user, rename).status, 204)
        put = {"schemas": [USER], "userName": "erin@acme.example", "displayName": "E"}
        self.assertEqual(t.call("PUT", user, put).status, 200)
        self.assertEqual(t.call("DELETE", user).status, 204)
        self.assertEqual([(e["method"], e["status"], e["name"]) for e in t.log()],
                         [("DELETE", 204, "erin@acme.example"), ("PUT", 200, "erin@acme.example"),
                          ("PATCH", 204, "erin@acme.example"), ("PATCH", 204, "erin@acme.example"),
                          ("PATCH", 200, "erin@acme.example"), ("POST", 201, "erin@acme.example")])

    def test_no_entry_holds_a_password_or_the_token(self):
        text = json.dumps(self.entries) + admin("log", "--tenant", self.tenant.name, check=True).stdout
        self.assertNotIn(PASSWORD, text)
        self.assertNotIn(self.tenant.token, text)
        self.assertNotIn("Bearer", text)

    def test_outcome_filters_select_successes_errors_or_one_status(self):
        self.assertEqual([e["status"] for e in self.tenant.log("--outcome", "ok")], [204, 204, 201])
        self.assertEqual([e["status"] for e in self.tenant.log("--outcome", "error")], [400, 409])
        self.assertEqual([e["method"] for e in self.tenant.log("--outcome", "409")], ["POST"])

    def test_time_filters_bound_the_entries(self):
        since = self.started.strftime("%Y-%m-%dT%H:%M:%SZ")
        self.assertEqual(len(self.tenant.log("--since", since)), 5)
        self.assertEqual(self.tenant.log("--until", since), [])
        self.assertEqual(self.tenant.log("--since", "2999-01-01"), [])
        newest = self.entries[0]["time"]
        # --until is exclusive: the newest entry is left out at its own time.
        self.assertEqual(len(self.tenant.log("--since", since, "--until", newest)), 4)

    def test_limit_and_cursor_page_through_the_entries(self):
        r = admin("log", "--tenant", self.tenant.name, "--limit", "2", json_output=True, check=True)
        first = json.loads(r.stdout)
        self.assertEqual(first["entries"], self.entries[:2])
        second = self.tenant.log("--limit", "3", "--before", first["nextCursor"])
        self.assertEqual(second, self.entries[2:])

    def test_another_tenants_entries_are_never_listed(self):
        other = Tenant("log-other")
        r = other.call("POST", "/Users", {"schemas": [USER], "userName": "dave@other.example"})
        self.assertEqual(r.status, 201)
        self.assertEqual([e["name"] for e in other.log()], ["dave@other.example"])
        self.assertNotIn("dave@other.example", json.dumps(self.tenant.log()))

    def test_unknown_tenant_and_bad_filters_are_refused(self):
        self.assertNotEqual(admin("log", "--tenant", "no-such-" + uuid.uuid4().hex[:8]).returncode, 0)
        r = admin("log", "--tenant", self.tenant.name, "--outcome", "bad")
        self.assertEqual(r.returncode, 2)
        self.assertIn("\"outcome\" must be \"success\" or \"failure\"", r.stderr)


if __name__ == "__main__":
    unittest.main()

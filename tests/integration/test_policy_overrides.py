"""Provisioning policies on the real stack (doc/policies.md): creation
templates chosen by a SCIM filter, overrides the product sets through the
management API (SCIM keeps the provider's values, the product sees its
own), the events and provisioning log that record them, and refusals that
write nothing."""

import json
import os
import unittest
import uuid

from fixture import ENV, admin, issue_token, record_token, request, url

USER = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
TEAMAPP = "urn:ietf:params:scim:schemas:extension:teamapp:2.0:User"
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
TEAMAPP_FILE = os.path.join(ENV["srcdir"], "examples", "schemas", "team-app-user.json")


def write_file(name, content):
    path = os.path.join(ENV["workdir"], name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(content if isinstance(content, str) else json.dumps(content))
    return path


class Tenant:
    """A tenant of its own with a SCIM token and a management API key."""

    def __init__(self, prefix):
        self.name = prefix + "-" + uuid.uuid4().hex[:10]
        admin("tenant", "create", self.name, check=True)
        self.token = issue_token(self.name, "policies")
        key = admin("apikey", "issue", "--name", self.name, "--tenant", self.name, check=True).stdout.strip()
        record_token(key)
        self.key = key

    def scim(self, method, path, body=None):
        return request(method, url("nginx", path), self.token, body)

    def manage(self, method, path, body=None):
        base = ENV["endpoints"]["nginx"].replace("/scim/v2", "/manage/v1")
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        return request(method, base + "/tenants/" + self.name + path, self.key, data, headers=headers)

    def create(self, login, **extra):
        body = {"schemas": [USER, ENTERPRISE], "userName": login + "@acme.example", "active": True}
        body.update(extra)
        r = self.scim("POST", "/Users", body)
        assert r.status == 201, r
        return r.json()

    def patch(self, user_id, *operations):
        r = self.scim("PATCH", "/Users/" + user_id, {"schemas": [PATCH_OP], "Operations": list(operations)})
        assert r.status in (200, 204), r
        return r

    def events(self):
        r = admin("events", "list", "--tenant", self.name, "--limit", "1000", json_output=True, check=True)
        return json.loads(r.stdout)["events"]

    def template(self, name, when, values, *extra):
        path = write_file(self.name + "-" + name + ".json", values)
        return admin("template", "add", "--tenant", self.name, "--name", name, "--when", when, *extra, path)


class TemplatesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.t = Tenant("tpl")
        admin("schema", "add", "--tenant", cls.t.name, TEAMAPP_FILE, check=True)
        sales = '%s:department eq "Sales" or %s:department eq "Marketing"' % (ENTERPRISE, ENTERPRISE)
        added = cls.t.template("sales", sales, {TEAMAPP: {"company": "Acme Sales Ltd"}, "title": "Seller"})
        assert added.returncode == 0, added.stderr
        added = cls.t.template("everyone", "userName pr", {TEAMAPP: {"company": "Acme"}})
        assert added.returncode == 0, added.stderr

    def test_templates_are_listed_in_order_and_a_new_one_can_go_first(self):
        t = Tenant("tpl-order")
        self.assertEqual(t.template("b", "userName pr", {"title": "B"}).returncode, 0)
        self.assertEqual(t.template("a", "userName pr", {"title": "A"}, "--position", "1").returncode, 0)
        listed = json.loads(admin("template", "list", "--tenant", t.name, json_output=True, check=True).stdout)
        self.assertEqual([(x["name"], x["position"]) for x in listed], [("a", 1), ("b", 2)])
        user = t.create("first")
        effective = t.manage("GET", "/users/" + user["id"]).json()
        self.assertEqual(effective["title"], "A")
        admin("template", "remove", "--tenant", t.name, "a", check=True)
        self.assertEqual(t.manage("GET", "/templates").json()[0]["name"], "b")
        second = t.create("second")
        self.assertEqual(t.manage("GET", "/users/" + second["id"]).json()["title"], "B")

    def test_a_sales_user_gets_the_templates_company(self):
        user = self.t.create("sam", title="Account Executive", **{ENTERPRISE: {"department": "Sales"}})
        # SCIM shows what the provider sent.
        self.assertEqual(user["title"], "Account Executive")
        self.assertNotIn(TEAMAPP, user)
        self.assertNotIn("company", json.dumps(self.t.scim("GET", "/Users/" + user["id"]).json()))
        # The product sees the template's values, as overrides.
        effective = self.t.manage("GET", "/users/" + user["id"])
        self.assertEqual(effective.status, 200, effective)
        body = effective.json()
        self.assertEqual(body[TEAMAPP]["company"], "Acme Sales Ltd")
        self.assertEqual(body["title"], "Seller")
        self.assertEqual(sorted(body["overridden"]), sorted(["title", TEAMAPP + ":company"]))
        created = [e for e in self.t.events() if e["resource"]["id"] == user["id"]][0]
        self.assertEqual(created["type"], "user.created")
        self.assertIn({"policy": "template", "name": "sales"}, created["policies"])
        self.assertEqual(created["data"][TEAMAPP]["company"], "Acme Sales Ltd")
        log = json.loads(admin("log", "--tenant", self.t.name, json_output=True, check=True).stdout)
        entry = [e for e in log["entries"] if e["resourceId"] == user["id"]][0]
        self.assertIn('template "sales"', entry["detail"])

    def test_the_first_matching_rule_wins_and_a_later_one_catches_the_rest(self):
        user = self.t.create("eve", **{ENTERPRISE: {"department": "Engineering"}})
        body = self.t.manage("GET", "/users/" + user["id"]).json()
        self.assertEqual(body[TEAMAPP]["company"], "Acme")
        self.assertNotIn("title", body)
        created = [e for e in self.t.events() if e["resource"]["id"] == user["id"]][0]
        self.assertIn({"policy": "template", "name": "everyone"}, created["policies"])

    def test_templates_apply_only_on_create(self):
        user = self.t.create("mo", **{ENTERPRISE: {"department": "Engineering"}})
        self.t.patch(user["id"], {"op": "replace", "path": ENTERPRISE + ":department", "value": "Sales"})
        body = self.t.manage("GET", "/users/" + user["id"]).json()
        self.assertEqual(body[TEAMAPP]["company"], "Acme")

    def test_a_bad_template_is_refused_and_nothing_is_stored(self):
        t = Tenant("tpl-bad")
        bad_filter = t.template("x", 'department eq', {"title": "x"})
        self.assertNotEqual(bad_filter.returncode, 0)
        self.assertIn("filter", bad_filter.stderr.lower())
        unknown = t.template("x", 'userName pr', {"nosuch": "x"})
        self.assertNotEqual(unknown.returncode, 0)
        self.assertIn("nosuch", unknown.stderr)
        key = t.template("x", 'userName pr', {"userName": "x"})
        self.assertNotEqual(key.returncode, 0)
        self.assertEqual(t.template("x", "userName pr", {"title": "x"}).returncode, 0)
        taken = t.template("x", "userName pr", {"title": "y"})
        self.assertNotEqual(taken.returncode, 0)
        self.assertIn("already", taken.stderr)
        listed = json.loads(admin("template", "list", "--tenant", t.name, json_output=True, check=True).stdout)
        self.assertEqual([(x["name"], x["values"]) for x in listed], [("x", {"title": "x"})])
        bad = t.manage("POST", "/templates", {"name": "y", "when": "nosuch pr", "values": {"title": "y"}})
        self.assertEqual(bad.status, 400, bad)
        self.assertEqual(len(t.manage("GET", "/templates").json()), 1)


class OverridesTest(unittest.TestCase):
    def test_an_overridden_title_survives_the_providers_patch(self):
        t = Tenant("ovr")
        user = t.create("olga", title="Engineer")
        set_ = t.manage("PUT", "/users/%s/overrides/title" % user["id"], {"value": "Head of Platform"})
        self.assertEqual(set_.status, 200, set_)
        self.assertEqual(set_.json()["title"], "Head of Platform")
        self.assertEqual(set_.json()["overridden"], ["title"])

        # Entra changes the title: SCIM takes it and shows it …
        t.patch(user["id"], {"op": "replace", "path": "title", "value": "Senior Engineer"})
        self.assertEqual(t.scim("GET", "/Users/" + user["id"]).json()["title"], "Senior Engineer")
        # … the product keeps its own.
        self.assertEqual(t.manage("GET", "/users/" + user["id"]).json()["title"], "Head of Platform")

        # A change the product sees still reaches it, with the effective title.
        t.patch(user["id"], {"op": "replace", "path": "displayName", "value": "Olga K"})
        relinked = t.manage("DELETE", "/users/%s/overrides/title" % user["id"])
        self.assertEqual(relinked.status, 200, relinked)
        self.assertEqual(relinked.json()["title"], "Senior Engineer")
        self.assertEqual(relinked.json()["overridden"], [])

        events = [e for e in t.events() if e["resource"]["id"] == user["id"]]
        self.assertEqual([e["type"] for e in events], ["user.created", "user.updated", "user.updated", "user.updated"])
        override, display, relink = events[1], events[2], events[3]
        self.assertEqual(override["changed"], ["title"])
        self.assertEqual(override["previous"], {"title": "Engineer"})
        self.assertEqual(override["data"]["title"], "Head of Platform")
        self.assertEqual(display["changed"], ["displayName"])
        self.assertEqual(display["data"]["title"], "Head of Platform")
        self.assertIn({"policy": "overrides", "paths": ["title"]}, display["policies"])
        self.assertEqual(relink["previous"], {"title": "Head of Platform"})
        self.assertEqual(relink["data"]["title"], "Senior Engineer")
        self.assertNotIn("policies", relink)

    def test_refused_overrides_write_nothing(self):
        t = Tenant("ovr-bad")
        user = t.create("rita", title="Clerk")
        before = t.scim("GET", "/Users/" + user["id"]).json()["meta"]["version"]
        count = len(t.events())
        for path, body, status, words in [
                ("userName", {"value": "x"}, 400, "userName"),
                ("nosuch", {"value": "x"}, 400, "nosuch"),
                ("title", {"value": 7}, 400, "string"),
                ("title", {"wrong": "x"}, 400, "value"),
                ("active", {"value": "yes"}, 400, "boolean")]:
            r = t.manage("PUT", "/users/%s/overrides/%s" % (user["id"], path), body)
            self.assertEqual(r.status, status, (path, r))
            self.assertIn(words, r.json()["message"])
        self.assertEqual(t.manage("PUT", "/users/%s/overrides/title" % uuid.uuid4(), {"value": "x"}).status, 404)
        self.assertEqual(t.manage("DELETE", "/users/%s/overrides/title" % user["id"]).status, 404)
        self.assertEqual(t.scim("GET", "/Users/" + user["id"]).json()["meta"]["version"], before)
        self.assertEqual(len(t.events()), count)
        self.assertEqual(t.manage("GET", "/users/" + user["id"]).json()["overridden"], [])

    def test_another_tenants_key_cannot_see_or_override(self):
        t, other = Tenant("ovr-a"), Tenant("ovr-b")
        user = t.create("ann")
        r = other.manage("PUT", "/users/%s/overrides/title" % user["id"], {"value": "x"})
        self.assertEqual(r.status, 404)
        self.assertEqual(other.manage("GET", "/users/" + user["id"]).status, 404)
        self.assertEqual(t.manage("GET", "/users/" + user["id"]).json()["overridden"], [])


class SafeDeletionTest(unittest.TestCase):
    def test_a_deleted_user_leaves_scim_at_once_and_can_be_restored(self):
        t = Tenant("del")
        user = t.create("dora", title="Clerk", emails=[{"value": "dora@acme.example", "type": "work"}])
        t.manage("PUT", "/users/%s/overrides/title" % user["id"], {"value": "Chief Clerk"})
        self.assertEqual(t.scim("DELETE", "/Users/" + user["id"]).status, 204)
        self.assertEqual(t.scim("GET", "/Users/" + user["id"]).status, 404)
        self.assertEqual(t.manage("GET", "/users/" + user["id"]).status, 404)
        kept = t.manage("GET", "/deleted-users").json()
        self.assertEqual([(u["id"], u["userName"]) for u in kept], [(user["id"], "dora@acme.example")])
        self.assertGreater(kept[0]["purgeAfter"], kept[0]["deleted"])

        # The userName is free again: restoring the old user now is refused
        # and changes nothing.
        again = t.create("dora")
        count = len(t.events())
        taken = t.manage("POST", "/deleted-users/%s/restore" % user["id"])
        self.assertEqual(taken.status, 409, taken)
        self.assertIn("dora@acme.example", taken.json()["message"])
        self.assertEqual(len(t.events()), count)
        self.assertEqual(len(t.manage("GET", "/deleted-users").json()), 1)

        self.assertEqual(t.scim("DELETE", "/Users/" + again["id"]).status, 204)
        restored = admin("user", "restore", "--tenant", t.name, user["id"], json_output=True)
        self.assertEqual(restored.returncode, 0, restored.stderr)
        body = json.loads(restored.stdout)
        self.assertEqual(body["id"], user["id"])
        self.assertEqual(body["title"], "Chief Clerk")  # the overrides came back too
        scim = t.scim("GET", "/Users/" + user["id"]).json()
        self.assertEqual(scim["title"], "Clerk")
        self.assertEqual(scim["emails"][0]["value"], "dora@acme.example")
        found = t.scim("GET", '/Users?filter=emails.value%20eq%20%22dora@acme.example%22').json()
        self.assertEqual([r["id"] for r in found["Resources"]], [user["id"]])
        listed = json.loads(admin("user", "deleted", "--tenant", t.name, json_output=True, check=True).stdout)
        self.assertEqual([u["id"] for u in listed], [again["id"]])
        types = [e["type"] for e in t.events() if e["resource"]["id"] == user["id"]]
        self.assertEqual(types, ["user.created", "user.updated", "user.deleted", "user.restored"])
        seats = json.loads(admin("seats", "--tenant", t.name, json_output=True, check=True).stdout)
        self.assertEqual(seats["activeUsers"], 1)

    def test_the_purge_removes_users_past_the_tenants_retention(self):
        t = Tenant("del-purge")
        bad = admin("tenant", "set", t.name, "deleted-retention", "-1")
        self.assertNotEqual(bad.returncode, 0)
        admin("tenant", "set", t.name, "deleted-retention", "0", check=True)
        user = t.create("pat")
        self.assertEqual(t.scim("DELETE", "/Users/" + user["id"]).status, 204)
        purged = json.loads(admin("events", "purge", json_output=True, check=True).stdout)
        self.assertGreaterEqual(purged["deletedUsersPurged"], 1)
        self.assertEqual(t.manage("GET", "/deleted-users").json(), [])
        self.assertEqual(t.manage("POST", "/deleted-users/%s/restore" % user["id"]).status, 404)
        last = [e for e in t.events() if e["resource"]["id"] == user["id"]][-1]
        self.assertEqual(last["type"], "user.purged")
        self.assertEqual(last["data"], {"id": user["id"], "userName": "pat@acme.example"})


if __name__ == "__main__":
    unittest.main()

"""Provisioning policies through nginx → fastscimd → MariaDB
(doc/policies.md): identifiers owned by another tenant
(unique-across-tenants), accounts that existed before provisioning
(link-existing, with the product's import over /manage/v1 and
`fastscim-admin user import`), and extensions every tenant has
(`schema add --all-tenants`).

unique-across-tenants and deployment-wide extensions reach every tenant,
so this module runs early, while no other module's users share an address
across tenants, and undoes both when done."""

import json
import os
import tempfile
import threading
import unittest
import urllib.parse
import uuid

from fixture import ENV, admin, issue_token, request, url
from test_manage import ManageCase, issue_key

USER = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
MANAGE_JSON = {"Content-Type": "application/json", "Accept": "application/json"}


def manage_url(path):
    return ENV["endpoints"]["nginx"].replace("/scim/v2", "/manage/v1") + path


def race(*calls):
    """Runs the calls at once (released together by a barrier); their results in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        results[index] = call()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


class Tenant:

    def __init__(self, prefix):
        self.name = prefix + "-" + uuid.uuid4().hex[:10]
        admin("tenant", "create", self.name, check=True)
        self.token = issue_token(self.name, "policy")

    def call(self, method, path, body=None):
        return request(method, url("nginx", path), self.token, body)

    def post_user(self, login, emails=(), mobiles=()):
        body = {"schemas": [USER], "userName": login,
                "emails": [{"value": e, "type": "work"} for e in emails],
                "phoneNumbers": [{"value": m, "type": "mobile"} for m in mobiles]}
        return self.call("POST", "/Users", body)

    def user_names(self):
        r = self.call("GET", "/Users?count=1000")
        assert r.status == 200, r
        return sorted(u["userName"] for u in r.json()["Resources"])

    def events(self):
        r = admin("events", "list", "--tenant", self.name, "--limit", "1000", json_output=True, check=True)
        return json.loads(r.stdout)["events"]

    def log(self):
        r = admin("log", "--tenant", self.name, json_output=True, check=True)
        return json.loads(r.stdout)["entries"]


def policy(value):
    return admin("policy", "set", "unique-across-tenants", value)


class UniqueAcrossTenantsTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.domain = uuid.uuid4().hex[:8] + ".example"
        assert policy("off").returncode == 0
        a = cls.owner = Tenant("owner")
        b = cls.other = Tenant("other")
        c = cls.third = Tenant("third")
        # Before the switch: an address held in two tenants stops it.
        cls.clash = "clash@" + cls.domain
        assert b.post_user("b-clash", [cls.clash]).status == 201
        clashing = c.post_user("c-clash", [cls.clash.upper()])
        assert clashing.status == 201
        cls.refused_switch = policy("emails,mobile")
        cls.show_after_refusal = json.loads(admin("policy", "show", json_output=True, check=True).stdout)
        assert c.call("DELETE", "/Users/" + clashing.json()["id"]).status == 204
        # A user that existed before the switch holds its identifiers.
        cls.held = "Held.Person@" + cls.domain
        first = a.post_user("held-person", [cls.held], ["+49 30 1234567"])
        assert first.status == 201, first
        cls.holder_id = first.json()["id"]
        switched = policy("emails,mobile")
        assert switched.returncode == 0, switched.stderr

    @classmethod
    def tearDownClass(cls):
        policy("off")

    def assertRefusedWithoutLeak(self, r):
        self.assertEqual(r.status, 409, r)
        body = r.json()
        self.assertEqual(body["scimType"], "uniqueness")
        detail = body["detail"]
        self.assertIn("in use elsewhere", detail)
        for secret in (self.owner.name, self.holder_id, "held-person"):
            self.assertNotIn(secret, detail)
        return detail

    def test_policy_show_reports_the_setting(self):
        shown = json.loads(admin("policy", "show", json_output=True, check=True).stdout)
        self.assertEqual(shown["unique-across-tenants"], "emails,mobile")

    def test_switching_on_is_refused_while_two_tenants_share_an_address(self):
        self.assertNotEqual(self.refused_switch.returncode, 0)
        self.assertIn(self.clash, self.refused_switch.stderr)
        self.assertIn(self.other.name, self.refused_switch.stderr)
        self.assertIn(self.third.name, self.refused_switch.stderr)
        self.assertEqual(self.show_after_refusal["unique-across-tenants"], "off")

    def test_an_address_a_user_held_before_the_switch_is_refused_to_another_tenant(self):
        before = self.other.user_names()
        r = self.other.post_user("b-takes-held", [self.held.lower().swapcase()])
        detail = self.assertRefusedWithoutLeak(r)
        self.assertIn("emails", detail)
        self.assertEqual(self.other.user_names(), before)

    def test_a_mobile_number_is_compared_without_spaces_dashes_and_brackets(self):
        before = self.other.user_names()
        r = self.other.post_user("b-takes-mobile", mobiles=["+49 (30) 123-4567"])
        detail = self.assertRefusedWithoutLeak(r)
        self.assertIn("phoneNumbers", detail)
        self.assertEqual(self.other.user_names(), before)
        # Another number, or the same digits as a work phone, is no clash.
        body = {"schemas": [USER], "userName": "b-work-phone-" + uuid.uuid4().hex[:6],
                "phoneNumbers": [{"value": "+49 30 1234567", "type": "work"}]}
        ok = self.other.call("POST", "/Users", body)
        self.assertEqual(ok.status, 201, ok)
        self.assertEqual(self.other.call("DELETE", "/Users/" + ok.json()["id"]).status, 204)

    def test_a_patch_that_adds_a_held_address_writes_nothing_and_is_an_event(self):
        login = "b-patch-" + uuid.uuid4().hex[:6]
        created = self.other.post_user(login, ["own-" + login + "@" + self.domain])
        self.assertEqual(created.status, 201, created)
        user_id = created.json()["id"]
        r = self.other.call("PATCH", "/Users/" + user_id, {"schemas": [PATCH_OP], "Operations": [
            {"op": "add", "path": "emails", "value": [{"value": self.held, "type": "home"}]}]})
        self.assertRefusedWithoutLeak(r)
        after = self.other.call("GET", "/Users/" + user_id)
        self.assertEqual(after.json()["meta"]["version"], created.json()["meta"]["version"])
        self.assertEqual([e["value"] for e in after.json()["emails"]], ["own-" + login + "@" + self.domain])
        refused = [e for e in self.other.events()
                   if e["type"] == "provisioning.refused" and e["resource"]["id"] == user_id]
        self.assertEqual(len(refused), 1, refused)
        data = refused[0]["data"]
        self.assertEqual(data["policy"], "unique-across-tenants")
        self.assertEqual(data["operation"], "PATCH")
        self.assertEqual(data["identifier"], {"kind": "email", "value": self.held})
        self.assertIn("in use elsewhere", data["reason"])
        self.assertNotIn(self.owner.name, json.dumps(refused[0]))
        self.assertNotIn(self.holder_id, json.dumps(refused[0]))

    def test_a_refused_create_is_an_event_and_a_log_entry_and_nothing_else(self):
        login = "b-refused-" + uuid.uuid4().hex[:6]
        before = self.other.events()
        r = self.other.post_user(login, [self.held])
        self.assertRefusedWithoutLeak(r)
        new = self.other.events()[len(before):]
        self.assertEqual([e["type"] for e in new], ["provisioning.refused"])
        self.assertEqual(new[0]["data"]["userName"], login)
        self.assertEqual(new[0]["data"]["operation"], "POST")
        self.assertEqual(new[0]["resource"], {"type": "User", "id": "", "version": 0})
        entry = self.other.log()[0]
        self.assertEqual((entry["method"], entry["status"], entry["scimType"], entry["name"]),
                         ("POST", 409, "uniqueness", login))
        self.assertIn("unique-across-tenants", entry["detail"])

    def test_users_of_one_tenant_may_share_an_address(self):
        r = self.owner.post_user("held-twin-" + uuid.uuid4().hex[:6], [self.held])
        self.assertEqual(r.status, 201, r)

    def test_an_address_is_free_for_another_tenant_once_its_last_holder_lets_go(self):
        address = "moving-" + uuid.uuid4().hex[:6] + "@" + self.domain
        first = self.owner.post_user("mover-1-" + address, [address]).json()["id"]
        second = self.owner.post_user("mover-2-" + address, [address]).json()["id"]
        self.assertEqual(self.owner.call("DELETE", "/Users/" + first).status, 204)
        self.assertEqual(self.other.post_user("taker-" + address, [address]).status, 409)
        # The last holder changes its address instead of being deleted.
        r = self.owner.call("PATCH", "/Users/" + second, {"schemas": [PATCH_OP], "Operations": [
            {"op": "replace", "path": "emails", "value": [{"value": "kept-" + address, "type": "work"}]}]})
        self.assertEqual(r.status, 204, r)
        self.assertEqual(self.other.post_user("taker-" + address, [address]).status, 201)

    def test_two_tenants_racing_for_one_address_one_wins(self):
        for round_number in range(4):
            address = "race-%d-%s@%s" % (round_number, uuid.uuid4().hex[:6], self.domain)
            tenants = (self.owner, self.other)
            results = race(*[lambda t=t, k=k: t.post_user("racer-%d-%s" % (k, address), [address])
                             for k, t in enumerate(tenants)])
            self.assertEqual(sorted(r.status for r in results), [201, 409], [r.body for r in results])
            loser = next(k for k, r in enumerate(results) if r.status == 409)
            self.assertNotIn("racer-%d-%s" % (loser, address), tenants[loser].user_names())


class LinkExistingTest(unittest.TestCase):
    """link-existing: the product imports its accounts, then the provider's
    POST of the same person adopts the account instead of making another."""

    @classmethod
    def setUpClass(cls):
        t = cls.tenant = Tenant("link")
        cls.key = issue_key(t.name + "-key", t.name)
        admin("tenant", "set", t.name, "link-existing", "Email, employeeNumber", check=True)
        cls.setting = json.loads(admin("tenant", "show", t.name, json_output=True, check=True).stdout)
        cls.domain = uuid.uuid4().hex[:8] + ".example"
        cls.alice = cls.import_user({"schemas": [USER], "userName": "alice.local", "title": "Founder",
                                     "nickName": "Al",
                                     "emails": [{"value": "Alice@" + cls.domain, "type": "work"}]})
        assert cls.alice.status == 201, cls.alice
        lines = [
            {"schemas": [USER, ENTERPRISE], "userName": "bob.local", ENTERPRISE: {"employeeNumber": "E-4711"}},
            {"schemas": [USER], "userName": "twin.one", "emails": [{"value": "twin@" + cls.domain}]},
            {"schemas": [USER], "userName": "twin.two", "emails": [{"value": "TWIN@" + cls.domain}]},
            {"schemas": [USER], "userName": "carol.local", "emails": [{"value": "carol@" + cls.domain}]},
        ]
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
            for line in lines:
                f.write(json.dumps(line) + "\n")
            f.write("\n")  # blank lines are skipped
            f.write('{"schemas": ["%s"], "userName": "alice.local"}\n' % USER)  # taken: a failure
            f.write("{not json\n")
            path = f.name
        try:
            cls.imported = admin("user", "import", "--tenant", t.name, "--progress-every", "2", path)
        finally:
            os.unlink(path)
        cls.before = t.user_names()

    @classmethod
    def import_user(cls, body):
        return request("POST", manage_url("/tenants/%s/users" % cls.tenant.name), cls.key, json.dumps(body),
                       headers=MANAGE_JSON)

    def user_id(self, user_name):
        r = self.tenant.call("GET", "/Users?filter=" + urllib.parse.quote('userName eq "%s"' % user_name))
        found = r.json()["Resources"]
        return found[0]["id"] if found else None

    def test_the_setting_is_stored_in_its_canonical_spelling(self):
        self.assertEqual(self.setting["settings"]["linkExisting"], "email,employeeNumber")

    def test_the_import_reports_progress_each_line_that_failed_and_its_count(self):
        r = self.imported
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("user import: 2 lines read, 2 imported, 0 failed", r.stderr)
        self.assertIn("line 6: A user with userName \"alice.local\" already exists.", r.stderr)
        self.assertIn("line 7: not JSON", r.stderr)
        self.assertIn("imported 4 users into tenant " + self.tenant.name + " (2 failed)", r.stdout)
        for name in ("bob.local", "twin.one", "twin.two", "carol.local"):
            self.assertIn(name, self.before)

    def test_an_imported_account_is_linked_by_email_when_the_provider_creates_the_person(self):
        alice = self.alice.json()
        body = {"schemas": [USER], "userName": "alice@" + self.domain, "externalId": "entra-alice",
                "title": "CEO", "emails": [{"value": "ALICE@" + self.domain, "type": "work", "primary": True}]}
        r = self.tenant.call("POST", "/Users", body)
        self.assertEqual(r.status, 201, r)
        linked = r.json()
        self.assertEqual(linked["id"], alice["id"])
        self.assertEqual((linked["userName"], linked["title"], linked["nickName"]),
                         ("alice@" + self.domain, "CEO", "Al"))
        self.assertEqual(len(self.tenant.user_names()), len(self.before))
        events = [e for e in self.tenant.events() if e["resource"]["id"] == alice["id"]]
        self.assertEqual([e["type"] for e in events], ["user.created", "user.linked"])
        self.assertEqual(events[1]["policies"], [{"policy": "link-existing", "matchedBy": "email",
                                                   "value": "ALICE@" + self.domain}])
        self.assertEqual(events[1]["data"]["externalId"], "entra-alice")
        entry = next(e for e in self.tenant.log() if e["resourceId"] == alice["id"])
        self.assertEqual((entry["method"], entry["status"]), ("POST", 201))
        self.assertIn("link-existing", entry["detail"])
        # Adopted once: the same person again is the provider's own duplicate.
        again = self.tenant.call("POST", "/Users", body)
        self.assertEqual(again.status, 409, again)

    def test_an_imported_account_is_linked_by_employee_number(self):
        bob = self.user_id("bob.local")
        body = {"schemas": [USER, ENTERPRISE], "userName": "bob@" + self.domain,
                ENTERPRISE: {"employeeNumber": "E-4711", "department": "Sales"}}
        r = self.tenant.call("POST", "/Users", body)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json()["id"], bob)
        self.assertEqual(r.json()[ENTERPRISE], {"employeeNumber": "E-4711", "department": "Sales"})

    def test_two_candidates_are_refused_with_a_detail_and_nothing_written(self):
        twins = sorted([self.user_id("twin.one"), self.user_id("twin.two")])
        before = self.tenant.events()
        r = self.tenant.call("POST", "/Users", {"schemas": [USER], "userName": "twin@" + self.domain,
                                                "emails": [{"value": "twin@" + self.domain, "type": "work"}]})
        self.assertEqual(r.status, 409, r)
        self.assertEqual(r.json()["scimType"], "uniqueness")
        detail = r.json()["detail"]
        for twin in twins:
            self.assertIn(twin, detail)
        self.assertIn("link-existing", detail)
        self.assertNotIn("twin@" + self.domain, self.tenant.user_names())
        new = self.tenant.events()[len(before):]
        self.assertEqual([e["type"] for e in new], ["provisioning.refused"])
        self.assertEqual(new[0]["data"]["policy"], "link-existing")
        self.assertEqual(sorted(c["id"] for c in new[0]["data"]["candidates"]), twins)

    def test_a_second_post_racing_the_link_does_not_adopt_twice(self):
        carol = self.user_id("carol.local")
        body = {"schemas": [USER], "userName": "carol@" + self.domain,
                "emails": [{"value": "carol@" + self.domain, "type": "work"}]}
        results = race(lambda: self.tenant.call("POST", "/Users", body),
                       lambda: self.tenant.call("POST", "/Users", body))
        self.assertEqual(sorted(r.status for r in results), [201, 409], [r.body for r in results])
        winner = next(r for r in results if r.status == 201)
        self.assertEqual(winner.json()["id"], carol)
        self.assertEqual(self.user_id("carol@" + self.domain), carol)
        self.assertIsNone(self.user_id("carol.local"))
        linked = [e for e in self.tenant.events() if e["type"] == "user.linked" and e["resource"]["id"] == carol]
        self.assertEqual(len(linked), 1)

    def test_an_import_is_a_scim_user_checked_like_a_post(self):
        r = self.import_user({"schemas": [USER], "emails": [{"value": "x@" + self.domain}]})
        self.assertEqual(r.status, 400, r)
        self.assertIn("userName", r.json()["message"])

    def test_without_the_setting_a_matching_post_creates_a_new_user(self):
        other = Tenant("nolink")
        key = issue_key(other.name + "-key", other.name)
        address = "dave@" + self.domain
        local = request("POST", manage_url("/tenants/%s/users" % other.name), key,
                        json.dumps({"schemas": [USER], "userName": "dave.local",
                                    "emails": [{"value": address, "type": "work"}]}), headers=MANAGE_JSON)
        self.assertEqual(local.status, 201, local)
        r = other.post_user(address, [address])
        self.assertEqual(r.status, 201, r)
        self.assertNotEqual(r.json()["id"], local.json()["id"])


class PolicyEventsOverManageTest(ManageCase):
    """The import route and the policies' events as the management API
    serves them, each response checked against its OpenAPI description."""

    def test_import_link_and_refusal_are_described_by_the_openapi(self):
        t = Tenant("feed")
        key = issue_key(t.name + "-key", t.name)
        self.assertEqual(self.call("PATCH", "/tenants/%s/settings" % t.name, key,
                                   {"linkExisting": "email"}).json()["linkExisting"], "email")
        domain = uuid.uuid4().hex[:8] + ".example"
        for login, address in (("erin.local", "erin@"), ("twin.a", "twin@"), ("twin.b", "twin@")):
            r = self.call("POST", "/tenants/%s/users" % t.name, key,
                          {"schemas": [USER], "userName": login,
                           "emails": [{"value": address + domain, "type": "work"}]})
            self.assertEqual(r.status, 201, r)
        self.assertEqual(t.post_user("erin@" + domain, ["erin@" + domain]).status, 201)
        self.assertEqual(t.post_user("twin@" + domain, ["twin@" + domain]).status, 409)
        feed = self.call("GET", "/tenants/%s/events?limit=100" % t.name, key)
        self.assertEqual(feed.status, 200, feed)
        types = [e["type"] for e in feed.json()["events"]]
        self.assertEqual(types[-2:], ["user.linked", "provisioning.refused"])


class AllTenantsExtensionTest(unittest.TestCase):
    """schema add --all-tenants: one vendor extension every tenant has."""

    @classmethod
    def setUpClass(cls):
        cls.urn = "urn:ietf:params:scim:schemas:extension:vendor%s:2.0:User" % uuid.uuid4().hex[:8]
        cls.earlier = Tenant("ext-before")
        definition = {"id": cls.urn, "name": "VendorUser", "attributes": [
            {"name": "company", "type": "string", "multiValued": False, "required": False,
             "mutability": "readWrite", "returned": "default", "uniqueness": "none", "caseExact": False},
            {"name": "location", "type": "string", "multiValued": False, "required": False,
             "mutability": "readWrite", "returned": "default", "uniqueness": "none", "caseExact": False}]}
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump(definition, f)
            cls.path = f.name
        cls.added = admin("schema", "add", "--all-tenants", cls.path)
        cls.later = Tenant("ext-after")

    @classmethod
    def tearDownClass(cls):
        for tenant in (cls.earlier, cls.later):
            admin("tenant", "delete", tenant.name, "--yes")
        admin("schema", "remove", "--all-tenants", cls.urn)
        os.unlink(cls.path)

    def post_with_extension(self, tenant):
        body = {"schemas": [USER, self.urn], "userName": "ext-" + uuid.uuid4().hex[:8],
                self.urn: {"company": "Acme", "location": "Berlin"}}
        return tenant.call("POST", "/Users", body)

    def test_tenants_present_and_future_accept_and_publish_it(self):
        self.assertEqual(self.added.returncode, 0, self.added.stderr)
        for tenant in (self.earlier, self.later):
            r = self.post_with_extension(tenant)
            self.assertEqual(r.status, 201, r)
            self.assertEqual(r.json()[self.urn], {"company": "Acme", "location": "Berlin"})
            schemas = tenant.call("GET", "/Schemas").json()["Resources"]
            self.assertIn(self.urn, [s["id"] for s in schemas])

    def test_schema_list_marks_it_deployment_wide(self):
        listed = json.loads(admin("schema", "list", "--tenant", self.later.name, json_output=True,
                                  check=True).stdout)
        mine = [row for row in listed if row["urn"] == self.urn]
        self.assertEqual(len(mine), 1)
        self.assertIs(mine[0]["deploymentWide"], True)
        shared = json.loads(admin("schema", "list", "--all-tenants", json_output=True, check=True).stdout)
        self.assertIn(self.urn, [row["urn"] for row in shared])

    def test_a_tenant_cannot_add_its_own_copy(self):
        r = admin("schema", "add", "--tenant", self.earlier.name, self.path)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("deployment-wide", r.stderr)
        twice = admin("schema", "add", "--all-tenants", self.path)
        self.assertNotEqual(twice.returncode, 0)
        self.assertIn("exists already", twice.stderr)

    def test_it_cannot_be_removed_while_data_uses_it(self):
        self.assertEqual(self.post_with_extension(self.earlier).status, 201)
        r = admin("schema", "remove", "--all-tenants", self.urn)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("carry data", r.stderr)


if __name__ == "__main__":
    unittest.main()

"""Tenant schema extensions through the real stack (issue 5): fastscim-admin
schema add/list/show/set/remove and tenant set, then discovery, create,
filter, sort and PATCH through nginx, and isolation between tenants.

Each class uses tenants of its own (created here), so the extensions it
registers never reach the tenants the other modules use.
"""

import json
import os
import urllib.parse
import unittest

from fixture import ENV, ScimAssertions, admin, issue_token, request, url

TEAMAPP = "urn:ietf:params:scim:schemas:extension:teamapp:2.0:User"
WORKPLACE = "urn:ietf:params:scim:schemas:extension:workplace:2.0:User"
USER = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
EXAMPLES = os.path.join(ENV["srcdir"], "examples", "schemas")
TEAMAPP_FILE = os.path.join(EXAMPLES, "team-app-user.json")
WORKPLACE_FILE = os.path.join(EXAMPLES, "workplace-user.json")


def new_tenant(name):
    admin("tenant", "create", name, check=True)
    return issue_token(name, "it")


def write_file(name, content):
    path = os.path.join(ENV["workdir"], name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(content if isinstance(content, str) else json.dumps(content))
    return path


def scim_get(token, path):
    return request("GET", url("nginx", path), token=token)


def filtered(token, expression, extra=""):
    return scim_get(token, "/Users?filter=" + urllib.parse.quote(expression) + extra)


def user(name, **extra):
    body = {"schemas": [USER], "userName": name}
    body.update(extra)
    return body


def patch(*operations):
    return {"schemas": [PATCH_OP], "Operations": list(operations)}


class SchemaAdminTest(ScimAssertions, unittest.TestCase):
    """fastscim-admin schema … and tenant set …"""

    @classmethod
    def setUpClass(cls):
        cls.token = new_tenant("ext-admin")

    def test_every_schema_command_has_help_that_needs_no_database(self):
        env = dict(os.environ, FASTSCIM_CONFIG="/nonexistent/fastscim.conf")
        import subprocess
        for command in ("add", "list", "show", "set", "remove"):
            with self.subTest(command=command):
                result = subprocess.run([ENV["admin"], "schema", command, "--help"], capture_output=True,
                                        text=True, timeout=60, env=env)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertIn("schema %s" % command, result.stdout)
        result = subprocess.run([ENV["admin"], "tenant", "set", "--help"], capture_output=True, text=True,
                                timeout=60, env=env)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("unknown-attributes", result.stdout)

    def test_an_invalid_schema_file_is_refused_naming_the_bad_attribute(self):
        bad = write_file("bad-type.json", {"id": "urn:ietf:params:scim:schemas:extension:bad:2.0:User",
                                           "attributes": [{"name": "location", "type": "strin"}]})
        result = admin("schema", "add", "--tenant", "ext-admin", bad)
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertIn('attribute "location": unknown type "strin"', result.stderr)
        unenforceable = write_file("bad-unique.json", {
            "id": "urn:ietf:params:scim:schemas:extension:bad:2.0:User",
            "attributes": [{"name": "badge", "uniqueness": "server"}]})
        result = admin("schema", "add", "--tenant", "ext-admin", unenforceable)
        self.assertEqual(result.returncode, 1)
        self.assertIn('attribute "badge": uniqueness "server"', result.stderr)
        not_json = write_file("bad-json.json", '{"id": "urn:x:y",\n "attributes": [}')
        result = admin("schema", "add", "--tenant", "ext-admin", not_json)
        self.assertEqual(result.returncode, 1)
        self.assertIn("bad-json.json:2:", result.stderr)
        listed = json.loads(admin("schema", "list", "--tenant", "ext-admin", json_output=True, check=True).stdout)
        self.assertEqual(listed, [])

    def test_urns_of_the_builtin_schemas_are_refused(self):
        """EXT-09: the core namespace and the built-ins are reserved."""
        for urn in (USER, ENTERPRISE, "urn:ietf:params:scim:schemas:core:2.0:Badge"):
            with self.subTest(urn=urn):
                path = write_file("reserved.json", {"id": urn, "attributes": [{"name": "badge"}]})
                result = admin("schema", "add", "--tenant", "ext-admin", path)
                self.assertEqual(result.returncode, 1)
                self.assertIn("reserved", result.stderr)

    def test_an_unknown_resource_type_is_a_usage_error(self):
        result = admin("schema", "add", "--tenant", "ext-admin", "--resource-type", "Printer", TEAMAPP_FILE)
        self.assertEqual(result.returncode, 2)
        self.assertIn("Printer", result.stderr)

    def test_add_list_show_set_and_remove(self):
        added = json.loads(admin("schema", "add", "--tenant", "ext-admin", WORKPLACE_FILE,
                                 json_output=True, check=True).stdout)
        self.assertEqual(added["urn"], WORKPLACE)
        self.assertEqual(added["resourceType"], "User")
        self.assertFalse(added["required"])
        again = admin("schema", "add", "--tenant", "ext-admin", WORKPLACE_FILE)
        self.assertEqual(again.returncode, 1)
        self.assertIn("already has", again.stderr)
        listed = json.loads(admin("schema", "list", "--tenant", "ext-admin", json_output=True, check=True).stdout)
        self.assertEqual([s["urn"] for s in listed], [WORKPLACE])
        self.assertEqual(listed[0]["attributes"], 8)
        shown = admin("schema", "show", "--tenant", "ext-admin", WORKPLACE.upper().replace("URN:", "urn:"),
                      check=True)
        definition = json.loads(shown.stdout)  # text mode prints the definition alone: reusable as a file
        self.assertEqual(definition["id"], WORKPLACE)
        self.assertEqual(len(definition["attributes"]), 8)
        shown = json.loads(admin("schema", "show", "--tenant", "ext-admin", WORKPLACE, json_output=True,
                                 check=True).stdout)
        self.assertEqual(shown["schema"]["id"], WORKPLACE)
        made_required = json.loads(admin("schema", "set", "--tenant", "ext-admin", WORKPLACE, "required", "true",
                                         json_output=True, check=True).stdout)
        self.assertTrue(made_required["required"])
        admin("schema", "set", "--tenant", "ext-admin", WORKPLACE, "required", "false", check=True)
        removed = json.loads(admin("schema", "remove", "--tenant", "ext-admin", WORKPLACE, json_output=True,
                                   check=True).stdout)
        self.assertEqual(removed["resourcesPurged"], 0)
        missing = admin("schema", "show", "--tenant", "ext-admin", WORKPLACE)
        self.assertEqual(missing.returncode, 1)
        self.assertIn(WORKPLACE, missing.stderr)

    def test_tenant_settings_are_set_shown_and_reset(self):
        admin("tenant", "set", "ext-admin", "unknown-attributes", "reject", check=True)
        shown = json.loads(admin("tenant", "show", "ext-admin", json_output=True, check=True).stdout)
        self.assertEqual(shown["settings"]["unknownAttributes"], "reject")
        self.assertIsNone(shown["settings"]["unknownExtensions"])
        admin("tenant", "set", "ext-admin", "unknown-attributes", "default", check=True)
        shown = json.loads(admin("tenant", "show", "ext-admin", json_output=True, check=True).stdout)
        self.assertIsNone(shown["settings"]["unknownAttributes"])
        bad = admin("tenant", "set", "ext-admin", "unknown-attributes", "maybe")
        self.assertEqual(bad.returncode, 2)
        bad = admin("tenant", "set", "ext-admin", "strictness", "reject")
        self.assertEqual(bad.returncode, 2)


class ExtensionDiscoveryTest(ScimAssertions, unittest.TestCase):
    """DSC-07..DSC-11, EXT-01, EXT-08: what tenant A registered is in A's
    discovery and nowhere in B's."""

    @classmethod
    def setUpClass(cls):
        cls.a = new_tenant("ext-disc-a")
        cls.b = new_tenant("ext-disc-b")
        admin("schema", "add", "--tenant", "ext-disc-a", TEAMAPP_FILE, check=True)

    def test_schemas_lists_the_extension_for_its_tenant(self):
        """DSC-09."""
        response = scim_get(self.a, "/Schemas")
        self.assertEqual(response.status, 200, response)
        ids = [s["id"] for s in response.json()["Resources"]]
        self.assertIn(TEAMAPP, ids)
        self.assertIn(USER, ids)
        self.assertEqual(response.json()["totalResults"], len(ids))

    def test_one_schema_by_urn_describes_every_attribute(self):
        """DSC-10: every characteristic; meta.location from the public URL."""
        response = scim_get(self.a, "/Schemas/" + TEAMAPP)
        self.assertEqual(response.status, 200, response)
        schema = response.json()
        self.assertEqual(schema["id"], TEAMAPP)
        self.assertEqual(sorted(a["name"] for a in schema["attributes"]), ["company", "description", "location"])
        for attribute in schema["attributes"]:
            for characteristic in ("type", "multiValued", "description", "required", "caseExact", "mutability",
                                   "returned", "uniqueness"):
                self.assertIn(characteristic, attribute)
            self.assertEqual(attribute["mutability"], "readWrite")
        self.assertEqual(schema["meta"]["resourceType"], "Schema")
        self.assertEqual(schema["meta"]["location"], url("nginx", "/Schemas/" + TEAMAPP))

    def test_discovery_has_no_null_values(self):
        """entra-provisioning.md §10: absent properties are omitted, not null."""
        def walk(value, where):
            if value is None:
                self.fail("null at " + where)
            if isinstance(value, dict):
                for k, v in value.items():
                    walk(v, where + "." + k)
            if isinstance(value, list):
                for i, v in enumerate(value):
                    walk(v, "%s[%d]" % (where, i))
        for path in ("/Schemas", "/ResourceTypes"):
            walk(scim_get(self.a, path).json(), path)

    def test_resource_types_list_the_extension_on_user(self):
        """DSC-08, EXT-01: schemaExtensions with its required flag."""
        for path in ("/ResourceTypes", "/ResourceTypes/User"):
            with self.subTest(path=path):
                body = scim_get(self.a, path).json()
                user_type = body if "Resources" not in body else \
                    [t for t in body["Resources"] if t["name"] == "User"][0]
                extensions = {e["schema"]: e["required"] for e in user_type["schemaExtensions"]}
                self.assertEqual(extensions, {ENTERPRISE: False, TEAMAPP: False})

    def test_another_tenant_does_not_see_it(self):
        ids = [s["id"] for s in scim_get(self.b, "/Schemas").json()["Resources"]]
        self.assertNotIn(TEAMAPP, ids)
        self.assertScimError(scim_get(self.b, "/Schemas/" + TEAMAPP), 404)
        user_type = scim_get(self.b, "/ResourceTypes/User").json()
        self.assertEqual([e["schema"] for e in user_type["schemaExtensions"]], [ENTERPRISE])

    def test_every_worker_sees_a_change_on_the_next_request(self):
        """The per-thread cache follows the tenant's configuration generation."""
        admin("schema", "add", "--tenant", "ext-disc-b", WORKPLACE_FILE, check=True)
        try:
            for _ in range(12):  # more requests than serving threads
                ids = [s["id"] for s in scim_get(self.b, "/Schemas").json()["Resources"]]
                self.assertIn(WORKPLACE, ids)
        finally:
            admin("schema", "remove", "--tenant", "ext-disc-b", WORKPLACE, check=True)
        for _ in range(12):
            ids = [s["id"] for s in scim_get(self.b, "/Schemas").json()["Resources"]]
            self.assertNotIn(WORKPLACE, ids)


class ExtensionResourceTest(ScimAssertions, unittest.TestCase):
    """EXT-02..EXT-06, EXT-10: extension data validated, stored, returned,
    filtered, sorted and patched like core data; invisible to tenant B."""

    @classmethod
    def setUpClass(cls):
        cls.a = new_tenant("ext-res-a")
        cls.b = new_tenant("ext-res-b")
        admin("schema", "add", "--tenant", "ext-res-a", TEAMAPP_FILE, check=True)

    def create(self, token, body, status=201):
        response = request("POST", url("nginx", "/Users"), token=token, body=body)
        self.assertEqual(response.status, status, response)
        return response.json()

    def test_create_with_the_urn_in_schemas(self):
        """EXT-02, EXT-03."""
        created = self.create(self.a, user("listed@ext.example", schemas=[USER, TEAMAPP],
                                           **{TEAMAPP: {"company": "Acme", "location": "Leeds"}}))
        self.assertEqual(created["schemas"], [USER, TEAMAPP])
        self.assertEqual(created[TEAMAPP], {"company": "Acme", "location": "Leeds"})
        fetched = scim_get(self.a, "/Users/" + created["id"]).json()
        self.assertEqual(fetched[TEAMAPP], {"company": "Acme", "location": "Leeds"})

    def test_create_without_the_urn_in_schemas_as_entra_sends_it(self):
        """entra-provisioning.md §4.1: the URN is not listed; it is added."""
        created = self.create(self.a, user("unlisted@ext.example", **{TEAMAPP: {"location": "York"}}))
        self.assertEqual(created["schemas"], [USER, TEAMAPP])
        self.assertEqual(created[TEAMAPP]["location"], "York")

    def test_urn_qualified_attribute_at_the_top_level_is_placed_in_its_extension(self):
        created = self.create(self.a, user("qualified@ext.example", **{TEAMAPP + ":company": "Initech"}))
        self.assertEqual(created[TEAMAPP], {"company": "Initech"})

    def test_listed_urn_without_data_is_left_out(self):
        """EXT-03: schemas lists an extension exactly when it has data."""
        created = self.create(self.a, user("nodata@ext.example", schemas=[USER, TEAMAPP]))
        self.assertEqual(created["schemas"], [USER])
        self.assertNotIn(TEAMAPP, created)

    def test_a_wrongly_typed_extension_value_is_400_naming_it(self):
        response = request("POST", url("nginx", "/Users"), token=self.a,
                           body=user("wrongtype@ext.example", **{TEAMAPP: {"location": {"city": "Leeds"}}}))
        body = self.assertScimError(response, 400)
        self.assertEqual(body.get("scimType"), "invalidValue")
        self.assertIn(TEAMAPP + ":location", body["detail"])

    def test_filter_and_sort_by_an_extension_attribute(self):
        """EXT-05: `urn:…:User:location eq "Leeds"`, sortBy with the URN."""
        for name, location in (("leeds1@filter.example", "Leeds"), ("hull@filter.example", "Hull"),
                               ("leeds2@filter.example", "leeds")):
            self.create(self.a, user(name, **{TEAMAPP: {"location": location}}))
        response = filtered(self.a, '%s:location eq "Leeds" and userName ew "@filter.example"' % TEAMAPP)
        self.assertEqual(response.status, 200, response)
        names = sorted(r["userName"] for r in response.json()["Resources"])
        # caseExact is false: "leeds" matches too (ATT-15).
        self.assertEqual(names, ["leeds1@filter.example", "leeds2@filter.example"])
        response = filtered(self.a, 'userName ew "@filter.example"',
                            "&sortBy=" + urllib.parse.quote(TEAMAPP + ":location") + "&sortOrder=descending")
        self.assertEqual(response.status, 200, response)
        locations = [r[TEAMAPP]["location"].lower() for r in response.json()["Resources"]]
        self.assertEqual(locations, sorted(locations, reverse=True))
        response = filtered(self.a, "%s:location pr and userName ew \"@filter.example\"" % TEAMAPP,
                            "&attributes=" + urllib.parse.quote(TEAMAPP + ":location"))
        self.assertEqual(response.json()["totalResults"], 3)
        for resource in response.json()["Resources"]:
            self.assertEqual(set(resource[TEAMAPP]), {"location"})
            self.assertNotIn("userName", resource)

    def test_patch_by_urn_path_and_by_path_less_value(self):
        """EXT-05, EXT-06, EXT-10 and entra-provisioning.md §6."""
        created = self.create(self.a, user("patched@ext.example"))
        where = url("nginx", "/Users/" + created["id"])
        response = request("PATCH", where, token=self.a, body=patch(
            {"op": "Add", "path": TEAMAPP + ":location", "value": "Tacoma"}))
        self.assertEqual(response.status, 204, response)
        fetched = scim_get(self.a, "/Users/" + created["id"]).json()
        self.assertEqual(fetched["schemas"], [USER, TEAMAPP])  # EXT-06
        self.assertEqual(fetched[TEAMAPP], {"location": "Tacoma"})
        found = filtered(self.a, '%s:location eq "Tacoma"' % TEAMAPP).json()
        self.assertEqual([r["id"] for r in found["Resources"]], [created["id"]])

        response = request("PATCH", where, token=self.a, body=patch(
            {"op": "replace", "value": {TEAMAPP: {"company": "Globex"}, TEAMAPP + ":description": "buyer"}}))
        self.assertEqual(response.status, 204, response)
        fetched = scim_get(self.a, "/Users/" + created["id"]).json()
        self.assertEqual(fetched[TEAMAPP], {"location": "Tacoma", "company": "Globex", "description": "buyer"})

        response = request("PATCH", where, token=self.a, body=patch(
            {"op": "remove", "path": TEAMAPP + ":location"},
            {"op": "remove", "path": TEAMAPP + ":company"},
            {"op": "remove", "path": TEAMAPP + ":description"}))
        self.assertEqual(response.status, 204, response)
        fetched = scim_get(self.a, "/Users/" + created["id"]).json()
        self.assertEqual(fetched["schemas"], [USER])  # EXT-10
        self.assertNotIn(TEAMAPP, fetched)

    def test_put_keeps_and_clears_extension_data(self):
        created = self.create(self.a, user("put@ext.example", **{TEAMAPP: {"location": "Leeds"}}))
        where = url("nginx", "/Users/" + created["id"])
        response = request("PUT", where, token=self.a,
                           body=user("put@ext.example", **{TEAMAPP: {"location": "Bath", "company": "Acme"}}))
        self.assertEqual(response.status, 200, response)
        self.assertEqual(response.json()[TEAMAPP], {"location": "Bath", "company": "Acme"})
        response = request("PUT", where, token=self.a, body=user("put@ext.example"))
        self.assertEqual(response.status, 200, response)
        self.assertNotIn(TEAMAPP, response.json())
        self.assertEqual(response.json()["schemas"], [USER])

    def test_tenant_b_rejects_the_extension_data_by_default(self):
        """Undeclared extension URNs are rejected (400 invalidValue naming
        them), whatever another tenant registered."""
        response = request("POST", url("nginx", "/Users"), token=self.b,
                           body=user("intruder@ext.example", **{TEAMAPP: {"location": "Leeds"}}))
        body = self.assertScimError(response, 400)
        self.assertEqual(body.get("scimType"), "invalidValue")
        self.assertIn(TEAMAPP, body["detail"])
        response = request("POST", url("nginx", "/Users"), token=self.b,
                           body=user("intruder@ext.example", **{TEAMAPP + ":location": "Leeds"}))
        self.assertScimError(response, 400)

    def test_tenant_b_cannot_filter_sort_or_patch_by_it(self):
        body = self.assertScimError(filtered(self.b, '%s:location eq "Leeds"' % TEAMAPP), 400)
        self.assertEqual(body.get("scimType"), "invalidFilter")
        self.assertScimError(scim_get(self.b, "/Users?sortBy=" + urllib.parse.quote(TEAMAPP + ":location")), 400)
        created = request("POST", url("nginx", "/Users"), token=self.b, body=user("b-user@ext.example")).json()
        where = url("nginx", "/Users/" + created["id"])
        response = request("PATCH", where, token=self.b, body=patch(
            {"op": "add", "path": TEAMAPP + ":location", "value": "Leeds"}))
        self.assertEqual(self.assertScimError(response, 400).get("scimType"), "invalidPath")
        response = request("PATCH", where, token=self.b, body=patch(
            {"op": "add", "value": {TEAMAPP: {"location": "Leeds"}}}))
        self.assertScimError(response, 400)
        self.assertNotIn(TEAMAPP, scim_get(self.b, "/Users/" + created["id"]).json())

    def test_tenant_b_does_not_find_tenant_a_users_through_it(self):
        a_user = self.create(self.a, user("private@ext.example", **{TEAMAPP: {"location": "Secret"}}))
        self.assertScimError(scim_get(self.b, "/Users/" + a_user["id"]), 404)
        found = filtered(self.b, 'userName eq "private@ext.example"').json()
        self.assertEqual(found["totalResults"], 0)

    def test_remove_is_refused_while_data_exists_and_force_deletes_it(self):
        admin("tenant", "create", "ext-remove", check=True)
        token = issue_token("ext-remove", "it")
        admin("schema", "add", "--tenant", "ext-remove", TEAMAPP_FILE, check=True)
        created = self.create(token, user("carrier@ext.example", **{TEAMAPP: {"location": "Leeds"}}))
        refused = admin("schema", "remove", "--tenant", "ext-remove", TEAMAPP)
        self.assertEqual(refused.returncode, 1)
        self.assertIn("1 User resource", refused.stderr)
        self.assertIn("--force", refused.stderr)
        self.assertEqual(scim_get(token, "/Users/" + created["id"]).json()[TEAMAPP], {"location": "Leeds"})
        removed = json.loads(admin("schema", "remove", "--tenant", "ext-remove", TEAMAPP, "--force",
                                   json_output=True, check=True).stdout)
        self.assertEqual(removed["resourcesPurged"], 1)
        fetched = scim_get(token, "/Users/" + created["id"])
        self.assertEqual(fetched.status, 200, fetched)
        self.assertNotIn(TEAMAPP, fetched.json())
        self.assertEqual(fetched.json()["schemas"], [USER])
        self.assertNotEqual(fetched.json()["meta"]["version"], created["meta"]["version"])
        self.assertScimError(scim_get(token, "/Schemas/" + TEAMAPP), 404)


class UnknownAttributePolicyTest(ScimAssertions, unittest.TestCase):
    """One documented policy per tenant: unknown attributes ignored and
    undeclared extensions rejected by default; each settable."""

    @classmethod
    def setUpClass(cls):
        cls.token = new_tenant("ext-policy")

    def tearDown(self):
        admin("tenant", "set", "ext-policy", "unknown-attributes", "default", check=True)
        admin("tenant", "set", "ext-policy", "unknown-extensions", "default", check=True)

    def post(self, name, **extra):
        return request("POST", url("nginx", "/Users"), token=self.token, body=user(name, **extra))

    def test_misspelt_attributes_are_ignored_by_default(self):
        """Microsoft's "PUT with a misspelled attribute" conformance test
        expects 200."""
        response = self.post("misspelt@policy.example", displayNme="Babs")
        self.assertEqual(response.status, 201, response)
        created = response.json()
        response = request("PUT", url("nginx", "/Users/" + created["id"]), token=self.token,
                           body=user("misspelt@policy.example", titel="Buyer"))
        self.assertEqual(response.status, 200, response)
        self.assertNotIn("titel", response.json())

    def test_misspelt_attributes_are_rejected_when_the_tenant_says_so(self):
        admin("tenant", "set", "ext-policy", "unknown-attributes", "reject", check=True)
        body = self.assertScimError(self.post("strict@policy.example", displayNme="Babs"), 400)
        self.assertEqual(body.get("scimType"), "invalidValue")
        self.assertIn("displayNme", body["detail"])

    def test_undeclared_extension_data_is_dropped_when_the_tenant_ignores_it(self):
        self.assertScimError(self.post("strict-ext@policy.example", **{TEAMAPP: {"location": "Leeds"}}), 400)
        admin("tenant", "set", "ext-policy", "unknown-extensions", "ignore", check=True)
        response = self.post("lenient-ext@policy.example", **{TEAMAPP: {"location": "Leeds"}})
        self.assertEqual(response.status, 201, response)
        self.assertNotIn(TEAMAPP, response.json())
        self.assertEqual(response.json()["schemas"], [USER])

    def test_an_unknown_urn_listed_in_schemas_without_data_is_ignored(self):
        """entra-provisioning.md §4.2: Entra lists a Microsoft URI with groups."""
        response = request("POST", url("nginx", "/Groups"), token=self.token, body={
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group",
                        "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
            "displayName": "Procurement Team"})
        self.assertEqual(response.status, 201, response)

    def test_a_required_extension_must_be_present(self):
        """EXT-04."""
        admin("schema", "add", "--tenant", "ext-policy", "--required", TEAMAPP_FILE, check=True)
        try:
            body = self.assertScimError(self.post("without@policy.example"), 400)
            self.assertIn(TEAMAPP, body["detail"])
            response = self.post("with@policy.example", **{TEAMAPP: {"location": "Leeds"}})
            self.assertEqual(response.status, 201, response)
            required = scim_get(self.token, "/ResourceTypes/User").json()["schemaExtensions"]
            self.assertIn({"schema": TEAMAPP, "required": True}, required)
        finally:
            admin("schema", "remove", "--tenant", "ext-policy", TEAMAPP, "--force", check=True)


if __name__ == "__main__":
    unittest.main()

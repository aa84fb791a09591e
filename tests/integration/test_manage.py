"""The management API (/manage/v1) on the real stack, through nginx and
Apache (mod_proxy_fcgi): API keys and their scope, keys versus SCIM tokens,
token rotation and expiry, provisioning on/off, seats, users and groups,
4xx for bad input — and every response checked against the OpenAPI
description the server itself serves (src/manage/openapi.json).

Expiry is made deterministic by the API's explicit times (an overlap of 0s
ends a secret at once); the one wait below is a bounded poll for a
three-second expiry, never a sleep that decides a result.
"""

import datetime
import json
import re
import unittest

import jsonschema

from fixture import ENV, admin, record_token, request, wait_until

MANAGE_JSON = "application/json"
USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group"


def manage_url(endpoint, path=""):
    return ENV["endpoints"][endpoint].replace("/scim/v2", "/manage/v1") + path


def scim_url(path=""):
    return ENV["endpoints"]["nginx"] + path


def utc(seconds_from_now):
    moment = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=seconds_from_now)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def issue_key(name, tenant=None):
    args = ["apikey", "issue", "--name", name] + (["--tenant", tenant] if tenant else [])
    result = admin(*args, check=True)
    secret = result.stdout.strip()
    record_token(secret)
    return secret


class OpenApi:
    """The served description, with every $ref inlined, as JSON Schemas."""

    def __init__(self, document):
        self.document = document
        self.paths = []
        for template, item in document["paths"].items():
            pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
            self.paths.append((re.compile(pattern), template, item))

    def resolve(self, node):
        if isinstance(node, dict):
            if "$ref" in node:
                target = self.document
                for part in node["$ref"].lstrip("#/").split("/"):
                    target = target[part]
                return self.resolve(target)
            return {k: self.resolve(v) for k, v in node.items()}
        if isinstance(node, list):
            return [self.resolve(v) for v in node]
        return node

    def check(self, method, path, response):
        """Fails unless `response` is what the description says `method
        path` answers with its status."""
        path = path.split("?")[0]
        matches = [(template, item) for pattern, template, item in self.paths if pattern.match(path)]
        assert matches, "no path of the description matches %s" % path
        template, item = matches[0]
        operation = item.get(method.lower())
        if operation is None:
            # A method the path does not take: 405 with the Error shape.
            assert response.status == 405, "%s %s is not described: %r" % (method, template, response)
            assert response.media_type == MANAGE_JSON, response
            error = self.resolve({"$ref": "#/components/schemas/Error"})
            jsonschema.Draft202012Validator(error).validate(response.json())
            return
        responses = operation["responses"]
        described = responses.get(str(response.status)) or responses.get("default")
        assert described is not None, "%s %s: status %d is not described" % (method, template, response.status)
        described = self.resolve(described)
        content = described.get("content")
        if not content:
            assert response.body == b"", "%s %s %d has a body" % (method, template, response.status)
            return
        assert response.media_type == MANAGE_JSON, response
        jsonschema.Draft202012Validator(content[MANAGE_JSON]["schema"]).validate(response.json())


class ManageCase(unittest.TestCase):
    api = None
    checked = 0

    @classmethod
    def setUpClass(cls):
        if ManageCase.api is None:
            served = request("GET", manage_url("nginx", "/openapi.json"))
            assert served.status == 200, served
            ManageCase.api = OpenApi(served.json())

    def call(self, method, path, key=None, body=None, endpoint="nginx", raw=None, content_type=MANAGE_JSON):
        headers = {"Accept": MANAGE_JSON}
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
        if raw is not None:
            payload = raw
        if payload is not None:
            headers["Content-Type"] = content_type
        response = request(method, manage_url(endpoint, path), token=key, body=payload, headers=headers)
        ManageCase.api.check(method, path, response)
        ManageCase.checked += 1
        return response

    def assertManageError(self, response, status, kind=None):
        self.assertEqual(response.status, status, response)
        self.assertEqual(response.media_type, MANAGE_JSON, response)
        body = response.json()
        self.assertEqual(body["status"], status, body)
        if kind:
            self.assertEqual(body["error"], kind, body)
        self.assertTrue(body["message"], body)
        return body


class OpenApiTest(ManageCase):
    def test_the_description_is_served_through_nginx_and_apache(self):
        for endpoint in ("nginx", "apache_proxy_fcgi"):
            with self.subTest(endpoint=endpoint):
                served = request("GET", manage_url(endpoint, "/openapi.json"))
                self.assertEqual(served.status, 200, served)
                self.assertEqual(served.media_type, MANAGE_JSON)
                self.assertTrue(served.json()["openapi"].startswith("3."))

    def test_the_description_in_the_repository_is_the_one_served(self):
        with open(ENV["srcdir"] + "/src/manage/openapi.json", encoding="utf-8") as f:
            self.assertEqual(json.load(f), ManageCase.api.document)


class CredentialsTest(ManageCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.operator = issue_key("creds-operator")

    def test_a_scim_token_never_works_on_the_management_api(self):
        for endpoint in ("nginx", "apache_proxy_fcgi"):
            with self.subTest(endpoint=endpoint):
                r = self.call("GET", "/tenants", key=ENV["tenants"]["alpha"]["first"], endpoint=endpoint)
                body = self.assertManageError(r, 401, "unauthorized")
                self.assertIn("SCIM token", body["message"])
                self.assertTrue(r.header("www-authenticate"))

    def test_an_api_key_never_works_on_scim(self):
        for path in ("/Users", "/ServiceProviderConfig"):
            with self.subTest(path=path):
                r = request("GET", scim_url(path), token=self.operator)
                self.assertEqual(r.status, 401, r)
                self.assertEqual(r.media_type, "application/scim+json")

    def test_no_key_a_malformed_header_or_an_unknown_key_is_401(self):
        self.assertManageError(self.call("GET", "/tenants"), 401, "unauthorized")
        r = request("GET", manage_url("nginx", "/tenants"), headers={"Authorization": "Basic abc"})
        self.assertManageError(r, 401)
        forged = "fsmk_" + "A" * 43
        self.assertManageError(self.call("GET", "/tenants", key=forged), 401, "unauthorized")

    def test_an_operator_key_works_through_nginx_and_apache(self):
        for endpoint in ("nginx", "apache_proxy_fcgi"):
            with self.subTest(endpoint=endpoint):
                r = self.call("GET", "/tenants", key=self.operator, endpoint=endpoint)
                self.assertEqual(r.status, 200, r)
                self.assertIn("alpha", [t["name"] for t in r.json()])

    def test_a_revoked_key_stops_at_once_and_keys_are_listed_without_secrets(self):
        key = issue_key("creds-revoke-me")
        self.assertEqual(self.call("GET", "/tenants", key=key).status, 200)
        listed = json.loads(admin("apikey", "list", json_output=True, check=True).stdout)
        entry = [k for k in listed if k["name"] == "creds-revoke-me"][0]
        self.assertTrue(key.startswith(entry["prefix"]))
        self.assertIsNone(entry["tenant"])
        self.assertTrue(entry["lastUsed"])
        self.assertNotIn(key, json.dumps(listed))
        admin("apikey", "revoke", "creds-revoke-me", check=True)
        self.assertManageError(self.call("GET", "/tenants", key=key), 401, "unauthorized")
        again = admin("apikey", "revoke", "creds-revoke-me")
        self.assertEqual(again.returncode, 1)

    def test_apikey_issue_prints_only_the_secret_and_refuses_duplicates(self):
        result = admin("apikey", "issue", "--name", "creds-stdout", "--tenant", "beta", check=True)
        secret = result.stdout.strip()
        record_token(secret)
        self.assertRegex(secret, r"^fsmk_[A-Za-z0-9_-]{43}$")
        self.assertNotIn(secret, result.stderr)
        self.assertEqual(admin("apikey", "issue", "--name", "creds-stdout").returncode, 1)
        self.assertEqual(admin("apikey", "issue", "--name", "x", "--tenant", "no-such-tenant").returncode, 1)
        self.assertEqual(admin("apikey", "issue").returncode, 2)


class ScopeTest(ManageCase):
    """A key made for one tenant sees that tenant only; every other
    tenant's everything answers exactly like a tenant that does not exist."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        admin("tenant", "create", "scope-own", check=True)
        admin("tenant", "create", "scope-other", check=True)
        cls.scoped = issue_key("scope-own-key", tenant="scope-own")
        cls.operator = issue_key("scope-operator")
        token = cls.call_class("POST", "/tenants/scope-other/tokens", cls.operator, {"name": "t1"}).json()["token"]
        record_token(token)
        user = request("POST", scim_url("/Users"), token=token,
                       body={"schemas": [USER_SCHEMA], "userName": "other.user@example.com"})
        assert user.status == 201, user
        cls.other_user = user.json()["id"]

    @classmethod
    def call_class(cls, method, path, key, body=None):
        return ManageCase.call(cls, method, path, key=key, body=body)

    def test_the_scoped_key_lists_only_its_tenant(self):
        r = self.call("GET", "/tenants", key=self.scoped)
        self.assertEqual(r.status, 200, r)
        self.assertEqual([t["name"] for t in r.json()], ["scope-own"])
        self.assertEqual(self.call("GET", "/tenants/scope-own", key=self.scoped).status, 200)

    def test_another_tenant_answers_exactly_like_no_tenant(self):
        paths = [("GET", "/tenants/{}"), ("DELETE", "/tenants/{}"), ("GET", "/tenants/{}/settings"),
                 ("GET", "/tenants/{}/tokens"), ("POST", "/tenants/{}/tokens"),
                 ("DELETE", "/tenants/{}/tokens/t1"), ("POST", "/tenants/{}/tokens/t1/rotate"),
                 ("GET", "/tenants/{}/seats"), ("GET", "/tenants/{}/users"),
                 ("GET", "/tenants/{}/users/" + self.other_user), ("GET", "/tenants/{}/groups")]
        for method, path in paths:
            with self.subTest(method=method, path=path):
                body = {} if method == "POST" else None
                other = self.call(method, path.format("scope-other"), key=self.scoped, body=body)
                nobody = self.call(method, path.format("scope-nobody"), key=self.scoped, body=body)
                self.assertManageError(other, 404, "not_found")
                self.assertEqual(nobody.status, 404)
                self.assertEqual(other.json()["message"].replace("scope-other", "X"),
                                 nobody.json()["message"].replace("scope-nobody", "X"))
        patched = self.call("PATCH", "/tenants/scope-other/settings", key=self.scoped, body={"provisioning": "off"})
        self.assertManageError(patched, 404, "not_found")
        # Nothing changed: the other tenant's token still works, provisioning on.
        tokens = self.call("GET", "/tenants/scope-other/tokens", key=self.operator).json()
        self.assertIsNone(tokens[0]["revoked"])
        self.assertEqual(self.call("GET", "/tenants/scope-other/settings", key=self.operator).json()["provisioning"],
                         "on")

    def test_the_scoped_key_may_not_create_or_delete_tenants(self):
        self.assertManageError(self.call("POST", "/tenants", key=self.scoped, body={"name": "scope-new"}), 403,
                               "forbidden")
        self.assertManageError(self.call("DELETE", "/tenants/scope-own", key=self.scoped), 403, "forbidden")
        self.assertEqual(self.call("GET", "/tenants/scope-own", key=self.scoped).status, 200)


class TenantsTest(ManageCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.key = issue_key("tenants-operator")

    def test_a_tenant_is_created_shown_changed_and_deleted(self):
        created = self.call("POST", "/tenants", key=self.key, body={"name": "mg-life"})
        self.assertEqual(created.status, 201, created)
        self.assertEqual(created.json()["name"], "mg-life")
        shown = self.call("GET", "/tenants/mg-life", key=self.key).json()
        self.assertEqual(shown["settings"]["provisioning"], "on")
        self.assertEqual(shown["settings"]["invitations"], "off")
        changed = self.call("PATCH", "/tenants/mg-life/settings", key=self.key,
                            body={"invitations": "on-create", "unknownAttributes": "reject"})
        self.assertEqual(changed.status, 200, changed)
        self.assertEqual(changed.json()["invitations"], "on-create")
        self.assertEqual(changed.json()["unknownAttributes"], "reject")
        cli = json.loads(admin("tenant", "show", "mg-life", json_output=True, check=True).stdout)
        self.assertEqual(cli["settings"]["invitations"], "on-create")
        admin("tenant", "set", "mg-life", "invitations", "off", check=True)
        self.assertEqual(self.call("GET", "/tenants/mg-life/settings", key=self.key).json()["invitations"], "off")
        self.assertEqual(self.call("DELETE", "/tenants/mg-life", key=self.key).status, 204)
        self.assertManageError(self.call("GET", "/tenants/mg-life", key=self.key), 404, "not_found")

    def test_bad_input_is_a_4xx_that_names_the_problem(self):
        cases = [
            ("POST", "/tenants", {"name": "bad name!"}, None, 400, "bad name!"),
            ("POST", "/tenants", {"nam": "x"}, None, 400, "nam"),
            ("POST", "/tenants", {"name": 7}, None, 400, "name"),
            ("POST", "/tenants", None, b"{not json", 400, "line 1"),
            ("POST", "/tenants", None, b"", 400, "empty"),
            ("POST", "/tenants", {"name": "alpha"}, None, 409, "alpha"),
            ("PATCH", "/tenants/alpha/settings", {"provisioning": "maybe"}, None, 400, "provisioning"),
            ("PATCH", "/tenants/alpha/settings", {"invitations": "always"}, None, 400, "invitations"),
            ("PATCH", "/tenants/alpha/settings", {}, None, 400, "no setting"),
            ("POST", "/tenants/alpha/tokens", {"expiresIn": "soon"}, None, 400, "expiresIn"),
            ("POST", "/tenants/alpha/tokens", {"expiresAt": "2020-01-01T00:00:00Z"}, None, 400, "not in the future"),
            ("POST", "/tenants/alpha/tokens", {"expiresAt": "2030-02-30T00:00:00Z"}, None, 400, "expiresAt"),
            ("POST", "/tenants/alpha/tokens", {"name": "first"}, None, 409, "first"),
            ("POST", "/tenants/alpha/tokens/first/rotate", {"overlap": "1h", "previousExpiresAt": utc(60)}, None,
             400, "not both"),
            ("POST", "/tenants/alpha/tokens/first/rotate", {"previousExpiresAt": "2020-01-01T00:00:00Z"}, None,
             400, "past"),
            ("POST", "/tenants/alpha/tokens/no-such-token/rotate", {}, None, 404, "no-such-token"),
            ("DELETE", "/tenants/alpha/tokens/no-such-token", None, None, 404, "no-such-token"),
            ("GET", "/tenants/alpha/users?filter=userName%20eq", None, None, 400, ""),
            ("GET", "/tenants/alpha/users?count=many", None, None, 400, "count"),
            ("GET", "/tenants/alpha/users/no-such-id", None, None, 404, ""),
        ]
        for method, path, body, raw, status, needle in cases:
            with self.subTest(method=method, path=path, body=body, raw=raw):
                r = self.call(method, path, key=self.key, body=body, raw=raw)
                message = self.assertManageError(r, status)["message"]
                self.assertIn(needle, message)

    def test_wrong_method_path_and_media_type(self):
        r = self.call("PUT", "/tenants", key=self.key, body={"name": "x"})
        self.assertManageError(r, 405, "method_not_allowed")
        self.assertEqual(r.header("allow"), "GET, POST")
        r = request("GET", manage_url("nginx", "/nothing-here"), token=self.key)
        self.assertEqual(r.status, 404, r)
        self.assertEqual(r.json()["error"], "not_found")
        r = self.call("POST", "/tenants", key=self.key, raw=b"name=x", content_type="application/x-www-form-urlencoded")
        self.assertManageError(r, 415, "unsupported_media_type")


class TokensTest(ManageCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.key = issue_key("tokens-operator")
        admin("tenant", "create", "mg-tokens", check=True)

    def issue(self, body):
        r = self.call("POST", "/tenants/mg-tokens/tokens", key=self.key, body=body)
        self.assertEqual(r.status, 201, r)
        record_token(r.json()["token"])
        return r.json()

    def scim_status(self, token):
        return request("GET", scim_url("/Users?count=1"), token=token).status

    def test_rotation_keeps_the_old_secret_for_the_overlap_then_stops_it(self):
        first = self.issue({"name": "rot"})["token"]
        self.assertEqual(self.scim_status(first), 200)
        rotated = self.call("POST", "/tenants/mg-tokens/tokens/rot/rotate", key=self.key, body={"overlap": "1h"})
        self.assertEqual(rotated.status, 201, rotated)
        second = rotated.json()["token"]
        record_token(second)
        self.assertNotEqual(first, second)
        self.assertEqual(self.scim_status(first), 200, "the old secret works during the overlap")
        self.assertEqual(self.scim_status(second), 200)
        listed = self.call("GET", "/tenants/mg-tokens/tokens", key=self.key).json()
        old = [t for t in listed if t["name"] == "rot" and t["rotated"]]
        self.assertEqual(len(old), 1)
        self.assertEqual(old[0]["expires"], rotated.json()["previousExpires"])
        # An overlap of 0s ends the replaced secret at once.
        third = self.call("POST", "/tenants/mg-tokens/tokens/rot/rotate", key=self.key,
                          body={"overlap": "0s"}).json()["token"]
        record_token(third)
        self.assertEqual(self.scim_status(second), 401)
        self.assertEqual(self.scim_status(third), 200)
        self.assertEqual(self.scim_status(first), 200, "the first overlap is not shortened by the second rotation")
        # Revoking the name stops every secret it still has.
        self.assertEqual(self.call("DELETE", "/tenants/mg-tokens/tokens/rot", key=self.key).status, 204)
        self.assertEqual(self.scim_status(first), 401)
        self.assertEqual(self.scim_status(third), 401)

    def test_an_expired_token_is_refused_with_401(self):
        issued = self.issue({"name": "short", "expiresAt": utc(3)})
        self.assertTrue(issued["expires"])
        self.assertEqual(self.scim_status(issued["token"]), 200)
        self.assertTrue(wait_until(lambda: self.scim_status(issued["token"]) == 401, 20, interval=0.25),
                        "the token still works after its expiry")
        r = request("GET", scim_url("/Users"), token=issued["token"])
        self.assertEqual(r.status, 401)
        self.assertIn("expired", r.json()["detail"])
        rotate = self.call("POST", "/tenants/mg-tokens/tokens/short/rotate", key=self.key)
        self.assertManageError(rotate, 409, "conflict")

    def test_the_admin_cli_issues_expiring_tokens_and_rotates(self):
        result = admin("token", "issue", "--tenant", "mg-tokens", "--name", "cli", "--expires", "30d", check=True)
        first = result.stdout.strip()
        record_token(first)
        listed = json.loads(admin("token", "list", "--tenant", "mg-tokens", json_output=True, check=True).stdout)
        entry = [t for t in listed if t["name"] == "cli"][0]
        self.assertTrue(entry["expires"])
        rotated = admin("token", "rotate", "--tenant", "mg-tokens", "cli", "--overlap", "0s", check=True)
        second = rotated.stdout.strip()
        record_token(second)
        self.assertRegex(second, r"^fscim_")
        self.assertIn("previous secret works until", rotated.stderr)
        self.assertEqual(self.scim_status(first), 401)
        self.assertEqual(self.scim_status(second), 200)
        self.assertEqual(admin("token", "rotate", "--tenant", "mg-tokens", "cli", "--overlap", "soon").returncode, 2)
        self.assertEqual(admin("token", "issue", "--tenant", "mg-tokens", "--expires", "tomorrow").returncode, 2)


class ProvisioningTest(ManageCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.key = issue_key("prov-operator")
        admin("tenant", "create", "mg-prov", check=True)
        cls.token = cls.issue_token()

    @classmethod
    def issue_token(cls):
        result = admin("token", "issue", "--tenant", "mg-prov", check=True)
        record_token(result.stdout.strip())
        return result.stdout.strip()

    def test_provisioning_off_answers_403_on_every_scim_request_and_on_again_200(self):
        self.assertEqual(request("GET", scim_url("/Users"), token=self.token).status, 200)
        off = self.call("PATCH", "/tenants/mg-prov/settings", key=self.key, body={"provisioning": False})
        self.assertEqual(off.json()["provisioning"], "off")
        for method, path, body in (("GET", "/Users", None), ("GET", "/Groups", None),
                                   ("POST", "/Users", {"schemas": [USER_SCHEMA], "userName": "p@example.com"}),
                                   ("GET", "/ServiceProviderConfig", None)):
            with self.subTest(method=method, path=path):
                r = request(method, scim_url(path), token=self.token, body=body)
                self.assertEqual(r.status, 403, r)
                self.assertEqual(r.media_type, "application/scim+json")
                self.assertIn("switched off", r.json()["detail"])
        # Other tenants are untouched.
        self.assertEqual(request("GET", scim_url("/Users"), token=ENV["tenants"]["alpha"]["first"]).status, 200)
        on = self.call("PATCH", "/tenants/mg-prov/settings", key=self.key, body={"provisioning": "on"})
        self.assertEqual(on.json()["provisioning"], "on")
        self.assertEqual(request("GET", scim_url("/Users"), token=self.token).status, 200)

    def test_the_admin_cli_switches_provisioning_too(self):
        admin("tenant", "set", "mg-prov", "provisioning", "off", check=True)
        self.assertEqual(request("GET", scim_url("/Users"), token=self.token).status, 403)
        shown = admin("tenant", "show", "mg-prov", check=True).stdout
        self.assertIn("provisioning: off", shown)
        admin("tenant", "set", "mg-prov", "provisioning", "on", check=True)
        self.assertEqual(request("GET", scim_url("/Users"), token=self.token).status, 200)
        self.assertEqual(admin("tenant", "set", "mg-prov", "provisioning", "maybe").returncode, 2)


class DirectoryTest(ManageCase):
    """Seats and the tenant's users and groups as the product sees them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.key = issue_key("dir-operator")
        admin("tenant", "create", "mg-dir", check=True)
        result = admin("token", "issue", "--tenant", "mg-dir", check=True)
        cls.token = result.stdout.strip()
        record_token(cls.token)

        def user(name, active):
            body = {"schemas": [USER_SCHEMA], "userName": name, "active": active}
            r = request("POST", scim_url("/Users"), token=cls.token, body=body)
            assert r.status == 201, r
            return r.json()["id"]

        cls.active = user("ann@example.com", True)
        cls.inactive = user("bob@example.com", False)
        gone = user("cid@example.com", True)
        assert request("DELETE", scim_url("/Users/" + gone), token=cls.token).status == 204
        group = request("POST", scim_url("/Groups"), token=cls.token,
                        body={"schemas": [GROUP_SCHEMA], "displayName": "Sales",
                              "members": [{"value": cls.active}]})
        assert group.status == 201, group
        cls.group = group.json()["id"]

    def set_active(self, user, active):
        r = request("PATCH", scim_url("/Users/" + user), token=self.token,
                    body={"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                          "Operations": [{"op": "replace", "path": "active", "value": active}]})
        self.assertIn(r.status, (200, 204), r)

    def test_seats_count_only_active_users(self):
        seats = self.call("GET", "/tenants/mg-dir/seats", key=self.key)
        self.assertEqual(seats.status, 200, seats)
        self.assertEqual(seats.json()["activeUsers"], 1)
        self.assertIsInstance(seats.json()["history"], list)
        self.addCleanup(self.set_active, self.inactive, False)
        self.set_active(self.inactive, True)
        self.assertEqual(self.call("GET", "/tenants/mg-dir/seats", key=self.key).json()["activeUsers"], 2)
        self.set_active(self.inactive, False)
        self.assertEqual(self.call("GET", "/tenants/mg-dir/seats", key=self.key).json()["activeUsers"], 1)

    def test_users_are_listed_with_a_filter_and_paging_and_read_one_by_one(self):
        everyone = self.call("GET", "/tenants/mg-dir/users", key=self.key).json()
        self.assertEqual(everyone["totalResults"], 2)
        filtered = self.call("GET", "/tenants/mg-dir/users?filter=active%20eq%20true", key=self.key).json()
        self.assertEqual([u["userName"] for u in filtered["Resources"]], ["ann@example.com"])
        page = self.call("GET", "/tenants/mg-dir/users?startIndex=2&count=1", key=self.key).json()
        self.assertEqual(page["totalResults"], 2)
        self.assertEqual(len(page["Resources"]), 1)
        self.assertEqual(page["startIndex"], 2)
        one = self.call("GET", "/tenants/mg-dir/users/" + self.active, key=self.key)
        self.assertEqual(one.status, 200, one)
        self.assertEqual(one.media_type, MANAGE_JSON)
        self.assertEqual(one.json()["userName"], "ann@example.com")
        # Another tenant's user id is not found here.
        self.assertManageError(self.call("GET", "/tenants/alpha/users/" + self.active, key=self.key), 404)

    def test_groups_are_listed_with_a_filter(self):
        found = self.call("GET", "/tenants/mg-dir/groups?filter=displayName%20eq%20%22Sales%22", key=self.key).json()
        self.assertEqual(found["totalResults"], 1)
        self.assertEqual(found["Resources"][0]["members"][0]["value"], self.active)
        none = self.call("GET", "/tenants/mg-dir/groups?filter=displayName%20eq%20%22Ops%22", key=self.key).json()
        self.assertEqual(none["totalResults"], 0)
        one = self.call("GET", "/tenants/mg-dir/groups/" + self.group, key=self.key)
        self.assertEqual(one.json()["displayName"], "Sales")

    def test_the_same_calls_work_through_apache(self):
        r = self.call("GET", "/tenants/mg-dir/seats", key=self.key, endpoint="apache_proxy_fcgi")
        self.assertEqual(r.json()["activeUsers"], 1)
        r = self.call("GET", "/tenants/mg-dir/users?filter=userName%20eq%20%22ann@example.com%22", key=self.key,
                      endpoint="apache_proxy_fcgi")
        self.assertEqual(r.json()["totalResults"], 1)


if __name__ == "__main__":
    unittest.main()

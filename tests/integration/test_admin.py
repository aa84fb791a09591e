"""fastscim-admin against the test database: help, JSON output, tokens, errors."""

import json
import os
import subprocess
import time
import unittest

from fixture import ENV, admin, issue_token, record_token, request, url

COMMANDS = [
    ("db", "migrate"), ("db", "status"),
    ("tenant", "create"), ("tenant", "list"), ("tenant", "show"), ("tenant", "delete"),
    ("token", "issue"), ("token", "list"), ("token", "revoke"),
    ("webhook", "add"), ("webhook", "list"), ("webhook", "remove"), ("webhook", "enable"),
    ("webhook", "rotate-secret"), ("webhook", "redeliver"), ("webhook", "deliveries"), ("events", "deliver"),
    ("events", "list"), ("events", "follow"), ("events", "purge"),
]


def run(*args, env=None):
    return subprocess.run([ENV["admin"], *args], capture_output=True, text=True, timeout=60, env=env)


class AdminHelpTest(unittest.TestCase):

    def test_help_lists_every_command(self):
        result = run("--help")
        self.assertEqual(result.returncode, 0, result.stderr)
        for group, command in COMMANDS:
            self.assertIn("%s %s" % (group, command), result.stdout)

    def test_every_command_has_help_that_needs_no_database(self):
        env = dict(os.environ, FASTSCIM_CONFIG="/nonexistent/fastscim.conf")
        for group, command in COMMANDS:
            with self.subTest(command="%s %s" % (group, command)):
                result = run(group, command, "--help", env=env)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertIn("Usage", result.stdout)
                self.assertIn("%s %s" % (group, command), result.stdout)

    def test_every_command_group_has_help(self):
        for group in ("db", "tenant", "token"):
            with self.subTest(group=group):
                result = run(group, "--help")
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertIn(group, result.stdout)


class AdminTenantTest(unittest.TestCase):

    def test_a_tenant_is_created_shown_listed_and_deleted(self):
        created = admin("tenant", "create", "lifecycle", json_output=True, check=True)
        self.assertEqual(json.loads(created.stdout)["name"], "lifecycle")
        shown = json.loads(admin("tenant", "show", "lifecycle", json_output=True, check=True).stdout)
        self.assertEqual(shown["name"], "lifecycle")
        listed = json.loads(admin("tenant", "list", json_output=True, check=True).stdout)
        self.assertIn("lifecycle", [t["name"] for t in listed])
        admin("tenant", "delete", "lifecycle", "--yes", check=True)
        gone = admin("tenant", "show", "lifecycle")
        self.assertNotEqual(gone.returncode, 0)
        self.assertIn("lifecycle", gone.stderr)

    def test_creating_an_existing_tenant_fails_with_exit_1_and_a_message(self):
        result = admin("tenant", "create", "alpha")
        self.assertEqual(result.returncode, 1, result)
        self.assertTrue(result.stderr.strip())
        self.assertEqual(result.stdout, "")

    def test_deleting_a_tenant_needs_yes(self):
        admin("tenant", "create", "keepme", check=True)
        result = admin("tenant", "delete", "keepme")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("--yes", result.stderr)
        self.assertEqual(admin("tenant", "show", "keepme").returncode, 0, "deleted without --yes")
        admin("tenant", "delete", "keepme", "--yes", check=True)

    def test_tenant_list_text_shows_each_tenant(self):
        result = admin("tenant", "list", check=True)
        for name in ("alpha", "beta"):
            self.assertIn(name, result.stdout)


class AdminTokenTest(unittest.TestCase):

    def test_token_issue_prints_only_the_secret_on_stdout(self):
        result = admin("token", "issue", "--tenant", "beta", "--name", "stdout-only", check=True)
        secret = result.stdout.strip()
        record_token(secret)
        self.assertEqual(result.stdout, secret + "\n")
        self.assertNotRegex(secret, r"\s")
        self.assertGreaterEqual(len(secret), 43, "at least 256 bits of randomness")
        self.assertTrue(result.stderr.strip(), "a hint on stderr")
        self.assertNotIn(secret, result.stderr)
        self.assertEqual(request("GET", url("nginx", "/ServiceProviderConfig"), token=secret).status, 200)

    def test_token_issue_json_has_tenant_name_prefix_and_token(self):
        result = admin("token", "issue", "--tenant", "beta", "--name", "as-json", json_output=True, check=True)
        issued = json.loads(result.stdout)
        record_token(issued["token"])
        self.assertEqual(issued["tenant"], "beta")
        self.assertEqual(issued["name"], "as-json")
        self.assertTrue(issued["token"].startswith(issued["prefix"]))
        self.assertLess(len(issued["prefix"]), len(issued["token"]) // 2)

    def test_token_list_shows_name_prefix_created_and_last_used_but_never_the_secret(self):
        secret = issue_token("beta", "listed")
        self.assertEqual(request("GET", url("nginx", "/ServiceProviderConfig"), token=secret).status, 200)
        # The worker records the use behind the request, within about a
        # second (auth/token_uses.h), with no further request to carry it.
        deadline = time.monotonic() + 10
        while True:
            listed = json.loads(admin("token", "list", "--tenant", "beta", json_output=True, check=True).stdout)
            entry = [t for t in listed if t["name"] == "listed"]
            self.assertEqual(len(entry), 1, listed)
            entry = entry[0]
            if entry["lastUsed"] or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        text = admin("token", "list", "--tenant", "beta", check=True).stdout
        for field in ("name", "prefix", "created", "lastUsed"):
            self.assertIn(field, entry)
        self.assertTrue(entry["created"])
        self.assertTrue(entry["lastUsed"], "last used is set once the token was used")
        self.assertTrue(secret.startswith(entry["prefix"]))
        self.assertIn("listed", text)
        self.assertIn(entry["prefix"], text)
        for output in (text, json.dumps(listed)):
            for t in (secret, ENV["tenants"]["beta"]["first"]):
                self.assertNotIn(t, output)

    def test_two_tokens_with_the_same_name_in_one_tenant_are_refused(self):
        issue_token("beta", "twice")
        again = admin("token", "issue", "--tenant", "beta", "--name", "twice")
        self.assertNotEqual(again.returncode, 0)
        self.assertTrue(again.stderr.strip())
        if again.stdout.strip():
            record_token(again.stdout.strip())

    def test_revoking_a_token_shows_it_revoked_in_the_list(self):
        issue_token("beta", "revoke-me")
        admin("token", "revoke", "--tenant", "beta", "revoke-me", check=True)
        listed = json.loads(admin("token", "list", "--tenant", "beta", json_output=True, check=True).stdout)
        entry = [t for t in listed if t["name"] == "revoke-me"][0]
        self.assertTrue(entry.get("revoked"), entry)


class AdminErrorTest(unittest.TestCase):

    def assertFailsWithMessage(self, result):
        self.assertNotEqual(result.returncode, 0, result)
        self.assertTrue(result.stderr.strip(), "no message on stderr")

    def test_errors_exit_non_zero_with_a_message(self):
        cases = {
            "unknown command": ("frobnicate",),
            "unknown subcommand": ("tenant", "frobnicate"),
            "unknown tenant": ("tenant", "show", "no-such-tenant"),
            "token for unknown tenant": ("token", "issue", "--tenant", "no-such-tenant"),
            "list for unknown tenant": ("token", "list", "--tenant", "no-such-tenant"),
            "revoke unknown token": ("token", "revoke", "--tenant", "alpha", "no-such-token"),
            "token issue without tenant": ("token", "issue"),
            "invalid tenant name": ("tenant", "create", "bad name!"),
            "no command": (),
        }
        for label, args in cases.items():
            with self.subTest(case=label):
                self.assertFailsWithMessage(admin(*args))

    def test_a_missing_configuration_file_is_an_error_with_a_message(self):
        result = run("--config", "/nonexistent/fastscim.conf", "tenant", "list")
        self.assertFailsWithMessage(result)
        self.assertIn("/nonexistent/fastscim.conf", result.stderr)

    def test_an_unreachable_database_is_an_error_with_a_message(self):
        env = dict(os.environ, FASTSCIM_DB_SOCKET="/nonexistent/mysqld.sock", FASTSCIM_DB_CONNECT_TIMEOUT="2")
        self.assertFailsWithMessage(run("--config", ENV["config"], "tenant", "list", env=env))


class AdminDatabaseTest(unittest.TestCase):

    def test_db_migrate_is_idempotent(self):
        for _ in range(2):
            result = admin("db", "migrate", "--sql-dir", os.path.join(ENV["srcdir"], "sql"),
                           json_output=True, check=True)
            self.assertEqual(json.loads(result.stdout)["applied"], [])

    def test_db_status_shows_every_migration_applied(self):
        status = json.loads(admin("db", "status", json_output=True, check=True).stdout)
        self.assertTrue(status)
        self.assertTrue(all(m["applied"] for m in status), status)

    def test_the_configuration_is_found_through_fastscim_config(self):
        env = dict(os.environ, FASTSCIM_CONFIG=ENV["config"])
        result = run("tenant", "show", "alpha", env=env)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("alpha", result.stdout)


if __name__ == "__main__":
    unittest.main()

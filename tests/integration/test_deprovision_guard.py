"""The deprovisioning guard on the real stack (doc/policies.md,
"Deprovisioning guard"): beyond N deactivations and deletions an hour the
provider's requests still succeed and SCIM changes, but the product's view
and its event feed do not, until an admin approves (the events are released
in order) or rejects (the users stay, the rejection is logged)."""

import json
import threading
import time
import unittest

from fixture import admin
from test_policy_overrides import PATCH_OP, Tenant


def deactivate(t, user_id):
    """PATCH active=false; the status, 200 for any success (204 without a body)."""
    r = t.scim("PATCH", "/Users/" + user_id,
               {"schemas": [PATCH_OP], "Operations": [{"op": "replace", "path": "active", "value": False}]})
    return 200 if r.status in (200, 204) else r.status


def guarded(prefix, limit):
    t = Tenant(prefix)
    admin("tenant", "set", t.name, "deprovision-guard", str(limit), check=True)
    return t


def types_of(t, user_id):
    return [e["type"] for e in t.events() if e["resource"]["id"] == user_id]


def seats(t):
    return json.loads(admin("seats", "--tenant", t.name, json_output=True, check=True).stdout)["activeUsers"]


class DeprovisionGuardTest(unittest.TestCase):
    def test_a_burst_beyond_the_guard_is_held_until_approved_and_released_in_order(self):
        t = guarded("guard", 2)
        a, b, c, d = (t.create(login) for login in ("ann", "ben", "cid", "dot"))
        self.assertEqual(deactivate(t, a["id"]), 200)
        self.assertEqual(t.scim("DELETE", "/Users/" + b["id"]).status, 204)
        # Beyond two in the hour: SCIM still succeeds and changes...
        put = dict(c, active=False)
        put.pop("meta")
        self.assertEqual(t.scim("PUT", "/Users/" + c["id"], put).status, 200)
        self.assertEqual(t.scim("DELETE", "/Users/" + d["id"]).status, 204)
        self.assertIs(t.scim("GET", "/Users/" + c["id"]).json()["active"], False)
        self.assertEqual(t.scim("GET", "/Users/" + d["id"]).status, 404)
        # ...but the product still sees both users, active and present.
        self.assertIs(t.manage("GET", "/users/" + c["id"]).json()["active"], True)
        kept = t.manage("GET", "/users/" + d["id"])
        self.assertEqual(kept.status, 200, kept)
        self.assertEqual((kept.json()["userName"], kept.json()["held"]), ("dot@acme.example", "deletion"))
        self.assertEqual(types_of(t, a["id"]), ["user.created", "user.deactivated"])
        self.assertEqual(types_of(t, b["id"]), ["user.created", "user.deleted"])
        self.assertEqual(types_of(t, c["id"]), ["user.created"])
        self.assertEqual(types_of(t, d["id"]), ["user.created"])
        self.assertEqual(seats(t), 2)
        held = t.manage("GET", "/held").json()
        self.assertEqual([(h["userId"], h["change"]) for h in held],
                         [(c["id"], "deactivation"), (d["id"], "deletion")])
        log = json.loads(admin("log", "--tenant", t.name, json_output=True, check=True).stdout)["entries"]
        self.assertIn("deprovision-guard: deactivation held",
                      [e for e in log if e["resourceId"] == c["id"] and e["method"] == "PUT"][0]["detail"])

        position = t.events()[-1]["position"]
        approved = t.manage("POST", "/held/approve", {"all": True})
        self.assertEqual(approved.status, 200, approved)
        self.assertEqual(len(approved.json()), 2)
        released = [(e["type"], e["resource"]["id"]) for e in t.events() if e["position"] > position]
        self.assertEqual(released, [("user.deactivated", c["id"]), ("user.deleted", d["id"])])
        self.assertIs(t.manage("GET", "/users/" + c["id"]).json()["active"], False)
        self.assertEqual(t.manage("GET", "/users/" + d["id"]).status, 404)
        self.assertEqual(t.manage("GET", "/held").json(), [])
        self.assertEqual(seats(t), 0)
        # A held deletion stays restorable once approved.
        self.assertEqual([u["id"] for u in t.manage("GET", "/deleted-users").json()], [d["id"], b["id"]])

    def test_a_rejected_hold_keeps_the_users_for_the_product_and_is_logged(self):
        t = guarded("guard-reject", 1)
        x, y, z = (t.create(login) for login in ("xia", "yan", "zed"))
        self.assertEqual(t.scim("DELETE", "/Users/" + x["id"]).status, 204)
        self.assertEqual(deactivate(t, y["id"]), 200)
        self.assertEqual(t.scim("DELETE", "/Users/" + z["id"]).status, 204)
        bad = admin("held", "reject", "--tenant", t.name, "1x")
        self.assertEqual(bad.returncode, 1)
        self.assertIn('not "1x"', bad.stderr)
        listed = json.loads(admin("held", "list", "--tenant", t.name, json_output=True, check=True).stdout)
        self.assertEqual([h["userId"] for h in listed], [y["id"], z["id"]])
        rejected = admin("held", "reject", "--tenant", t.name, "--all")
        self.assertEqual(rejected.returncode, 0, rejected.stderr)

        effective = t.manage("GET", "/users/" + y["id"]).json()
        self.assertIs(effective["active"], True)
        self.assertIn("active", effective["overridden"])
        self.assertIs(t.scim("GET", "/Users/" + y["id"]).json()["active"], False)
        # A rejected deletion is restored (safe deletion's restore).
        self.assertEqual(t.scim("GET", "/Users/" + z["id"]).status, 200)
        self.assertEqual(t.manage("GET", "/users/" + z["id"]).json()["userName"], "zed@acme.example")
        self.assertEqual(types_of(t, y["id"]), ["user.created", "provisioning.hold_rejected"])
        self.assertEqual(types_of(t, z["id"]), ["user.created", "provisioning.hold_rejected"])
        event = [e for e in t.events() if e["resource"]["id"] == z["id"]][-1]
        self.assertEqual((event["data"]["change"], event["data"]["decidedBy"]), ("deletion", "fastscim-admin"))
        log = json.loads(admin("log", "--tenant", t.name, json_output=True, check=True).stdout)["entries"]
        rejections = [e for e in log if e["method"] == "REJECT"]
        self.assertEqual(sorted(e["resourceId"] for e in rejections), sorted([y["id"], z["id"]]))
        self.assertIn("rejected by fastscim-admin", rejections[0]["detail"])
        self.assertEqual(seats(t), 2)
        self.assertEqual(t.manage("POST", "/held/approve", {"ids": [1]}).status, 404)

    def test_a_reactivation_undoes_a_held_deactivation(self):
        t = guarded("guard-undo", 1)
        first, second = t.create("fay"), t.create("gus")
        self.assertEqual(deactivate(t, first["id"]), 200)
        self.assertEqual(deactivate(t, second["id"]), 200)
        self.assertEqual(len(t.manage("GET", "/held").json()), 1)
        t.patch(second["id"], {"op": "replace", "path": "active", "value": True})
        self.assertEqual(t.manage("GET", "/held").json(), [])
        effective = t.manage("GET", "/users/" + second["id"]).json()
        self.assertEqual((effective["active"], effective["overridden"]), (True, []))
        self.assertNotIn("user.deactivated", types_of(t, second["id"]))
        self.assertEqual(seats(t), 1)

    def test_with_the_guard_off_nothing_is_held(self):
        t = Tenant("guard-off")
        settings = t.manage("PATCH", "/settings", {"deprovisionGuard": 5})
        self.assertEqual(settings.status, 200, settings)
        self.assertEqual(settings.json()["deprovisionGuard"], 5)
        self.assertEqual(t.manage("PATCH", "/settings", {"deprovisionGuard": 0}).status, 400)
        self.assertIsNone(t.manage("PATCH", "/settings", {"deprovisionGuard": "off"}).json()["deprovisionGuard"])
        users = [t.create("off%d" % i) for i in range(4)]
        for user in users[:2]:
            self.assertEqual(deactivate(t, user["id"]), 200)
        for user in users[2:]:
            self.assertEqual(t.scim("DELETE", "/Users/" + user["id"]).status, 204)
        self.assertEqual(t.manage("GET", "/held").json(), [])
        self.assertEqual([types_of(t, u["id"])[-1] for u in users],
                         ["user.deactivated", "user.deactivated", "user.deleted", "user.deleted"])

    def test_deletions_racing_at_the_threshold_let_exactly_n_through(self):
        t = guarded("guard-race", 3)
        users = [t.create("race%d" % i) for i in range(8)]
        barrier = threading.Barrier(len(users))
        statuses = [None] * len(users)

        def delete(index):
            barrier.wait()
            for _ in range(50):  # the tenant's concurrency limit may turn one away: retry it
                r = t.scim("DELETE", "/Users/" + users[index]["id"])
                if r.status != 429:
                    break
                time.sleep(0.05)
            statuses[index] = r.status

        threads = [threading.Thread(target=delete, args=(i,)) for i in range(len(users))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(statuses, [204] * len(users))
        deleted = [e for e in t.events() if e["type"] == "user.deleted"]
        self.assertEqual(len(deleted), 3)
        self.assertEqual(len(t.manage("GET", "/held").json()), 5)


if __name__ == "__main__":
    unittest.main()

"""The event feed and seats through nginx → fastscimd → MariaDB, read with
fastscim-admin: every event type and its payload along Entra's life-cycle,
dense commit-ordered positions under concurrent writers, a cursor that
never skips, seats that count only active users, and `events follow`."""

import concurrent.futures
import json
import signal
import subprocess
import threading
import unittest
import uuid

from fixture import ENV, admin, issue_token, request, url

USER = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


class Tenant:
    """A tenant of its own, so its positions start at 1."""

    def __init__(self):
        self.name = "ev-" + uuid.uuid4().hex[:10]
        admin("tenant", "create", self.name, check=True)
        self.token = issue_token(self.name, "events")

    def call(self, method, path, body=None, headers=None):
        return request(method, url("nginx", path), self.token, body, headers=headers)

    def user(self, login, **extra):
        body = {"schemas": [USER], "userName": login + "@acme.example", "active": True}
        body.update(extra)
        r = self.call("POST", "/Users", body)
        assert r.status == 201, r
        return r.json()

    def group(self, name, members=()):
        body = {"schemas": [GROUP], "displayName": name, "members": [{"value": m} for m in members]}
        r = self.call("POST", "/Groups", body)
        assert r.status == 201, r
        return r.json()

    def patch(self, path, *operations):
        r = self.call("PATCH", path, {"schemas": [PATCH_OP], "Operations": list(operations)})
        assert r.status in (200, 204), r
        return r

    def events(self, after=0, limit=1000):
        r = admin("events", "list", "--tenant", self.name, "--after", str(after), "--limit", str(limit),
                  json_output=True, check=True)
        return json.loads(r.stdout)

    def all_events(self):
        return self.events()["events"]

    def seats(self, *args):
        r = admin("seats", "--tenant", self.name, *args, json_output=True, check=True)
        return json.loads(r.stdout)


def added_members(path, ids):
    return {"op": "add", "path": "members", "value": [{"value": i} for i in ids]}


class EventPayloadTest(unittest.TestCase):

    def test_entra_life_cycle_produces_one_event_per_change_in_order(self):
        t = Tenant()
        base = url("nginx")
        alice = t.user("alice", displayName="Alice", name={"givenName": "Alice", "familyName": "A"})
        bob = t.user("bob")
        t.patch("/Users/" + alice["id"], {"op": "replace", "path": "displayName", "value": "Alice Smith"})
        t.patch("/Users/" + alice["id"], {"op": "replace", "path": "active", "value": False})
        t.patch("/Users/" + alice["id"], {"op": "replace", "path": "active", "value": True})
        team = t.group("Team")
        t.patch("/Groups/" + team["id"], added_members("members", [alice["id"], bob["id"]]))
        t.patch("/Groups/" + team["id"], added_members("members", [alice["id"]]))  # already there: nothing
        t.patch("/Groups/" + team["id"], {"op": "remove", "path": 'members[value eq "%s"]' % bob["id"]})
        t.patch("/Groups/" + team["id"], {"op": "replace", "path": "displayName", "value": "Team A"})
        self.assertEqual(t.call("DELETE", "/Users/" + alice["id"]).status, 204)
        self.assertEqual(t.call("DELETE", "/Groups/" + team["id"]).status, 204)

        events = t.all_events()
        self.assertEqual([e["type"] for e in events], [
            "user.created", "user.created", "user.updated", "user.deactivated", "user.reactivated",
            "group.created", "group.member_added", "group.member_added", "group.member_removed",
            "group.updated", "group.member_removed", "user.deleted", "group.deleted"])
        self.assertEqual([e["position"] for e in events], list(range(1, len(events) + 1)))
        self.assertEqual([e["cursor"] for e in events], [str(i) for i in range(1, len(events) + 1)])
        self.assertEqual(len({e["id"] for e in events}), len(events))
        for e in events:
            self.assertEqual(e["tenant"], t.name)
            self.assertRegex(e["occurred_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")

        created = events[0]
        self.assertEqual(created["resource"], {"type": "User", "id": alice["id"], "version": 1})
        self.assertEqual(created["invitations"], "off")
        self.assertEqual(created["data"]["userName"], "alice@acme.example")
        self.assertEqual(created["data"]["meta"]["location"], base + "/Users/" + alice["id"])
        self.assertEqual(created["data"]["meta"]["version"], 'W/"1"')
        self.assertNotIn("changed", created)

        updated = events[2]
        self.assertEqual(updated["resource"]["version"], 2)
        self.assertEqual(updated["changed"], ["displayName"])
        self.assertEqual(updated["previous"], {"displayName": "Alice"})
        self.assertEqual(updated["data"]["displayName"], "Alice Smith")
        self.assertEqual(events[3]["previous"], {"active": True})
        self.assertIs(events[3]["data"]["active"], False)
        self.assertEqual(events[4]["previous"], {"active": False})

        self.assertNotIn("members", events[5]["data"])
        added = events[6]
        self.assertEqual(added["resource"]["id"], team["id"])
        self.assertEqual(added["data"]["group"], {"id": team["id"], "displayName": "Team"})
        self.assertEqual(added["data"]["member"]["value"], alice["id"])
        self.assertEqual(added["data"]["member"]["type"], "User")
        self.assertEqual(added["data"]["member"]["display"], "Alice Smith")
        self.assertEqual(events[8]["data"]["member"]["value"], bob["id"])
        self.assertEqual(events[9]["changed"], ["displayName"])
        self.assertEqual(events[9]["previous"], {"displayName": "Team"})

        # Deleting a user in a group: the group's member event and new
        # version come first, in the same transaction.
        left, deleted = events[10], events[11]
        self.assertEqual(left["data"]["member"]["value"], alice["id"])
        self.assertEqual(left["data"]["group"]["displayName"], "Team A")
        self.assertEqual(left["resource"]["version"], events[9]["resource"]["version"] + 1)
        self.assertEqual(deleted["resource"]["id"], alice["id"])
        self.assertEqual(deleted["data"]["displayName"], "Alice Smith")  # the last record
        self.assertEqual(events[12]["resource"]["id"], team["id"])

    def test_user_created_carries_the_invitations_setting_in_force(self):
        # doc/events.md: a user.created says whether the product should
        # invite the user, as the tenant's setting stood when it was created.
        t = Tenant()
        t.user("before")
        admin("tenant", "set", t.name, "invitations", "on-create", check=True)
        t.user("after")
        admin("tenant", "set", t.name, "invitations", "off", check=True)
        t.user("later")
        created = [e for e in t.all_events() if e["type"] == "user.created"]
        self.assertEqual([(e["data"]["userName"], e["invitations"]) for e in created],
                         [("before@acme.example", "off"), ("after@acme.example", "on-create"),
                          ("later@acme.example", "off")])

    def test_deleting_a_user_gives_its_groups_a_new_etag(self):
        t = Tenant()
        u = t.user("carol")
        g1, g2 = t.group("One", [u["id"]]), t.group("Two", [u["id"]])
        before = {g["id"]: t.call("GET", "/Groups/" + g["id"]).header("ETag") for g in (g1, g2)}
        self.assertEqual(t.call("DELETE", "/Users/" + u["id"]).status, 204)
        for g in (g1, g2):
            r = t.call("GET", "/Groups/" + g["id"])
            self.assertNotEqual(r.header("ETag"), before[g["id"]])
            self.assertNotIn("members", r.json())
            stale = t.call("PATCH", "/Groups/" + g["id"],
                           {"schemas": [PATCH_OP], "Operations": [{"op": "replace", "path": "displayName",
                                                                  "value": "x"}]},
                           headers={"If-Match": before[g["id"]]})
            self.assertEqual(stale.status, 412, stale)
        types = [e["type"] for e in t.all_events()]
        self.assertEqual(types[-3:], ["group.member_removed", "group.member_removed", "user.deleted"])
        # A group created with members: the group, then one event per member.
        self.assertEqual(types[1:3], ["group.created", "group.member_added"])

    def test_put_replacing_members_emits_only_the_member_differences(self):
        t = Tenant()
        a, b, c = t.user("a"), t.user("b"), t.user("c")
        g = t.group("Team", [a["id"], b["id"]])
        cursor = t.events()["cursor"]
        r = t.call("PUT", "/Groups/" + g["id"], {"schemas": [GROUP], "displayName": "Team",
                                                 "members": [{"value": b["id"]}, {"value": c["id"]}]})
        self.assertEqual(r.status, 200, r)
        events = t.events(after=cursor)["events"]
        self.assertEqual(sorted((e["type"], e["data"]["member"]["value"]) for e in events),
                         sorted([("group.member_removed", a["id"]), ("group.member_added", c["id"])]))

    def test_a_rejected_write_leaves_no_event(self):
        t = Tenant()
        t.user("dup")
        r = t.call("POST", "/Users", {"schemas": [USER], "userName": "dup@acme.example"})
        self.assertEqual(r.status, 409, r)
        r = t.call("POST", "/Groups", {"schemas": [GROUP], "displayName": "G", "members": [{"value": "nobody"}]})
        self.assertEqual(r.status, 400, r)
        self.assertEqual([e["type"] for e in t.all_events()], ["user.created"])


class EventOrderTest(unittest.TestCase):

    def test_concurrent_member_adds_get_dense_positions_and_one_event_each(self):
        t = Tenant()
        users = [t.user("u%02d" % i)["id"] for i in range(32)]
        g = t.group("Crowd")
        cursor = int(t.events()["cursor"])
        with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
            results = list(pool.map(lambda uid: t.patch("/Groups/" + g["id"], added_members("members", [uid])),
                                    users))
        self.assertTrue(all(r.status == 204 for r in results))
        events = t.events(after=cursor)["events"]
        self.assertEqual([e["position"] for e in events], list(range(cursor + 1, cursor + 33)))
        self.assertEqual(sorted(e["data"]["member"]["value"] for e in events), sorted(users))
        self.assertTrue(all(e["type"] == "group.member_added" for e in events))
        versions = sorted(e["resource"]["version"] for e in events)
        self.assertEqual(versions, list(range(2, 34)))

    def test_a_reader_following_concurrent_writers_never_skips(self):
        t = Tenant()
        done = threading.Event()
        problems = []
        seen = []

        def follow():
            cursor = 0
            while True:
                finished = done.is_set()
                batch = t.events(after=cursor)["events"]
                positions = [e["position"] for e in batch]
                # Whatever is visible after the cursor starts right after it,
                # with no hole: a later commit never shows before an earlier one.
                if positions != list(range(cursor + 1, cursor + 1 + len(positions))):
                    problems.append((cursor, positions))
                    return
                seen.extend(positions)
                if positions:
                    cursor = positions[-1]
                elif finished:
                    return

        reader = threading.Thread(target=follow)
        reader.start()
        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(lambda i: t.user("w%03d" % i), range(60)))
        done.set()
        reader.join(timeout=120)
        self.assertFalse(reader.is_alive())
        self.assertEqual(problems, [])
        self.assertEqual(seen, list(range(1, 61)))

    def test_follow_prints_each_new_event_as_a_json_line_and_stops_on_sigterm(self):
        t = Tenant()
        t.user("first")
        proc = subprocess.Popen([ENV["admin"], "--config", ENV["config"], "events", "follow", "--tenant", t.name,
                                 "--after", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            second = t.user("second")
            line = proc.stdout.readline()
            event = json.loads(line)
            self.assertEqual(event["position"], 2)
            self.assertEqual(event["resource"]["id"], second["id"])
            proc.send_signal(signal.SIGTERM)
            self.assertEqual(proc.wait(timeout=10), 0)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            proc.stdout.close()
            proc.stderr.close()

    def test_list_rejects_a_bad_cursor_and_an_unknown_tenant(self):
        bad = admin("events", "list", "--tenant", "alpha", "--after", "abc")
        self.assertEqual(bad.returncode, 2)
        self.assertIn("--after", bad.stderr)
        unknown = admin("events", "list", "--tenant", "no-such-tenant-" + uuid.uuid4().hex[:6])
        self.assertEqual(unknown.returncode, 1)


class SeatsTest(unittest.TestCase):

    def test_seats_count_only_active_users(self):
        t = Tenant()
        self.assertEqual(t.seats()["activeUsers"], 0)
        a, b, c = t.user("a"), t.user("b"), t.user("c", active=False)
        self.assertEqual(t.seats()["activeUsers"], 2)
        t.patch("/Users/" + b["id"], {"op": "replace", "path": "active", "value": False})
        self.assertEqual(t.seats()["activeUsers"], 1)
        t.patch("/Users/" + c["id"], {"op": "replace", "path": "active", "value": True})
        r = t.call("PUT", "/Users/" + c["id"], {"schemas": [USER], "userName": "c@acme.example", "active": True,
                                                "displayName": "C"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(t.seats()["activeUsers"], 2)
        self.assertEqual(t.call("DELETE", "/Users/" + b["id"]).status, 204)  # inactive: no seat freed
        self.assertEqual(t.seats()["activeUsers"], 2)
        self.assertEqual(t.call("DELETE", "/Users/" + a["id"]).status, 204)
        seats = t.seats()
        self.assertEqual(seats["activeUsers"], 1)
        self.assertEqual(len(seats["history"]), 1)
        today = seats["history"][0]
        self.assertEqual(today["day"], seats["today"])
        self.assertEqual(today["activeMax"], 2)
        self.assertEqual(today["activeEnd"], 1)
        self.assertEqual(t.seats("--from", "2000-01-01", "--to", "2000-01-31")["history"], [])

    def test_seats_rejects_a_day_that_does_not_exist(self):
        r = admin("seats", "--tenant", "alpha", "--from", "2026-02-30")
        self.assertEqual(r.returncode, 2)
        self.assertIn("2026-02-30", r.stderr)


if __name__ == "__main__":
    unittest.main()

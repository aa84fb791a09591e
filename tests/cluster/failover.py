"""The load and the checks of make check-cluster (tests/cluster/run.sh).

`failover.py load` sends a steady mix of writes through nginx until
$CLUSTER_WORK/stop exists: each of THREADS threads creates its own users,
changes each one's title with PATCH, and adds every third one to its own
group; every request and its status go to results.jsonl.

`failover.py verify` then checks every Galera node directly and the event
feed: every acknowledged (2xx) create is present exactly once on every
node; each user's title is its last acknowledged value or a later attempted
one; each group holds every acknowledged member and nothing never sent; no
user is half-written (its email rows match its document); the feed holds
exactly one user.created per created user, an update event for every
acknowledged change, at dense positions.  It prints the counts and the
longest window of errors after each failover step, and exits 1 on any
loss."""

import json
import os
import ssl
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

WORK = os.environ["CLUSTER_WORK"]
URL = os.environ["CLUSTER_URL"]
THREADS = 6
USER = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
RESULTS = os.path.join(WORK, "results.jsonl")


def send(method, path, body=None, token=None, context=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(URL + path, data=data, method=method)
    req.add_header("Authorization", "Bearer " + token)
    if data is not None:
        req.add_header("Content-Type", "application/scim+json")
    try:
        with urllib.request.urlopen(req, timeout=30, context=context) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, None
    except OSError:
        return 0, None  # no answer at all (connection refused or reset)


def load():
    token = open(os.path.join(WORK, "token")).read().strip()
    context = ssl.create_default_context(cafile=os.environ["CLUSTER_CA"])
    lock = threading.Lock()
    out = open(RESULTS, "w")

    def record(**entry):
        entry["t"] = time.time()
        with lock:
            out.write(json.dumps(entry) + "\n")

    def worker(n):
        group = None
        while group is None and not os.path.exists(os.path.join(WORK, "stop")):
            status, body = send("POST", "/Groups", {"schemas": [GROUP], "displayName": "group-%d" % n}, token, context)
            record(op="group", thread=n, target="group-%d" % n, status=status, id=(body or {}).get("id"))
            if status == 201:
                group = body["id"]
            elif status == 409:  # created by an attempt whose answer was lost
                status, found = send("GET", '/Groups?filter=displayName%20eq%20%22group-' + str(n) + '%22', None,
                                     token, context)
                if status == 200 and found["Resources"]:
                    group = found["Resources"][0]["id"]
        i = 0
        while not os.path.exists(os.path.join(WORK, "stop")):
            name = "user-%d-%05d" % (n, i)
            body = {"schemas": [USER], "userName": name, "emails": [{"value": name + "@example.com", "type": "work"}]}
            status, created = send("POST", "/Users", body, token, context)
            record(op="create", thread=n, target=name, status=status, id=(created or {}).get("id"))
            if status == 201:
                uid = created["id"]
                for k in range(2):
                    title = "title-%d" % k
                    patch = {"schemas": [PATCH_OP], "Operations": [{"op": "replace", "path": "title", "value": title}]}
                    status, _ = send("PATCH", "/Users/" + uid, patch, token, context)
                    record(op="title", thread=n, target=name, value=title, status=status)
                if i % 3 == 0:
                    patch = {"schemas": [PATCH_OP], "Operations": [{"op": "add", "path": "members",
                                                                    "value": [{"value": uid}]}]}
                    status, _ = send("PATCH", "/Groups/" + group, patch, token, context)
                    record(op="member", thread=n, target=name, value="group-%d" % n, status=status)
            i += 1

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out.close()


def node_query(n, sql):
    me = subprocess.run(["id", "-un"], capture_output=True, text=True, check=True).stdout.strip()
    run = subprocess.run(["mariadb", "--no-defaults", "--socket=%s/node%d/mysqld.sock" % (WORK, n), "--user=" + me,
                          "-N", "-B", "fastscim", "-e", "SET SESSION wsrep_sync_wait = 1; " + sql],
                         capture_output=True, text=True, check=True)
    return [line.split("\t") for line in run.stdout.splitlines()]


def admin(*args):
    run = subprocess.run([os.environ["FASTSCIM_ADMIN"], "--config", os.environ["CLUSTER_CONFIG"], "--json"] +
                         list(args), capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def verify():
    results = [json.loads(line) for line in open(RESULTS)]
    steps = [line.rstrip("\n").split(" ", 1) for line in open(os.path.join(WORK, "steps.log"))]
    problems = []
    ok = [r for r in results if 200 <= r["status"] < 300]
    refused = {}
    for r in results:
        if not 200 <= r["status"] < 300:
            refused[r["status"]] = refused.get(r["status"], 0) + 1

    tenant = node_query(1, "SELECT id FROM tenants WHERE name = '%s'" % os.environ["CLUSTER_TENANT"])[0][0]
    acked_users = {r["target"]: r["id"] for r in ok if r["op"] == "create"}
    attempted_titles, acked_title = {}, {}
    for r in results:
        if r["op"] == "title":
            attempted_titles.setdefault(r["target"], []).append((r["value"], 200 <= r["status"] < 300))
    acked_members = {(r["value"], r["target"]) for r in ok if r["op"] == "member"}
    sent_members = {(r["value"], r["target"]) for r in results if r["op"] == "member"}
    lost = 0
    for n in range(1, int(os.environ["CLUSTER_NODES"]) + 1):
        rows = node_query(n, "SELECT r.name_key, JSON_VALUE(r.document, '$.title'), JSON_LENGTH(r.document, '$.emails'),"
                             " (SELECT COUNT(*) FROM resource_emails e WHERE e.resource_seq = r.seq)"
                             " FROM resources r WHERE r.tenant_id = %s AND r.resource_type = 'User'" % tenant)
        users, copies = {}, {}
        for row in rows:
            users[row[0]] = row
            copies[row[0]] = copies.get(row[0], 0) + 1
        for name in acked_users:
            if name not in users:
                lost += 1
                problems.append("node %d: acknowledged user %s is missing" % (n, name))
            elif copies[name] != 1:
                problems.append("node %d: user %s is there %d times" % (n, name, copies[name]))
        for name, row in users.items():
            if row[2] != row[3]:
                problems.append("node %d: user %s is half-written (%s emails, %s email rows)" % (n, name, row[2], row[3]))
            attempts = attempted_titles.get(name, [])
            last_acked = max((i for i, (_, a) in enumerate(attempts) if a), default=-1)
            allowed = {v for v, _ in attempts[last_acked:]} if last_acked >= 0 else {v for v, _ in attempts} | {"NULL"}
            if row[1] not in allowed:
                problems.append("node %d: user %s has title %s, acknowledged/attempted %r" % (n, name, row[1], attempts))
        members = {(row[0], row[1]) for row in node_query(
            n, "SELECT g.name_key, m.name_key FROM group_members gm JOIN resources g ON g.seq = gm.group_seq"
               " JOIN resources m ON m.seq = gm.member_seq WHERE gm.tenant_id = %s" % tenant)}
        for missing in sorted(acked_members - members):
            lost += 1
            problems.append("node %d: acknowledged member %s of %s is missing" % (n, missing[1], missing[0]))
        for extra in sorted(members - sent_members):
            problems.append("node %d: member %s of %s was never sent" % (n, extra[1], extra[0]))

    # The event feed, read through pool A's configuration (HAProxy).
    events, after = [], "0"
    while True:
        page = admin("events", "list", "--tenant", os.environ["CLUSTER_TENANT"], "--after", after, "--limit", "1000")
        batch = page.get("events", [])
        events += batch
        if not batch:
            break
        after = str(page["cursor"])
    positions = [e["position"] for e in events]
    if positions != list(range(1, len(positions) + 1)):
        problems.append("event positions are not 1..%d in order" % len(positions))
    created = {}
    updated = {}
    for e in events:
        if e["type"] == "user.created":
            created[e["data"]["userName"]] = created.get(e["data"]["userName"], 0) + 1
        elif e["type"] == "user.updated":
            key = e["data"]["userName"]
            updated[key] = updated.get(key, 0) + 1
    for name in acked_users:
        if created.get(name) != 1:
            problems.append("user %s has %s user.created events" % (name, created.get(name, 0)))
    for name, count in created.items():
        if count != 1:
            problems.append("user %s has %d user.created events" % (name, count))
    for name, attempts in attempted_titles.items():
        acked = sum(1 for _, a in attempts if a)
        if not acked <= updated.get(name, 0) <= len(attempts):
            problems.append("user %s: %d updates acknowledged, %d attempted, %d events" %
                            (name, acked, len(attempts), updated.get(name, 0)))

    print("check-cluster: %s writer node(s): %d requests sent, %d acknowledged, refused %s, lost %d" %
          (os.environ.get("CLUSTER_WRITERS", "?"), len(results), len(ok), json.dumps(refused, sort_keys=True), lost))
    print("check-cluster: %d events in the feed" % len(events))
    for i, (started, what) in enumerate(steps[:-1]):
        begin, end = float(started), float(steps[i + 1][0])
        window = [r for r in results if begin <= r["t"] < end]
        errors = [r["t"] for r in window if not 200 <= r["status"] < 300]
        span = (max(errors) - min(errors)) if errors else 0.0
        print("check-cluster: %-45s %5d requests, %4d errors, errors for %.1f s" % (what, len(window), len(errors), span))
    for p in problems[:50]:
        print("check-cluster: FAIL " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    if sys.argv[1:] == ["load"]:
        load()
    elif sys.argv[1:] == ["verify"]:
        sys.exit(verify())
    else:
        sys.exit("usage: failover.py load|verify")

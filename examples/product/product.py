#!/usr/bin/env python3
"""A product's back end kept in sync with fastscim (Python standard library).

It keeps its own `accounts` table (sqlite3) equal to the tenant's users:
one row per user, with userName, displayName and whether the account is
active.  Two ways to learn of changes, both from fastscim's event feed:

  serve   receive webhooks (fastscim-admin webhook add --tenant T URL):
          verify each POST's Fastscim-Signature, apply its events, answer
          204; a bad signature gets 401 and changes nothing.
  poll    for hosts that cannot receive webhooks: read the feed with a
          cursor through the management API (GET
          /manage/v1/tenants/{t}/events?after=C&wait=25 with an API key,
          fastscim-admin apikey issue --tenant T), apply, repeat; the long
          poll answers as soon as an event commits.

Either way the events of one delivery are applied in one sqlite
transaction together with the position of the last one, and an event at or
below that position is skipped: fastscim delivers at least once, this makes
it exactly once for the table.

  product.py serve --db accounts.db --secret-file secret --port 8080
  product.py poll  --db accounts.db --tenant demo --api https://host/manage/v1
                   --key-file api-key [--ca-file ca.pem] [--once] [--wait SECONDS]
"""

import argparse
import http.server
import json
import os
import sqlite3
import ssl
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fastscim_webhook import SIGNATURE_HEADER, verify_signature  # noqa: E402

SCHEMA = """
CREATE TABLE IF NOT EXISTS accounts (
  scim_id      TEXT PRIMARY KEY,
  user_name    TEXT NOT NULL,
  display_name TEXT,
  active       INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS sync_state (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
"""


def open_db(path):
    db = sqlite3.connect(path, isolation_level=None, timeout=30)
    db.executescript(SCHEMA)
    return db


def last_position(db):
    row = db.execute("SELECT value FROM sync_state WHERE name = 'position'").fetchone()
    return int(row[0]) if row else 0


def apply_event(db, event):
    kind = event.get("type", "")
    resource = event.get("resource") or {}
    if not kind.startswith("user."):
        return  # this product keeps accounts only
    user_id = resource.get("id")
    if kind == "user.deleted":
        db.execute("DELETE FROM accounts WHERE scim_id = ?", (user_id,))
        return
    data = event.get("data") or {}
    if not data:
        return
    db.execute(
        "INSERT INTO accounts (scim_id, user_name, display_name, active) VALUES (?, ?, ?, ?)"
        " ON CONFLICT(scim_id) DO UPDATE SET user_name = excluded.user_name,"
        " display_name = excluded.display_name, active = excluded.active",
        (user_id, data.get("userName", ""), data.get("displayName"), 0 if data.get("active") is False else 1))


def apply_events(db, events):
    """Applies the events above the stored position, in one transaction.
    Returns how many were new."""
    db.execute("BEGIN IMMEDIATE")
    try:
        done = last_position(db)
        new = 0
        for event in events:
            position = int(event["position"])
            if position <= done:
                continue  # a redelivery: already applied
            if done and position != done + 1:
                # A gap would mean a lost event; fastscim's feed has none,
                # so refuse rather than drift (the sender will retry).  A
                # first sync may start later than 1: older events were
                # purged after events_retention_days.
                raise ValueError("event position %d after %d" % (position, done))
            apply_event(db, event)
            done = position
            new += 1
        db.execute("INSERT INTO sync_state (name, value) VALUES ('position', ?)"
                   " ON CONFLICT(name) DO UPDATE SET value = excluded.value", (str(done),))
        db.execute("COMMIT")
        return new
    except Exception:
        db.execute("ROLLBACK")
        raise


def serve(args):
    with open(args.secret_file, encoding="utf-8") as f:
        secret = f.read().strip()
    db_path = args.db
    open_db(db_path).close()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            if not verify_signature(secret, self.headers.get(SIGNATURE_HEADER), body):
                self.answer(401)
                return
            try:
                events = json.loads(body)["events"]
                db = open_db(db_path)
                try:
                    apply_events(db, events)
                finally:
                    db.close()
            except (ValueError, KeyError, sqlite3.Error) as e:
                sys.stderr.write("product: not applied: %s\n" % e)
                self.answer(500)
                return
            self.answer(204)

        def answer(self, status):
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *a):
            pass

    server = http.server.HTTPServer((args.host, args.port), Handler)
    sys.stderr.write("product: receiving webhooks on http://%s:%d/\n" % (args.host, server.server_address[1]))
    server.serve_forever()


def read_feed(args, key, after, wait):
    """One page of the feed after `after`: (events, seconds to back off)."""
    query = urllib.parse.urlencode({"after": after, "limit": 100, "wait": wait})
    url = "%s/tenants/%s/events?%s" % (args.api.rstrip("/"), urllib.parse.quote(args.tenant, safe=""), query)
    request = urllib.request.Request(url, headers={"Authorization": "Bearer " + key, "Accept": "application/json"})
    context = ssl.create_default_context(cafile=args.ca_file) if args.ca_file else None
    try:
        with urllib.request.urlopen(request, timeout=wait + 30, context=context) as response:
            return json.load(response)["events"], 0
    except urllib.error.HTTPError as e:
        if e.code in (429, 503):  # too many waiting, or the database is away: as told
            return None, float(e.headers.get("Retry-After") or 1)
        raise


def poll(args):
    with open(args.key_file, encoding="utf-8") as f:
        key = f.read().strip()
    db = open_db(args.db)
    wait = 0 if args.once else args.wait
    while True:
        try:
            events, backoff = read_feed(args, key, last_position(db), wait)
        except (urllib.error.URLError, OSError, ValueError) as e:
            sys.stderr.write("product: reading the feed failed: %s\n" % e)
            if args.once:
                return 1
            time.sleep(5)
            continue
        if events:
            apply_events(db, events)
            continue  # there may be more
        if args.once and events is not None:
            return 0
        time.sleep(backoff)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    s = sub.add_parser("serve", help="receive webhooks")
    s.add_argument("--db", required=True)
    s.add_argument("--secret-file", required=True)
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8080)
    p = sub.add_parser("poll", help="read the event feed")
    p.add_argument("--db", required=True)
    p.add_argument("--tenant", required=True)
    p.add_argument("--api", required=True, help="the management API's base URL, e.g. https://host/manage/v1")
    p.add_argument("--key-file", required=True, help="a file holding an API key for the tenant")
    p.add_argument("--ca-file", help="the CA certificate to trust (default: the system's)")
    p.add_argument("--once", action="store_true", help="stop when caught up")
    p.add_argument("--wait", type=int, default=25, help="seconds a read may wait for the next event (at most 30)")
    args = parser.parse_args()
    return serve(args) if args.mode == "serve" else poll(args)


if __name__ == "__main__":
    sys.exit(main() or 0)

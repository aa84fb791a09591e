#!/usr/bin/env python3
"""Noisy neighbour: a quiet tenant's match-lookup latency, alone and while
another tenant floods heavy list requests (issue 12, doc/limits.md).

Against a running stack (`make run`, or any fastscimd behind nginx/Apache):

  bench/noisy_neighbour.py --url https://127.0.0.1:8443/scim/v2 \\
      --cafile var/tls/cert.pem --config var/run/fastscim.conf

It creates (once) tenants `bench-noisy` (3,000 users) and `bench-quiet`
(100 users) with fastscim-admin, leaving their limits at the server's
defaults.  Then the quiet tenant sends Entra-paced lookups
(GET /Users?filter=userName eq "...", --rate a second on one keep-alive
connection) for --seconds alone, and again while --flood connections of the
noisy tenant send GET /Users?count=1000&filter=title co "engineer" (a scan
of the tenant) as fast as they are answered.  Prints p50/p99 of the quiet
tenant in both phases, its status codes, and the noisy tenant's.
Standard library only; timings are printed, never asserted.
"""

import argparse
import concurrent.futures
import http.client
import json
import os
import ssl
import subprocess
import threading
import time
import urllib.parse

USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"


class Client:
    """One keep-alive HTTPS connection, reopened when the server closes it."""

    def __init__(self, base, cafile, token):
        self.parts = urllib.parse.urlsplit(base)
        self.tls = ssl.create_default_context(cafile=cafile)
        self.token = token
        self.conn = None

    def request(self, method, path, body=None):
        headers = {"Authorization": "Bearer " + self.token, "Accept": "application/scim+json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/scim+json"
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPSConnection(self.parts.hostname, self.parts.port, context=self.tls,
                                                        timeout=120)
            try:
                self.conn.request(method, self.parts.path + path, body=data, headers=headers)
                r = self.conn.getresponse()
                payload = r.read()
                if r.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                return r.status, payload
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = None
                if attempt == 1:
                    raise
        return 0, b""


def admin(args, *command):
    cmd = [args.admin, "--config", args.config, *command]
    return subprocess.run(cmd, capture_output=True, text=True, check=False)


def tenant_token(args, name):
    if admin(args, "tenant", "show", name).returncode != 0:
        admin(args, "tenant", "create", name)
    issued = admin(args, "token", "issue", "--tenant", name, "--name", "bench-%d" % time.time_ns())
    if issued.returncode != 0:
        raise SystemExit(issued.stderr)
    return issued.stdout.strip()


def populate(args, token, prefix, count, title):
    probe = Client(args.url, args.cafile, token)
    status, body = probe.request("GET", "/Users?count=0")
    have = json.loads(body)["totalResults"] if status == 200 else 0
    if have >= count:
        return

    def create(i):
        c = clients.setdefault(threading.get_ident(), Client(args.url, args.cafile, token))
        while True:
            status, _ = c.request("POST", "/Users", {"schemas": [USER_SCHEMA], "userName": "%s%d@example.com" % (prefix, i),
                                                     "title": title, "name": {"givenName": "G", "familyName": str(i)}})
            if status != 429:
                return status
            time.sleep(1)

    clients = {}
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        list(pool.map(create, range(have, count)))


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100.0 * (len(ordered) - 1))))] if ordered else float("nan")


def lookups(args, token, seconds):
    """Paced lookups for `seconds`; returns (latencies in ms, statuses)."""
    c = Client(args.url, args.cafile, token)
    latencies, statuses = [], {}
    interval = 1.0 / args.rate
    end = time.monotonic() + seconds
    i = 0
    while time.monotonic() < end:
        started = time.monotonic()
        name = "quiet%d@example.com" % (i % 100)
        status, _ = c.request("GET", "/Users?filter=" + urllib.parse.quote('userName eq "%s"' % name))
        elapsed = time.monotonic() - started
        latencies.append(elapsed * 1000)
        statuses[status] = statuses.get(status, 0) + 1
        i += 1
        time.sleep(max(0.0, interval - elapsed))
    return latencies, statuses


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="the SCIM base URL")
    parser.add_argument("--cafile", required=True)
    parser.add_argument("--config", required=True, help="fastscim.conf of the stack")
    parser.add_argument("--admin", default=os.path.join(here, "..", "build", "src", "admin", "fastscim-admin"))
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--rate", type=float, default=25, help="quiet lookups a second (Entra: ~25)")
    parser.add_argument("--flood", type=int, default=32, help="noisy connections")
    parser.add_argument("--noisy-users", type=int, default=3000)
    args = parser.parse_args()

    noisy = tenant_token(args, "bench-noisy")
    quiet = tenant_token(args, "bench-quiet")
    populate(args, noisy, "noisy", args.noisy_users, "Principal Engineer")
    populate(args, quiet, "quiet", 100, "Analyst")

    alone, alone_statuses = lookups(args, quiet, args.seconds)

    stop = threading.Event()
    noisy_statuses = {}
    lock = threading.Lock()
    heavy = "/Users?count=1000&filter=" + urllib.parse.quote('title co "engineer"')

    def flood():
        c = Client(args.url, args.cafile, noisy)
        while not stop.is_set():
            status, _ = c.request("GET", heavy)
            with lock:
                noisy_statuses[status] = noisy_statuses.get(status, 0) + 1

    threads = [threading.Thread(target=flood) for _ in range(args.flood)]
    for t in threads:
        t.start()
    time.sleep(2)
    flooded, flooded_statuses = lookups(args, quiet, args.seconds)
    stop.set()
    for t in threads:
        t.join()

    for label, values, statuses in (("alone", alone, alone_statuses), ("under flood", flooded, flooded_statuses)):
        print("quiet tenant %-12s %5d lookups  p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms  statuses %s" %
              (label, len(values), percentile(values, 50), percentile(values, 99), max(values), statuses))
    print("noisy tenant: statuses %s" % dict(sorted(noisy_statuses.items())))


if __name__ == "__main__":
    main()

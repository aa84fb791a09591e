#!/usr/bin/env python3
"""bench/receiver.py: the webhook receiver of `make bench`'s delivery scenario.

Accepts fastscim's webhook POSTs on 127.0.0.1:PORT, checks each signature
(Fastscim-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">,
doc/webhooks.md) with the secret read from SECRET_FILE, and counts the
events it accepted; a POST with a bad signature is answered 400 and its
events are not counted.  GET /count answers "<accepted events> <rejected
POSTs> <last position>".  The secret file is written after the endpoint is
added, so a POST arriving before it waits for it (up to 10 s).
"""
import argparse
import hashlib
import hmac
import http.server
import json
import os
import threading
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--secret-file", required=True)
    args = parser.parse_args()
    lock = threading.Lock()
    state = {"events": 0, "rejected": 0, "last": 0, "secret": None}

    def secret():
        deadline = time.monotonic() + 10
        while state["secret"] is None and time.monotonic() < deadline:
            if os.path.exists(args.secret_file):
                with open(args.secret_file, encoding="ascii") as f:
                    text = f.read().strip()
                if text:
                    state["secret"] = text.encode()
                    break
            time.sleep(0.05)
        return state["secret"]

    def verified(header, body):
        key = secret()
        if key is None or not header:
            return False
        parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
        if "t" not in parts or "v1" not in parts:
            return False
        mac = hmac.new(key, parts["t"].encode() + b"." + body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(mac, parts["v1"])

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            ok = verified(self.headers.get("Fastscim-Signature"), body)
            if ok:
                events = json.loads(body)["events"]
                with lock:
                    state["events"] += len(events)
                    if events:
                        state["last"] = max(state["last"], events[-1]["position"])
            else:
                with lock:
                    state["rejected"] += 1
            self.send_response(200 if ok else 400)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_GET(self):
            with lock:
                text = "%d %d %d\n" % (state["events"], state["rejected"], state["last"])
            data = text.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.serve_forever()


if __name__ == "__main__":
    main()

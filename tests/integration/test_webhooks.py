"""Webhooks on the real stack: SCIM writes through nginx reach a receiver
run by the test, signed and in order; retries with backoff, disabling and
re-enabling, rewinding, secret rotation, the delivery log, and
`fastscim-admin events deliver` where no supervisor delivers.

The receiver is Python's http.server on a loopback port, in a thread of
this process; it checks each delivery's Fastscim-Signature with the helper
the example product ships (examples/product/fastscim_webhook.py), exactly
as a product would.  run.sh configures short backoff (200 ms base, 1 s
cap), disabling after 4 failures over 1 s and a 100 ms poll, so nothing
here waits long.
"""

import http.server
import json
import os
import signal
import sys
import threading
import time
import unittest
import uuid

from fixture import ENV, admin, children, issue_token, record_token, request, url, wait_until

sys.path.insert(0, os.path.join(ENV["srcdir"], "examples", "product"))
from fastscim_webhook import sign, verify_signature  # noqa: E402


class Receiver:
    """A webhook receiver on 127.0.0.1: verifies, records, answers `status`."""

    def __init__(self, port=0, secret=None):
        self.secret = secret
        self.closed = False
        self.lock = threading.Lock()
        self.deliveries = []  # (verified, headers, body bytes) of every request
        self.accepted = []    # events of the deliveries answered 2xx, in order
        self.statuses = []    # answers to give first, then 200
        self.always = None    # answer every request with this status
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with receiver.lock:
                    verified = verify_signature(receiver.secret, self.headers.get("Fastscim-Signature"), body)
                    receiver.deliveries.append((verified, dict(self.headers), body))
                    if receiver.always is not None:
                        status = receiver.always
                    elif receiver.statuses:
                        status = receiver.statuses.pop(0)
                    else:
                        status = 200 if verified else 400
                    if 200 <= status < 300:
                        receiver.accepted.extend(json.loads(body)["events"])
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.port = self.server.server_address[1]
        self.url = "http://127.0.0.1:%d/hooks/scim" % self.port
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        if self.closed:
            return
        self.closed = True
        self.server.shutdown()
        self.server.server_close()

    def events(self):
        with self.lock:
            return list(self.accepted)

    def wait_for(self, count, timeout=20):
        return wait_until(lambda: len(self.events()) >= count, timeout)


def new_tenant():
    name = "hooks-" + uuid.uuid4().hex[:10]
    admin("tenant", "create", name, check=True)
    return name, issue_token(name, "entra")


def add_webhook(tenant, receiver, *extra):
    result = admin("webhook", "add", "--tenant", tenant, *extra, receiver.url, check=True)
    endpoint, secret = result.stdout.split()
    record_token(secret)
    receiver.secret = secret
    return endpoint, secret


def create_user(token, name=None):
    body = {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
            "userName": name or "%s@example.com" % uuid.uuid4().hex[:12], "active": True}
    r = request("POST", url("nginx", "/Users"), token, body)
    assert r.status == 201, r
    return r.json()


def patch_user(token, user_id, operations):
    body = {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": operations}
    r = request("PATCH", url("nginx", "/Users/" + user_id), token, body)
    assert r.status in (200, 204), r


def webhook_state(tenant, endpoint):
    listed = json.loads(admin("webhook", "list", "--tenant", tenant, json_output=True, check=True).stdout)
    return next(w for w in listed if str(w["id"]) == endpoint)


def deliveries(tenant, endpoint=None):
    args = ["webhook", "deliveries", "--tenant", tenant, "--limit", "100"] + ([endpoint] if endpoint else [])
    return json.loads(admin(*args, json_output=True, check=True).stdout)["deliveries"]


def deliverer():
    found = children(ENV["supervisor_pid"], deliverers=True)
    return next(iter(found)) if len(found) == 1 else None


class WebhookDeliveryTest(unittest.TestCase):

    def setUp(self):
        self.receiver = Receiver()
        self.tenant, self.token = new_tenant()

    def tearDown(self):
        self.receiver.close()

    def test_scim_writes_reach_the_receiver_signed_and_in_order(self):
        self.endpoint, _ = add_webhook(self.tenant, self.receiver)
        first = create_user(self.token)
        patch_user(self.token, first["id"], [{"op": "replace", "path": "displayName", "value": "First"}])
        patch_user(self.token, first["id"], [{"op": "replace", "path": "active", "value": False}])
        second = create_user(self.token)
        self.assertEqual(request("DELETE", url("nginx", "/Users/" + second["id"]), self.token).status, 204)
        self.assertTrue(self.receiver.wait_for(5), self.receiver.deliveries)

        events = self.receiver.events()
        self.assertEqual([e["type"] for e in events],
                         ["user.created", "user.updated", "user.deactivated", "user.created", "user.deleted"])
        self.assertEqual([e["position"] for e in events], [1, 2, 3, 4, 5])
        self.assertEqual([e["resource"]["id"] for e in events],
                         [first["id"]] * 3 + [second["id"]] * 2)
        for verified, headers, body in self.receiver.deliveries:
            self.assertTrue(verified, headers)
            self.assertEqual(headers["Content-Type"], "application/json")
            self.assertEqual(headers["Fastscim-Webhook-Id"], self.endpoint)
            batch = json.loads(body)
            self.assertEqual(batch["cursor"], str(batch["events"][-1]["position"]))
        state = webhook_state(self.tenant, self.endpoint)
        self.assertEqual(state["state"], "enabled")
        self.assertEqual(state["cursor"], "5")
        self.assertNotIn(self.receiver.secret, json.dumps(state))

    def test_a_new_endpoint_starts_at_the_current_position_unless_from_zero(self):
        create_user(self.token)
        create_user(self.token)
        current, _ = add_webhook(self.tenant, self.receiver)
        self.assertEqual(webhook_state(self.tenant, current)["cursor"], "2")
        replay = Receiver()
        try:
            add_webhook(self.tenant, replay, "--from", "0")
            create_user(self.token)
            self.assertTrue(replay.wait_for(3))
            self.assertTrue(self.receiver.wait_for(1))
            self.assertEqual([e["position"] for e in replay.events()], [1, 2, 3])
            self.assertEqual([e["position"] for e in self.receiver.events()], [3])
        finally:
            replay.close()

    def test_a_receiver_failing_for_a_while_gets_retries_then_everything_in_order(self):
        self.receiver.statuses = [500, 503, 500]
        endpoint, _ = add_webhook(self.tenant, self.receiver)
        for _ in range(3):
            create_user(self.token)
        self.assertTrue(self.receiver.wait_for(3), self.receiver.deliveries)
        self.assertEqual([e["position"] for e in self.receiver.events()], [1, 2, 3])
        log = list(reversed(deliveries(self.tenant, endpoint)))  # oldest first
        self.assertEqual([d["status"] for d in log[:4]], [500, 503, 500, 200], log)
        self.assertEqual([d["attempt"] for d in log[:4]], [1, 2, 3, 4], log)
        self.assertEqual(log[0]["firstPosition"], "1")
        self.assertTrue(log[0]["error"].startswith("HTTP 500"), log[0])
        self.assertIsNone(log[3]["error"])
        self.assertEqual(webhook_state(self.tenant, endpoint)["failures"], 0)

    def test_a_receiver_that_is_down_loses_nothing(self):
        self.receiver.close()
        endpoint, secret = add_webhook(self.tenant, self.receiver)
        for _ in range(2):
            create_user(self.token)
        self.assertTrue(wait_until(lambda: len(deliveries(self.tenant, endpoint)) >= 2, 20))
        log = deliveries(self.tenant, endpoint)
        self.assertIsNone(log[0]["status"])
        self.assertIn("onnect", log[0]["error"])
        # The receiver comes back on the same port.
        back = Receiver(port=self.receiver.port, secret=secret)
        self.receiver = back
        self.assertTrue(back.wait_for(2, timeout=30), back.deliveries)
        self.assertEqual([e["position"] for e in back.events()], [1, 2])

    def test_persistent_failure_disables_the_endpoint_and_enable_resumes_where_it_stopped(self):
        self.receiver.always = 500
        endpoint, _ = add_webhook(self.tenant, self.receiver)
        create_user(self.token)
        disabled = wait_until(lambda: (lambda s: s if s["state"] == "disabled" else None)(
            webhook_state(self.tenant, endpoint)), 30)
        self.assertIsNotNone(disabled, deliveries(self.tenant, endpoint))
        self.assertIn("failed attempts", disabled["disabledReason"])
        self.assertIn("HTTP 500", disabled["disabledReason"])
        attempts = len(self.receiver.deliveries)
        self.assertGreaterEqual(attempts, 4)
        time.sleep(1.5)  # a disabled endpoint gets nothing more
        self.assertEqual(len(self.receiver.deliveries), attempts)

        create_user(self.token)
        self.receiver.always = None
        admin("webhook", "enable", "--tenant", self.tenant, endpoint, check=True)
        self.assertTrue(self.receiver.wait_for(2))
        self.assertEqual([e["position"] for e in self.receiver.events()], [1, 2])
        self.assertEqual(webhook_state(self.tenant, endpoint)["state"], "enabled")

    def test_redeliver_rewinds_the_cursor(self):
        endpoint, _ = add_webhook(self.tenant, self.receiver)
        for _ in range(3):
            create_user(self.token)
        self.assertTrue(self.receiver.wait_for(3))
        admin("webhook", "redeliver", "--tenant", self.tenant, endpoint, "--from", "1", check=True)
        self.assertTrue(self.receiver.wait_for(5))
        self.assertEqual([e["position"] for e in self.receiver.events()], [1, 2, 3, 2, 3])

    def test_a_rotated_secret_signs_the_next_deliveries(self):
        endpoint, old = add_webhook(self.tenant, self.receiver)
        create_user(self.token)
        self.assertTrue(self.receiver.wait_for(1))
        result = admin("webhook", "rotate-secret", "--tenant", self.tenant, endpoint, check=True)
        new = result.stdout.strip()
        record_token(new)
        self.assertNotEqual(new, old)
        self.receiver.secret = new
        create_user(self.token)
        self.assertTrue(self.receiver.wait_for(2))
        verified, _, body = self.receiver.deliveries[-1]
        self.assertTrue(verified)
        header = self.receiver.deliveries[-1][1]["Fastscim-Signature"]
        self.assertFalse(verify_signature(old, header, body))

    def test_a_forged_or_replayed_delivery_is_detected(self):
        add_webhook(self.tenant, self.receiver)
        create_user(self.token)
        self.assertTrue(self.receiver.wait_for(1))
        verified, headers, body = self.receiver.deliveries[0]
        header = headers["Fastscim-Signature"]
        sent = int(header.split(",")[0][2:])
        self.assertTrue(verified)
        self.assertTrue(abs(sent - time.time()) < 60)
        self.assertFalse(verify_signature("whsec_" + "0" * 64, header, body))
        self.assertFalse(verify_signature(self.receiver.secret, header, body.replace(b"user.created", b"user.deleted")))
        self.assertFalse(verify_signature(self.receiver.secret, header, body, now=sent + 301))
        self.assertFalse(verify_signature(self.receiver.secret, sign(self.receiver.secret, sent - 3600, body), body))
        self.assertFalse(verify_signature(self.receiver.secret, "", body))


class DeliveryProcessTest(unittest.TestCase):

    def setUp(self):
        self.receiver = Receiver()
        self.tenant, self.token = new_tenant()

    def tearDown(self):
        self.receiver.close()

    def test_events_deliver_does_one_pass_without_the_supervisor(self):
        """The cron path: with fastscimd's delivery process stopped, `events
        deliver` delivers what is pending and exits."""
        pid = deliverer()
        self.assertIsNotNone(pid, "the supervisor runs one delivery process")
        os.kill(pid, signal.SIGSTOP)
        try:
            endpoint, _ = add_webhook(self.tenant, self.receiver)
            for _ in range(3):
                create_user(self.token)
            time.sleep(0.5)
            self.assertEqual(self.receiver.events(), [])
            result = admin("events", "deliver", json_output=True)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertGreaterEqual(json.loads(result.stdout)["delivered"], 3)
            self.assertEqual([e["position"] for e in self.receiver.events()], [1, 2, 3])
            self.assertEqual(webhook_state(self.tenant, endpoint)["cursor"], "3")
            again = admin("events", "deliver")
            self.assertEqual(again.returncode, 0, again.stderr)
            self.assertEqual(len(self.receiver.events()), 3)
        finally:
            os.kill(pid, signal.SIGCONT)

    def test_the_supervisor_restarts_a_killed_delivery_process(self):
        victim = deliverer()
        self.assertIsNotNone(victim)
        os.kill(victim, signal.SIGKILL)
        replaced = wait_until(lambda: (lambda p: p if p and p != victim else None)(deliverer()), 20)
        self.assertIsNotNone(replaced, "no new delivery process")
        add_webhook(self.tenant, self.receiver)
        create_user(self.token)
        self.assertTrue(self.receiver.wait_for(1))

    def test_deliveries_with_and_without_an_id_and_in_text(self):
        endpoint, _ = add_webhook(self.tenant, self.receiver)
        create_user(self.token)
        self.assertTrue(self.receiver.wait_for(1))
        self.assertTrue(wait_until(lambda: deliveries(self.tenant), 10))
        everything = deliveries(self.tenant)
        self.assertEqual(everything[0]["webhook"], int(endpoint))
        self.assertEqual(everything[0]["status"], 200)
        self.assertGreaterEqual(everything[0]["latencyMs"], 0)
        text = admin("webhook", "deliveries", "--tenant", self.tenant, endpoint, check=True).stdout
        self.assertIn("ATTEMPTED", text)
        self.assertIn("1-1", text)
        self.assertNotIn(self.receiver.secret, text)

    def test_bad_input_names_the_problem(self):
        cases = [
            (("webhook", "add", "--tenant", self.tenant, "ftp://example.com/"), 2,
             "only http:// and https:// URLs are accepted"),
            (("webhook", "add", "--tenant", self.tenant, "https://u:p@example.com/"), 2, "credentials"),
            (("webhook", "add", "--tenant", "no-such-tenant", "https://example.com/"), 1,
             'no tenant named "no-such-tenant"'),
            (("webhook", "enable", "--tenant", self.tenant, "999999"), 1, "has no webhook 999999"),
            (("webhook", "redeliver", "--tenant", self.tenant, "1"), 2, "--from POSITION is required"),
            (("webhook", "deliveries", "--tenant", self.tenant, "--limit", "x"), 2, "--limit"),
        ]
        for args, status, message in cases:
            with self.subTest(args=args):
                result = admin(*args)
                self.assertEqual(result.returncode, status, result.stderr)
                self.assertIn(message, result.stderr)

    def test_remove_stops_deliveries(self):
        endpoint, _ = add_webhook(self.tenant, self.receiver)
        admin("webhook", "remove", "--tenant", self.tenant, endpoint, check=True)
        create_user(self.token)
        time.sleep(1)
        self.assertEqual(self.receiver.deliveries, [])
        listed = json.loads(admin("webhook", "list", "--tenant", self.tenant, json_output=True, check=True).stdout)
        self.assertEqual(listed, [])

    def test_secrets_never_reach_the_log(self):
        _, secret = add_webhook(self.tenant, self.receiver)
        create_user(self.token)
        self.assertTrue(self.receiver.wait_for(1))
        with open(ENV["logs"]["fastscimd"], encoding="utf-8", errors="replace") as f:
            self.assertNotIn(secret, f.read())

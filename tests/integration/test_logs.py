"""What the logs hold after every other test ran: one access line per
request, with the request id the response names, and never a token
(SEC-15); the shipped logrotate configuration rotates the file.  Runs last."""

import json
import os
import re
import shutil
import subprocess
import unittest
import uuid

from fixture import ENV, request, token, url, wait_until


def read(path):
    if not os.path.exists(path):
        return ""
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


class LogTest(unittest.TestCase):

    def test_no_token_ever_appears_in_any_log(self):
        """SEC-15, and DESIGN: tokens are never written to a log.  Covers every
        token issued or sent by the tests, valid, revoked or forged."""
        secrets = set(read(ENV["tokens_file"]).split())
        for tenant in ENV["tenants"].values():
            secrets.update(tenant.values())
        self.assertGreater(len(secrets), 5)
        # test_logrotate_… moves the older lines to fastscimd.log.1.
        logs = {name: read(path + ".1") + read(path) for name, path in ENV["logs"].items()}
        self.assertTrue(logs["fastscimd"], "fastscimd's log is empty")
        for name, text in logs.items():
            for secret in secrets:
                with self.subTest(log=name):
                    self.assertNotIn(secret, text, "a token is in the %s log" % name)

    def test_each_request_is_logged_once_with_tenant_method_path_status_and_duration(self):
        marker = "/ServiceProviderConfig"
        before = read(ENV["logs"]["fastscimd"]).count("path=/scim/v2" + marker + " ")
        self.assertEqual(request("GET", url("nginx", marker), token=token("beta")).status, 200)
        log = read(ENV["logs"]["fastscimd"])
        self.assertEqual(log.count("path=/scim/v2" + marker + " "), before + 1)
        line = [l for l in log.splitlines() if "path=/scim/v2" + marker + " " in l][-1]
        self.assertRegex(line, r"tenant=beta method=GET path=/scim/v2/ServiceProviderConfig "
                               r"status=200 duration_ms=[0-9.]+")

    def test_a_rejected_request_is_logged_without_a_tenant(self):
        self.assertEqual(request("GET", url("nginx", "/ServiceProviderConfig")).status, 401)
        lines = [l for l in read(ENV["logs"]["fastscimd"]).splitlines() if "status=401" in l]
        self.assertTrue(lines)
        self.assertTrue(re.search(r"tenant=- ", lines[-1]), lines[-1])


    def access_line(self, request_id):
        lines = [l for l in read(ENV["logs"]["fastscimd"]).splitlines() if "request_id=%s" % request_id in l]
        self.assertEqual(len(lines), 1, "one access line per request id")
        return lines[0]

    def test_the_request_id_is_in_the_header_the_error_detail_and_the_access_line(self):
        """issue14: a support ticket quoting an error finds its log line.  nginx
        passes its $request_id; Apache without mod_unique_id leaves it to fastscimd."""
        for endpoint in ("nginx", "apache_proxy_fcgi", "apache_fcgid"):
            with self.subTest(endpoint=endpoint):
                r = request("GET", url(endpoint, "/Users/" + str(uuid.uuid4())), token=token("alpha"))
                self.assertEqual(r.status, 404)
                request_id = r.header("x-request-id")
                self.assertRegex(request_id or "", r"^[0-9a-f]{32}$")
                self.assertTrue(r.json()["detail"].endswith("(request id: %s)" % request_id), r.json()["detail"])
                if endpoint != "apache_fcgid":  # its processes have a log of their own (below)
                    line = self.access_line(request_id)
                    self.assertRegex(line, r" access tenant=alpha method=GET path=/scim/v2/Users/\S+ status=404 "
                                           r"duration_ms=[0-9.]+ request_id=" + request_id + "$")

    def test_log_format_json_writes_one_json_object_per_line(self):
        """issue14: log_format = json, as mod_fcgid's processes of the stack are
        configured (tests/integration/run.sh): each line parses on its own, and
        the access line carries the same fields as the key=value format."""
        r = request("POST", url("apache_fcgid", "/Users"), token=token("alpha"), body="{not json",
                    headers={"Content-Type": "application/scim+json"})
        self.assertEqual(r.status, 400)
        request_id = r.header("x-request-id")
        log = read(ENV["logs"]["fastscimd_fcgid"])
        self.assertTrue(log, "mod_fcgid's fastscimd processes wrote no log")
        records = [json.loads(line) for line in log.splitlines()]
        access = [rec for rec in records if rec.get("request_id") == request_id]
        self.assertEqual(len(access), 1, "one access line per request id")
        entry = access[0]
        self.assertEqual(entry["event"], "access")
        self.assertEqual((entry["tenant"], entry["method"], entry["path"], entry["status"]),
                         ("alpha", "POST", "/scim/v2/Users", 400))
        self.assertIsInstance(entry["duration_ms"], (int, float))
        self.assertRegex(entry["time"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        self.assertIn(entry["level"], ("info", "warn"))

    def test_the_query_string_is_never_logged(self):
        marker = "querymarker" + uuid.uuid4().hex[:8]
        r = request("GET", url("nginx", '/Users?filter=userName%20eq%20%22' + marker + '%22'), token=token("alpha"))
        self.assertEqual(r.status, 200)
        line = self.access_line(r.header("x-request-id"))
        self.assertIn("path=/scim/v2/Users ", line)
        self.assertNotIn(marker, read(ENV["logs"]["fastscimd"]))

    def test_logrotate_rotates_the_log_and_fastscimd_writes_to_the_new_file(self):
        """The shipped etc/logrotate.d/fastscim, pointed at this stack's log and
        pid file: the supervisor gets SIGUSR1 and every process reopens."""
        log = ENV["logs"]["fastscimd"]
        conf = os.path.join(ENV["workdir"], "logrotate.conf")
        with open(os.path.join(ENV["srcdir"], "etc", "logrotate.d", "fastscim"), encoding="utf-8") as f:
            text = f.read()
        self.assertIn("/var/log/fastscim/*.log", text)
        text = text.replace("/var/log/fastscim/*.log", log).replace("/run/fastscim/fastscimd.pid", ENV["pid_file"])
        # Under systemd the unit gets the signal; here there is none, so the pid file does.
        text = text.replace("systemctl kill", "false systemctl kill")
        with open(conf, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(conf, 0o644)
        logrotate = shutil.which("logrotate") or "/usr/sbin/logrotate"
        result = subprocess.run([logrotate, "-f", "-s", os.path.join(ENV["workdir"], "logrotate.state"), conf],
                                capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn(" access ", read(log + ".1"))
        # Every worker writes to the new file: requests on new connections reach them all.
        ids = set()
        for _ in range(12):
            r = request("GET", url("nginx", "/ServiceProviderConfig"), token=token("beta"))
            self.assertEqual(r.status, 200)
            ids.add(r.header("x-request-id"))
        self.assertTrue(wait_until(lambda: all("request_id=" + i in read(log) for i in ids), 5), read(log)[-2000:])
        self.assertFalse(any("request_id=" + i in read(log + ".1") for i in ids))


if __name__ == "__main__":
    unittest.main()

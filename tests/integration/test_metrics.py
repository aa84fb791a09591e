"""GET /metrics, scraped by Debian's Prometheus (doc/metrics.md).

One Prometheus for the module, on loopback, scraping the stack's nginx every
second; the tests make traffic, read the exposition directly, and wait until
Prometheus's HTTP API reports the same numbers."""

import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import time
import unittest
import urllib.parse
import urllib.request
import uuid

from fixture import ENV, _TLS, admin, issue_token, request, token, url

PROMETHEUS = shutil.which("prometheus") or "/usr/bin/prometheus"
TEXT_FORMAT = "text/plain; version=0.0.4"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def origin(endpoint):
    parts = urllib.parse.urlsplit(url(endpoint))
    return parts.hostname, parts.port


def get_metrics(endpoint="nginx", source="127.0.0.1"):
    """GET /metrics on `endpoint`'s web server from the loopback address `source`."""
    host, port = origin(endpoint)
    conn = http.client.HTTPSConnection(host, port, context=_TLS, timeout=20, source_address=(source, 0))
    try:
        conn.request("GET", "/metrics")
        r = conn.getresponse()
        return r.status, r.getheader("Content-Type") or "", r.read().decode("utf-8", "replace")
    finally:
        conn.close()


def sample(text, name, **labels):
    """The sum of the samples of `name` whose labels include `labels`."""
    total = 0.0
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        m = re.match(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([^}]*)\})? (\S+)$", line)
        if not m or m.group(1) != name:
            continue
        have = dict(re.findall(r'([a-zA-Z_]+)="((?:[^"\\]|\\.)*)"', m.group(3) or ""))
        if all(have.get(k) == v for k, v in labels.items()):
            total += float(m.group(4))
    return total


class MetricsTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.dir = os.path.join(ENV["workdir"], "prometheus")
        os.makedirs(cls.dir, exist_ok=True)
        host, port = origin("nginx")
        config = os.path.join(cls.dir, "prometheus.yml")
        with open(config, "w", encoding="utf-8") as f:
            f.write("""global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: fastscim
    scheme: https
    metrics_path: /metrics
    tls_config:
      ca_file: %s
    static_configs:
      - targets: ['%s:%d']
""" % (ENV["cafile"], host, port))
        cls.port = free_port()
        cls.log = open(os.path.join(cls.dir, "prometheus.log"), "w", encoding="utf-8")
        cls.prometheus = subprocess.Popen(
            [PROMETHEUS, "--config.file=" + config, "--storage.tsdb.path=" + os.path.join(cls.dir, "data"),
             "--web.listen-address=127.0.0.1:%d" % cls.port, "--log.level=warn"],
            stdout=cls.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while True:
            try:
                with urllib.request.urlopen("http://127.0.0.1:%d/-/ready" % cls.port, timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if cls.prometheus.poll() is not None or time.time() > deadline:
                cls.tearDownClass()
                raise AssertionError("prometheus did not start; see %s/prometheus.log" % cls.dir)
            time.sleep(0.2)

    @classmethod
    def tearDownClass(cls):
        if cls.prometheus.poll() is None:
            cls.prometheus.terminate()
            try:
                cls.prometheus.wait(10)
            except subprocess.TimeoutExpired:
                cls.prometheus.kill()
                cls.prometheus.wait()
        cls.log.close()

    def query(self, expression):
        """Prometheus's instant query: {labels-as-tuple: value}."""
        q = urllib.parse.urlencode({"query": expression})
        with urllib.request.urlopen("http://127.0.0.1:%d/api/v1/query?%s" % (self.port, q), timeout=5) as r:
            body = json.load(r)
        self.assertEqual(body["status"], "success", body)
        return [float(item["value"][1]) for item in body["data"]["result"]]

    def wait_for(self, expression, expected, seconds=20):
        """Waits until `expression` has the one value `expected`; returns what it had last."""
        deadline = time.time() + seconds
        values = []
        while time.time() < deadline:
            values = self.query(expression)
            if values == [expected]:
                return values
            time.sleep(0.3)
        return values

    def test_prometheus_scrapes_requests_latency_threads_and_429s(self):
        alpha = token("alpha")
        for _ in range(3):
            self.assertEqual(request("GET", url("nginx", "/Users?count=1"), token=alpha).status, 200)
        missing = request("GET", url("nginx", "/Users/" + str(uuid.uuid4())), token=alpha)
        self.assertEqual(missing.status, 404)
        tenant = "metrics-%s" % uuid.uuid4().hex[:8]
        admin("tenant", "create", tenant, check=True)
        admin("tenant", "set", tenant, "rate-limit", "1/m", check=True)
        admin("tenant", "set", tenant, "rate-burst", "1", check=True)
        secret = issue_token(tenant, "metrics")
        statuses = [request("GET", url("nginx", "/Users?count=1"), token=secret).status for _ in range(2)]
        self.assertEqual(statuses, [200, 429])

        status, _, text = get_metrics()
        self.assertEqual(status, 200)
        ok = sample(text, "fastscim_requests_total", resource="Users", method="GET", status="2xx")
        client_errors = sample(text, "fastscim_requests_total", resource="Users", method="GET", status="4xx")
        throttled = sample(text, "fastscim_throttled_total")
        self.assertGreaterEqual(ok, 4)
        self.assertGreaterEqual(client_errors, 2)  # the 404 and the 429
        self.assertGreaterEqual(throttled, 1)

        self.assertEqual(self.wait_for('up{job="fastscim"}', 1), [1])
        self.assertEqual(self.wait_for('sum(fastscim_requests_total{resource="Users",method="GET",status="2xx"})', ok),
                         [ok])
        self.assertEqual(self.wait_for('sum(fastscim_requests_total{resource="Users",method="GET",status="4xx"})',
                                       client_errors), [client_errors])
        self.assertEqual(self.wait_for("fastscim_throttled_total", throttled), [throttled])
        # The histogram: every Users request has a duration, each within +Inf.
        count = self.query('sum(fastscim_request_duration_seconds_count{resource="Users"})')
        inf = self.query('sum(fastscim_request_duration_seconds_bucket{resource="Users",le="+Inf"})')
        self.assertEqual(count, inf)
        self.assertGreaterEqual(count[0], ok + client_errors - 1)
        # Each of the supervisor's workers shows its threads, busy or idle.
        self.assertEqual(self.query('count(fastscim_threads{state="idle"})'), [float(ENV["workers"])])
        self.assertEqual(self.query("count(fastscim_db_errors_total)"), [1.0])

    def test_every_worker_answers_the_same_shared_counts(self):
        """A scrape reaches one worker at random: each must count every worker's requests."""
        before = sample(get_metrics()[2], "fastscim_requests_total", resource="Groups", status="4xx")
        for _ in range(9):
            r = request("GET", url("nginx", "/Groups/" + str(uuid.uuid4())), token=token("beta"))
            self.assertEqual(r.status, 404)
        for _ in range(4):
            after = sample(get_metrics()[2], "fastscim_requests_total", resource="Groups", status="4xx")
            self.assertEqual(after, before + 9)

    def test_metrics_are_plain_text_from_loopback_and_refused_from_elsewhere(self):
        for endpoint in ("nginx", "apache_proxy_fcgi", "apache_fcgid"):
            with self.subTest(endpoint=endpoint):
                status, media_type, text = get_metrics(endpoint)
                self.assertEqual(status, 200, text[:300])
                self.assertTrue(media_type.startswith(TEXT_FORMAT), media_type)
                self.assertIn("# TYPE fastscim_requests_total counter", text)
                status, _, text = get_metrics(endpoint, source="127.0.0.2")
                self.assertEqual(status, 403, text[:300])
                self.assertNotIn("fastscim_", text)

    def test_the_exposition_names_no_token_and_no_tenant(self):
        text = get_metrics()[2]
        self.assertIn("fastscim_requests_total{", text)
        self.assertNotIn("tenant=", text)
        for name in ENV["tenants"]:
            self.assertNotIn(name, text)
        with open(ENV["tokens_file"], encoding="utf-8") as f:
            secrets = set(f.read().split())
        for tenant in ENV["tenants"].values():
            secrets.update(tenant.values())
        self.assertGreater(len(secrets), 2)
        for secret in secrets:
            self.assertNotIn(secret, text)

    def test_metrics_are_not_served_under_the_scim_base_path(self):
        r = request("GET", url("nginx", "/metrics"), token=token("alpha"))
        self.assertEqual(r.status, 404, r)
        self.assertNotIn(b"fastscim_requests_total", r.body)


if __name__ == "__main__":
    unittest.main()

"""fastscimd's ways to run and its signals: reload, drain, a database that is
not there at start, and plain CGI.  Extra supervisors here listen on their own
sockets and are spoken to directly over FastCGI."""

import os
import signal
import socket
import subprocess
import time
import unittest

from fixture import (ENV, ScimAssertions, children, fcgi_request, request, token, url, wait_until)

SPC = "/scim/v2/ServiceProviderConfig"


class ExtraSupervisor:
    """A second fastscimd supervisor with its own socket and log."""

    def __init__(self, name, environment=None, **overrides):
        self.socket = os.path.join(ENV["workdir"], "run", name + ".sock")
        self.log = os.path.join(ENV["workdir"], "log", name + ".log")
        env = dict(os.environ)
        env.update({"FASTSCIM_LISTEN": "unix:" + self.socket, "FASTSCIM_PID_FILE": "",
                    "FASTSCIM_LOG_FILE": self.log, "FASTSCIM_WORKERS": "1", "FASTSCIM_THREADS": "1"})
        env.update({"FASTSCIM_" + k.upper(): str(v) for k, v in overrides.items()})
        env.update(environment or {})
        self.process = subprocess.Popen([ENV["fastscimd"], "--config", ENV["config"]], env=env,
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=open(self.log + ".stderr", "w"), start_new_session=True)
        if not wait_until(lambda: os.path.exists(self.socket) and children(self.process.pid), 10):
            self.stop()
            raise AssertionError("fastscimd %s did not start; see %s" % (name, self.log))

    def log_text(self):
        with open(self.log, encoding="utf-8", errors="replace") as f:
            return f.read()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class ReloadTest(unittest.TestCase):

    def test_sighup_replaces_every_worker_without_failing_a_request(self):
        supervisor = ENV["supervisor_pid"]
        before = children(supervisor)
        os.kill(supervisor, signal.SIGHUP)
        statuses = []
        deadline = time.monotonic() + 20
        replaced = None
        while time.monotonic() < deadline:
            statuses.append(request("GET", url("nginx", "/ServiceProviderConfig"), token=token()).status)
            now = children(supervisor)
            if len(now) == ENV["workers"] and not (now & before):
                replaced = now
                break
        self.assertIsNotNone(replaced, "workers were not replaced after SIGHUP")
        for _ in range(10):
            statuses.append(request("GET", url("nginx", "/ServiceProviderConfig"), token=token()).status)
        self.assertEqual(set(statuses), {200})


def environment_of(pid):
    with open("/proc/%d/environ" % pid, "rb") as f:
        pairs = [item.split(b"=", 1) for item in f.read().split(b"\0") if b"=" in item]
    return {k.decode(): v.decode(errors="replace") for k, v in pairs}


def name_of(pid):
    with open("/proc/%d/comm" % pid, encoding="utf-8") as f:
        return f.read().strip()


class AllocatorTest(unittest.TestCase):
    """app/allocator.h: fastscimd runs with glibc's larger thread cache of
    freed blocks, by executing itself once more: same pid, same name."""

    def test_the_pool_runs_with_the_larger_thread_cache_under_its_own_name(self):
        supervisor = ENV["supervisor_pid"]
        processes = [supervisor] + sorted(children(supervisor))
        self.assertEqual(len(processes), 1 + ENV["workers"])
        for pid in processes:
            self.assertEqual(environment_of(pid).get("GLIBC_TUNABLES"), "glibc.malloc.tcache_count=128", pid)
            self.assertEqual(name_of(pid), "fastscimd", pid)
        self.assertEqual(request("GET", url("nginx", "/ServiceProviderConfig"), token=token()).status, 200)

    def test_an_operators_own_glibc_tunables_is_left_as_it_is(self):
        extra = ExtraSupervisor("tunables", environment={"GLIBC_TUNABLES": "glibc.malloc.tcache_count=7"})
        try:
            for pid in [extra.process.pid] + sorted(children(extra.process.pid)):
                self.assertEqual(environment_of(pid).get("GLIBC_TUNABLES"), "glibc.malloc.tcache_count=7", pid)
            self.assertEqual(fcgi_request(extra.socket, "GET", SPC, token=token()).status, 200)
        finally:
            extra.stop()


class DrainTest(unittest.TestCase):

    def test_sigterm_finishes_the_request_in_flight_then_exits(self):
        extra = ExtraSupervisor("drain")
        try:
            def terminate_while_in_flight():
                time.sleep(0.5)  # the worker has accepted the request and waits for its body
                extra.process.send_signal(signal.SIGTERM)
                time.sleep(0.5)

            response = fcgi_request(extra.socket, "GET", SPC, token=token(),
                                    before_body=terminate_while_in_flight)
            self.assertEqual(response.status, 200, response)
            self.assertIn(b"ServiceProviderConfig", response.body)
            self.assertEqual(extra.process.wait(20), 0)
            self.assertFalse(os.path.exists(extra.socket) and _accepts(extra.socket),
                             "the socket still accepts after exit")
        finally:
            extra.stop()


def _accepts(path):
    import socket
    s = socket.socket(socket.AF_UNIX)
    try:
        s.connect(path)
        return True
    except OSError:
        return False
    finally:
        s.close()


class DatabaseAtStartTest(ScimAssertions, unittest.TestCase):

    def test_a_database_that_is_not_there_at_start_is_logged_and_retried_not_fatal(self):
        extra = ExtraSupervisor("nodb", db_socket="/nonexistent/mysqld.sock", db_connect_timeout=1)
        try:
            time.sleep(2)
            self.assertIsNone(extra.process.poll(), "fastscimd exited without a database")
            self.assertIn("database", extra.log_text())
            health = fcgi_request(extra.socket, "GET", "/scim/v2/health")
            self.assertEqual(health.status, 503, health)
            self.assertTrue(health.header("retry-after"), health.headers)
            response = fcgi_request(extra.socket, "GET", SPC, token=token())
            self.assertScimError(response, 503)
            self.assertTrue(response.header("retry-after"), response.headers)
        finally:
            extra.stop()
        self.assertEqual(extra.process.returncode, 0)


class DatabaseTlsTest(unittest.TestCase):
    """issue12: db_ssl_mode, db_ssl_ca reach the connection.  The stack's
    MariaDB answers TLS on a loopback port where the fastscim user is
    REQUIRE SSL (run.sh), so a health check that answers 200 there went
    over TLS, and one without TLS cannot."""

    def health_over_tcp(self, name, **tls):
        """The status of /health from an extra supervisor on the TCP port."""
        extra = ExtraSupervisor(name, db_socket="", db_host="127.0.0.1", db_port=ENV["mariadb_port"],
                                db_connect_timeout=2, **tls)
        try:
            return fcgi_request(extra.socket, "GET", "/scim/v2/health").status
        finally:
            extra.stop()

    def test_verify_with_the_servers_ca_connects_over_tls(self):
        self.assertEqual(self.health_over_tcp("dbtls", db_ssl_mode="verify", db_ssl_ca=ENV["cafile"]), 200)

    def test_required_connects_over_tls(self):
        self.assertEqual(self.health_over_tcp("dbtlsreq", db_ssl_mode="required"), 200)

    def test_without_tls_the_same_user_is_refused(self):
        self.assertEqual(self.health_over_tcp("dbplain", db_ssl_mode="off"), 503)

    def test_verify_refuses_a_certificate_the_ca_did_not_sign(self):
        other_ca = os.path.join(ENV["workdir"], "other-ca.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                        "/CN=other", "-keyout", other_ca + ".key", "-out", other_ca],
                       check=True, capture_output=True, timeout=60)
        self.assertEqual(self.health_over_tcp("dbwrongca", db_ssl_mode="verify", db_ssl_ca=other_ca), 503)


class DatabaseEndpointsTest(unittest.TestCase):
    """issue15: db_host lists several servers; a worker connects to the
    first that answers and /health says which (by position, not address)."""

    def test_a_worker_skips_a_dead_endpoint_and_health_names_the_one_in_use(self):
        dead = socket.socket()
        dead.bind(("127.0.0.1", 0))  # bound, never listening: connections are refused
        try:
            hosts = "127.0.0.1:%d,127.0.0.1:%s" % (dead.getsockname()[1], ENV["mariadb_port"])
            extra = ExtraSupervisor("dbnodes", db_socket="", db_host=hosts, db_connect_timeout=2,
                                    db_ssl_mode="required")
            try:
                health = fcgi_request(extra.socket, "GET", "/scim/v2/health")
                self.assertEqual(health.status, 200, health)
                self.assertEqual(health.json(), {"status": "ok", "database": "ok", "databaseEndpoint": 2})
                self.assertEqual(fcgi_request(extra.socket, "GET", SPC, token=token()).status, 200)
                self.assertIn("using endpoint 2 of db_host", extra.log_text())
            finally:
                extra.stop()
        finally:
            dead.close()

    def test_a_malformed_host_list_is_refused_at_start(self):
        result = subprocess.run([ENV["fastscimd"], "--config", ENV["config"], "--check-config"],
                                env=dict(os.environ, FASTSCIM_DB_HOST="db1:3306,,db2"),
                                capture_output=True, text=True, timeout=30)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("invalid value in FASTSCIM_DB_HOST", result.stderr)


class CgiTest(ScimAssertions, unittest.TestCase):

    def cgi(self, path, token_value=None, method="GET"):
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "FASTSCIM_LISTEN": "",
               "FASTSCIM_LOG_FILE": os.path.join(ENV["workdir"], "log", "cgi.log"),
               "GATEWAY_INTERFACE": "CGI/1.1", "REQUEST_METHOD": method, "REQUEST_URI": path,
               "SCRIPT_NAME": path, "SERVER_PROTOCOL": "HTTP/1.1", "HTTPS": "on",
               "HTTP_HOST": "127.0.0.1"}
        if token_value:
            env["HTTP_AUTHORIZATION"] = "Bearer " + token_value
        result = subprocess.run([ENV["fastscimd"], "--config", ENV["config"]], env=env,
                                stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
        self.assertEqual(result.returncode, 0, result.stderr)
        from fixture import _parse_cgi
        return _parse_cgi(result.stdout)

    def test_as_cgi_it_answers_one_request(self):
        response = self.cgi(SPC, token())
        self.assertEqual(response.status, 200, response)
        self.assertEqual(response.media_type, "application/scim+json")

    def test_as_cgi_it_still_requires_a_token(self):
        self.assertScimError(self.cgi(SPC), 401)


if __name__ == "__main__":
    unittest.main()

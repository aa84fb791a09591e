"""Errors the web servers make themselves are SCIM errors, never HTML pages,
and TLS follows Mozilla's "intermediate" profile: nginx/fastscim.conf and
example-tls-server.conf, apache/fastscim-errors.conf and fastscim-tls.conf
(through mod_proxy_fcgi and mod_fcgid), apache/htaccess.example.

Each request here is one nginx or Apache refuses before fastscimd sees it:
a path that normalises out of /scim/v2, a request line over the server's
limit, TRACE, a header over the limit, a malformed request, and the pool
unreachable."""

import contextlib
import json
import os
import signal
import socket
import ssl
import unittest
import urllib.parse

from fixture import ENV, Response, ScimAssertions, request, token, url, wait_until

USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
TRAVERSAL = "/Users/..%2F..%2Fetc%2Fpasswd"
LONG_FILTER = "/Users?filter=" + urllib.parse.quote('userName eq "' + "a" * 100000 + '"')


def raw_request(endpoint, data, timeout=20):
    """Sends bytes as they are over TLS and parses the answer, or None if
    the server closed without one (the connection is closed by the
    request's Connection: close or the server)."""
    parts = urllib.parse.urlsplit(url(endpoint))
    context = ssl.create_default_context(cafile=ENV["cafile"])
    with socket.create_connection((parts.hostname, parts.port), timeout=timeout) as plain:
        with context.wrap_socket(plain, server_hostname=parts.hostname) as tls:
            try:
                tls.sendall(data)
            except (ssl.SSLError, ConnectionResetError, BrokenPipeError):
                pass  # the server answered and closed before reading it all: read its answer
            answer = b""
            while True:
                try:
                    chunk = tls.recv(65536)
                except (ssl.SSLError, ConnectionResetError):
                    break
                if not chunk:
                    break
                answer += chunk
    return _parse(answer) if answer else None


def _parse(answer):
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = [tuple(part.strip() for part in line.split(":", 1)) for line in lines[1:] if ":" in line]
    if any(k.lower() == "transfer-encoding" and "chunked" in v.lower() for k, v in headers):
        body = _dechunk(body)
    return Response(status, headers, body)


def _dechunk(body):
    out = b""
    while body:
        size_line, _, rest = body.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            break
        out += rest[:size]
        body = rest[size + 2:]
    return out


def host(endpoint):
    parts = urllib.parse.urlsplit(url(endpoint))
    return "%s:%d" % (parts.hostname, parts.port)


class WebServerErrorChecks(ScimAssertions):
    """What every shipped configuration answers; endpoint names the server."""
    endpoint = None
    stalled_body_status = None

    def assertNoHtml(self, response):
        self.assertNotIn(b"<html", response.body.lower(), response)

    def test_a_path_that_leaves_the_base_path_once_decoded_is_a_404_scim_error(self):
        response = request("GET", url(self.endpoint, TRAVERSAL), token=token())
        self.assertNoHtml(response)
        self.assertScimError(response, 404)

    def test_a_request_line_over_the_servers_limit_is_a_414_scim_error(self):
        """A 100,000-character filter belongs in POST .search (SRCH-01).
        The server answers after the first few kilobytes and closes, often
        while the client is still sending: the answer is read all the same."""
        target = urllib.parse.urlsplit(url(self.endpoint, LONG_FILTER))
        data = ("GET %s?%s HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\nConnection: close\r\n\r\n"
                % (target.path, target.query, host(self.endpoint), token())).encode()
        response = raw_request(self.endpoint, data)
        self.assertNoHtml(response)
        body = self.assertScimError(response, 414)
        self.assertIn(".search", body.get("detail", ""))

    def test_trace_is_a_405_scim_error(self):
        response = request("TRACE", url(self.endpoint, "/Users"), token=token())
        self.assertNoHtml(response)
        self.assertScimError(response, 405)

    def test_a_malformed_request_is_a_400_scim_error(self):
        data = ("GET /scim/v2/Users HTTP/1.1\r\nHost: %s\r\nthis line has no colon\r\n"
                "Connection: close\r\n\r\n" % host(self.endpoint)).encode()
        response = raw_request(self.endpoint, data)
        self.assertNoHtml(response)
        self.assertScimError(response, 400)

    def test_a_header_over_the_servers_limit_is_a_scim_error(self):
        """nginx answers 431 (its 494); Apache answers 400 for a header field
        over LimitRequestFieldSize."""
        response = request("GET", url(self.endpoint, "/Users"), token=token(),
                           headers={"X-Padding": "a" * 20000})
        self.assertNoHtml(response)
        self.assertIn(response.status, (400, 431), response)
        self.assertScimError(response, response.status)

    def test_a_body_over_the_web_servers_limit_is_a_413_scim_error(self):
        body = b"{" + b" " * (3 * 1024 * 1024) + b"}"
        response = request("POST", url(self.endpoint, "/Users"), token=token(), body=body,
                           headers={"Content-Type": "application/scim+json"})
        self.assertNoHtml(response)
        self.assertScimError(response, 413)

    def test_a_body_that_stops_arriving_gets_no_html_and_writes_nothing(self):
        """The body announced is 16 bytes longer than what is sent: a whole
        User before the silence, so a server acting on what it has would
        create it.  After the stack's body timeout the web server gives up:
        stalled_body_status says how (each server's own choice)."""
        user_name = "stalled-%s@example.com" % self.endpoint
        body = json.dumps({"schemas": [USER_SCHEMA], "userName": user_name}).encode()
        target = urllib.parse.urlsplit(url(self.endpoint, "/Users"))
        head = ("POST %s HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\n"
                "Content-Type: application/scim+json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n"
                % (target.path, host(self.endpoint), token(), len(body) + 16)).encode()
        response = raw_request(self.endpoint, head + body, timeout=ENV["body_timeout_seconds"] + 30)
        if self.stalled_body_status is None:
            self.assertIsNone(response, "expected the connection closed without an answer")
        else:
            self.assertNoHtml(response)
            self.assertScimError(response, self.stalled_body_status)
        query = urllib.parse.quote('userName eq "%s"' % user_name)
        found = request("GET", url(self.endpoint, "/Users?filter=" + query), token=token())
        self.assertEqual(found.status, 200, found)
        self.assertEqual(found.json()["totalResults"], 0, found)

    def test_answers_carry_hsts_and_no_server_version(self):
        for path in ("/ServiceProviderConfig", TRAVERSAL):
            with self.subTest(path=path):
                response = request("GET", url(self.endpoint, path), token=token())
                self.assertIn("max-age=63072000", response.header("strict-transport-security") or "",
                              response.headers)
                server = response.header("server") or ""
                self.assertNotRegex(server, r"\d", response.headers)

    def test_tls_refuses_cbc_suites_and_tls_1_1(self):
        """Mozilla intermediate: TLS 1.2+ and AEAD suites only."""
        parts = urllib.parse.urlsplit(url(self.endpoint))
        cbc = ssl.create_default_context(cafile=ENV["cafile"])
        cbc.maximum_version = ssl.TLSVersion.TLSv1_2
        cbc.set_ciphers("ECDHE-RSA-AES128-SHA:ECDHE-RSA-AES256-SHA:AES128-SHA")
        old = ssl.create_default_context(cafile=ENV["cafile"])
        old.minimum_version = ssl.TLSVersion.TLSv1
        old.maximum_version = ssl.TLSVersion.TLSv1_1
        with contextlib.suppress(ssl.SSLError):
            old.set_ciphers("DEFAULT:@SECLEVEL=0")
        for name, context in (("cbc", cbc), ("tls1.1", old)):
            with self.subTest(client=name):
                with socket.create_connection((parts.hostname, parts.port), timeout=10) as plain:
                    with self.assertRaises(ssl.SSLError):
                        context.wrap_socket(plain, server_hostname=parts.hostname).close()
        good = ssl.create_default_context(cafile=ENV["cafile"])
        good.maximum_version = ssl.TLSVersion.TLSv1_2
        with socket.create_connection((parts.hostname, parts.port), timeout=10) as plain:
            with good.wrap_socket(plain, server_hostname=parts.hostname) as tls:
                self.assertRegex(tls.cipher()[0], r"^ECDHE-.*(GCM|CHACHA20)")


class NginxWebErrorsTest(WebServerErrorChecks, unittest.TestCase):
    endpoint = "nginx"
    # nginx logs 408 and closes the connection without answering.
    stalled_body_status = None


class ApacheProxyFcgiWebErrorsTest(WebServerErrorChecks, unittest.TestCase):
    endpoint = "apache_proxy_fcgi"
    stalled_body_status = 408


class ApacheModFcgidWebErrorsTest(WebServerErrorChecks, unittest.TestCase):
    endpoint = "apache_fcgid"
    # mod_fcgid answers a body it could not read with 500 (fcgid_bridge.c).
    stalled_body_status = 500


class ApacheHtaccessWebErrorsTest(ScimAssertions, unittest.TestCase):
    """Shared hosting: the .htaccess covers what Apache decides inside the
    directory; errors decided before it is read (an over-long request line,
    an encoded slash, TRACE) keep the host's pages (apache/README.md)."""

    def test_a_path_that_normalises_out_of_the_base_path_is_a_404_scim_error(self):
        response = request("GET", url("apache_htaccess", "/Users/../../nothing-here"), token=token())
        self.assertScimError(response, 404)

    def test_answers_carry_hsts(self):
        response = request("GET", url("apache_htaccess", "/ServiceProviderConfig"), token=token())
        self.assertIn("max-age=63072000", response.header("strict-transport-security") or "", response)


@contextlib.contextmanager
def pool_unreachable():
    """The supervisor's socket is renamed away, so connecting to the pool
    fails as when it is down, and put back however the test ends."""
    path = ENV["socket"]
    away = path + ".away"
    os.rename(path, away)
    try:
        yield
    finally:
        os.rename(away, path)


class PoolUnreachableTest(ScimAssertions, unittest.TestCase):

    def test_nginx_answers_a_503_scim_error_with_retry_after(self):
        with pool_unreachable():
            # nginx keeps its connections to the pool (keepalive): a reload
            # drops them, as a pool that went down would.
            with open(os.path.join(ENV["workdir"], "nginx", "nginx.pid"), encoding="utf-8") as f:
                os.kill(int(f.read().strip()), signal.SIGHUP)
            # Until the old nginx workers have gone, one may still answer
            # through a kept connection.
            response = wait_until(lambda: (lambda r: r if r.status != 200 else None)(
                request("GET", url("nginx", "/Users"), token=token())), 10)
        self.assertIsNotNone(response, "nginx kept reaching the pool")
        self.assertScimError(response, 503)
        self.assertEqual(response.header("retry-after"), "5", response.headers)
        self.assertIn("max-age", response.header("strict-transport-security") or "", response.headers)

    def test_apache_proxy_fcgi_answers_a_scim_error_with_retry_after(self):
        with pool_unreachable():
            response = request("GET", url("apache_proxy_fcgi", "/Users"), token=token())
        self.assertIn(response.status, (502, 503), response)
        self.assertScimError(response, response.status)
        self.assertEqual(response.header("retry-after"), "5", response.headers)


del WebServerErrorChecks  # not a test case by itself

if __name__ == "__main__":
    unittest.main()

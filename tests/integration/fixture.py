"""What every integration test shares: the running stack and ways to talk to it.

tests/integration/run.sh starts MariaDB, fastscimd, nginx and Apache once per
run and describes them in a JSON file named by $FASTSCIM_IT_ENV:

  endpoints   {"nginx": URL, "apache_fcgid": URL, "apache_proxy_fcgi": URL,
               "apache_htaccess": URL}, each the base URL (https://.../scim/v2)
  tenants     {"alpha": {"first": TOKEN, "second": TOKEN}, "beta": {"first": TOKEN}}
  cafile      the self-signed certificate the servers present
  admin, config, stack_sh, mariadb_dir, supervisor_pid, pid_file, workers,
  max_body_bytes, nginx_max_body_bytes, logs{...}, tokens_file, workdir

Python standard library only.  Every token a test creates or sends is added
to tokens_file, so that test_logs can check none of them reached a log.
"""

import json
import os
import ssl
import subprocess
import time
import http.client
import urllib.parse

ENV = json.load(open(os.environ["FASTSCIM_IT_ENV"], encoding="utf-8"))

ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error"
SPC_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"
SCIM_JSON = "application/scim+json"

_TLS = ssl.create_default_context(cafile=ENV["cafile"])


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = {k.lower(): v for k, v in headers}
        self.body = body

    def header(self, name):
        return self.headers.get(name.lower())

    @property
    def media_type(self):
        return (self.header("content-type") or "").split(";")[0].strip().lower()

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def __repr__(self):
        return "<%d %s %r>" % (self.status, self.header("content-type"), self.body[:300])


def request(method, url, token=None, body=None, headers=None, timeout=20):
    """One HTTPS request on a new connection (the certificate is verified)."""
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPSConnection(parts.hostname, parts.port, context=_TLS, timeout=timeout)
    try:
        all_headers = {"Accept": SCIM_JSON}
        if token is not None:
            all_headers["Authorization"] = "Bearer " + token
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode("utf-8")
            all_headers["Content-Type"] = SCIM_JSON
        all_headers.update(headers or {})
        conn.request(method, parts.path + ("?" + parts.query if parts.query else ""),
                     body=body, headers=all_headers)
        r = conn.getresponse()
        return Response(r.status, r.getheaders(), r.read())
    finally:
        conn.close()


def url(endpoint, path=""):
    return ENV["endpoints"][endpoint] + path


def token(tenant="alpha", name="first"):
    return ENV["tenants"][tenant][name]


def record_token(secret):
    """Remember a secret so test_logs can check that no log contains it."""
    with open(ENV["tokens_file"], "a", encoding="utf-8") as f:
        f.write(secret + "\n")


def admin(*args, check=False, json_output=False):
    """Runs fastscim-admin against the test database; returns CompletedProcess."""
    cmd = [ENV["admin"], "--config", ENV["config"]]
    if json_output:
        cmd.append("--json")
    cmd.extend(args)
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    if check and result.returncode != 0:
        raise AssertionError("%s failed (%d): %s" % (" ".join(args), result.returncode, result.stderr))
    return result


def issue_token(tenant, name):
    result = admin("token", "issue", "--tenant", tenant, "--name", name, check=True)
    secret = result.stdout.strip()
    record_token(secret)
    return secret


def stack(function, *args, timeout=120):
    """Calls a function of scripts/lib/stack.sh (mariadb_stop, mariadb_start...)."""
    return subprocess.run(["bash", ENV["stack_sh"], function, *args], capture_output=True,
                          text=True, timeout=timeout)


DELIVERER_NAME = "fastscimd-hooks"  # the webhook delivery process's comm


def children(pid, deliverers=False):
    """The pids whose parent is pid: for fastscimd's supervisor its workers,
    or with deliverers=True its webhook delivery process(es)."""
    found = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry, encoding="utf-8", errors="replace") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        comm = stat[stat.index("(") + 1:stat.rindex(")")]
        if fields[1] == str(pid) and fields[0] not in ("Z", "X") and (comm == DELIVERER_NAME) == deliverers:
            found.add(int(entry))
    return found


def wait_until(predicate, timeout, interval=0.1):
    """Polls predicate until it returns something true; returns it or None."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            return None
        time.sleep(interval)


class ScimAssertions:
    """Mixin for unittest.TestCase: the shape every SCIM error must have."""

    def assertScimError(self, response, status):
        """ERR-01, ERR-02: Error schema, status as a string equal to the HTTP
        status, application/scim+json."""
        self.assertEqual(response.status, status, response)
        self.assertEqual(response.media_type, SCIM_JSON, response)
        body = response.json()
        self.assertIn(ERROR_SCHEMA, body.get("schemas", []), body)
        self.assertEqual(body.get("status"), str(status), body)
        self.assertIsInstance(body["status"], str, body)
        return body


def fcgi_request(socket_path, method, path, token=None, body=b"", content_type=None,
                 timeout=20, before_body=None):
    """One request straight to a FastCGI socket (no web server in between).

    before_body, if given, is called after the parameters are sent and before
    the body is: the request is then in flight in a worker.  Returns a
    Response parsed from the CGI output (Status: header, default 200).
    """
    import socket
    import struct

    def record(kind, content):
        return struct.pack(">BBHHBx", 1, kind, 1, len(content), 0) + content

    def pair(name, value):
        out = b""
        for part in (name, value):
            n = len(part)
            out += bytes([n]) if n < 128 else struct.pack(">I", n | 0x80000000)
        return out + name + value

    params = {"REQUEST_METHOD": method, "REQUEST_URI": path, "SCRIPT_NAME": path.split("?")[0],
              "QUERY_STRING": path.partition("?")[2], "SERVER_PROTOCOL": "HTTP/1.1",
              "GATEWAY_INTERFACE": "CGI/1.1", "HTTPS": "on", "HTTP_HOST": "127.0.0.1",
              "CONTENT_LENGTH": str(len(body))}
    if content_type:
        params["CONTENT_TYPE"] = content_type
    if token is not None:
        params["HTTP_AUTHORIZATION"] = "Bearer " + token
    encoded = b"".join(pair(k.encode(), v.encode()) for k, v in params.items())
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(timeout)
    try:
        s.connect(socket_path)
        s.sendall(record(1, struct.pack(">HB5x", 1, 0)) + record(4, encoded) + record(4, b""))
        if before_body:
            before_body()
        out = b""
        for i in range(0, len(body), 65535):
            out += record(5, body[i:i + 65535])
        s.sendall(out + record(5, b""))
        stdout = b""
        buf = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            buf += chunk
            while len(buf) >= 8:
                _, kind, _, length, padding = struct.unpack(">BBHHBx", buf[:8])
                if len(buf) < 8 + length + padding:
                    break
                if kind == 6:
                    stdout += buf[8:8 + length]
                buf = buf[8 + length + padding:]
                if kind == 3:
                    return _parse_cgi(stdout)
        return _parse_cgi(stdout)
    finally:
        s.close()


def _parse_cgi(output):
    if not output:
        raise ConnectionError("the FastCGI server closed the connection without a response")
    head, _, body = output.partition(b"\r\n\r\n")
    if not _:
        head, _, body = output.partition(b"\n\n")
    headers = []
    status = 200
    for line in head.decode("latin-1").splitlines():
        name, _, value = line.partition(":")
        if name.lower() == "status":
            status = int(value.strip().split()[0])
        elif name:
            headers.append((name.strip(), value.strip()))
    return Response(status, headers, body)

"""Entra ID's Test Connection against a FastCGI socket: GET /Users with a
filter on a userName that does not exist must answer 200 with an empty
ListResponse.  Usage: test_connection.py SOCKET (token in $FASTSCIM_TOKEN)."""

import json
import os
import sys
import tempfile
import uuid

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "integration"))
# fixture reads the integration run's description; this needs none of it.
with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as env:
    json.dump({"cafile": "/etc/ssl/certs/ca-certificates.crt"}, env)
os.environ["FASTSCIM_IT_ENV"] = env.name
from fixture import fcgi_request  # noqa: E402

os.unlink(env.name)
name = "test-connection-%s@example.com" % uuid.uuid4().hex
query = "filter=" + ("userName eq \"%s\"" % name).replace(" ", "%20").replace("\"", "%22")
response = fcgi_request(sys.argv[1], "GET", "/scim/v2/Users?" + query, token=os.environ["FASTSCIM_TOKEN"])
body = json.loads(response.body or b"{}")
if response.status != 200 or body.get("totalResults") != 0 or \
        "urn:ietf:params:scim:api:messages:2.0:ListResponse" not in body.get("schemas", []):
    print("Test Connection failed: %s %s" % (response.status, response.body[:500]))
    sys.exit(1)
print("Test Connection: 200, empty ListResponse")

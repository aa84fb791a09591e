"""/Me, root search (POST /.search) and /Bulk, through nginx (TLS), each
class on a tenant of its own so that counts are exact."""

import json
import time
import unittest

from fixture import ScimAssertions, admin, issue_token, request, url

USER = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
SEARCH = "urn:ietf:params:scim:api:messages:2.0:SearchRequest"
LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest"
BULK_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:BulkResponse"


def new_tenant(name):
    admin("tenant", "create", name, check=True)
    return issue_token(name, "it")


class MeTest(ScimAssertions, unittest.TestCase):

    def test_every_method_on_me_answers_501_saying_why(self):
        """ME-02 (RFC 7644 §3.11): a provisioning token is not a user."""
        from fixture import token
        for method, path, body in (("GET", "/Me", None), ("POST", "/Me", {"schemas": [USER], "userName": "me"}),
                                   ("PUT", "/Me", {"schemas": [USER], "userName": "me"}),
                                   ("PATCH", "/Me", {"Operations": []}), ("DELETE", "/Me", None),
                                   ("GET", "/Me/anything", None)):
            with self.subTest(method=method, path=path):
                response = request(method, url("nginx", path), token=token(), body=body)
                error = self.assertScimError(response, 501)
                self.assertIn("not a user", error["detail"])
                self.assertIn("§3.11", error["detail"])

    def test_me_without_a_token_is_401_not_501(self):
        response = request("GET", url("nginx", "/Me"))
        self.assertScimError(response, 401)


if __name__ == "__main__":
    unittest.main()

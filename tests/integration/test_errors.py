"""SCIM errors for what is not a SCIM request, through nginx (TLS)."""

import unittest

from fixture import ENV, ScimAssertions, request, token, url


class ScimErrorResponsesTest(ScimAssertions, unittest.TestCase):

    def test_an_unknown_path_under_the_base_path_is_a_404_scim_error(self):
        """ERR-01: a 404 for an unknown endpoint carries a SCIM Error body."""
        for path in ("/NoSuchEndpoint", "/ServiceProviderConfig/extra", "/Users/x/../../NoSuch"):
            with self.subTest(path=path):
                self.assertScimError(request("GET", url("nginx", path), token=token()), 404)

    def test_a_path_that_only_starts_like_the_base_path_is_a_404_scim_error(self):
        base = ENV["endpoints"]["nginx"]
        self.assertScimError(request("GET", base + "x/ServiceProviderConfig", token=token()), 404)

    def test_a_wrong_method_is_a_405_scim_error_with_allow(self):
        for method in ("POST", "PUT", "PATCH", "DELETE"):
            with self.subTest(method=method):
                response = request(method, url("nginx", "/ServiceProviderConfig"), token=token(),
                                   body={"schemas": []} if method != "DELETE" else None)
                self.assertScimError(response, 405)
                self.assertIn("GET", response.header("allow") or "", response.headers)

    def test_a_body_over_max_body_bytes_is_a_413_scim_error_from_fastscimd(self):
        """SEC-15: request size is limited.  The body passes nginx (1 MiB)
        and is refused by fastscimd's max_body_bytes."""
        limit = ENV["max_body_bytes"]
        self.assertLess(limit, ENV["nginx_max_body_bytes"])
        body = b'{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"x":"' + \
            b"a" * limit + b'"}'
        response = request("POST", url("nginx", "/Users"), token=token(), body=body,
                           headers={"Content-Type": "application/scim+json"})
        body = self.assertScimError(response, 413)
        self.assertIn(str(limit), body.get("detail", ""))

    def test_a_body_over_the_web_servers_limit_is_a_413_scim_error_from_nginx(self):
        """nginx's own 413 is rewritten into a SCIM Error (nginx/fastscim.conf)."""
        body = b"{" + b" " * (ENV["nginx_max_body_bytes"] + 1) + b"}"
        response = request("POST", url("nginx", "/Users"), token=token(), body=body,
                           headers={"Content-Type": "application/scim+json"})
        self.assertScimError(response, 413)

    def test_an_unsupported_content_type_is_a_415_scim_error(self):
        for content_type in ("text/plain", "application/xml", "application/x-www-form-urlencoded"):
            with self.subTest(content_type=content_type):
                response = request("POST", url("nginx", "/Users"), token=token(), body=b"{}",
                                   headers={"Content-Type": content_type})
                self.assertScimError(response, 415)

    def test_scim_json_and_json_bodies_are_never_415(self):
        """GEN-06: application/scim+json and application/json, with or without
        a charset, are accepted media types."""
        for content_type in ("application/scim+json", "application/json",
                             "application/scim+json; charset=utf-8", "application/json;charset=UTF-8"):
            with self.subTest(content_type=content_type):
                response = request("POST", url("nginx", "/ServiceProviderConfig"), token=token(),
                                   body=b"{}", headers={"Content-Type": content_type})
                self.assertNotEqual(response.status, 415, response)
                self.assertScimError(response, response.status)

    def test_errors_are_scim_json_even_when_the_client_accepts_plain_json(self):
        """GEN-05: honour Accept: application/json (the SCIM type is fine too)."""
        response = request("GET", url("nginx", "/NoSuchEndpoint"), token=token(),
                           headers={"Accept": "application/json"})
        self.assertEqual(response.status, 404)
        self.assertIn(response.media_type, ("application/scim+json", "application/json"))


if __name__ == "__main__":
    unittest.main()

"""ServiceProviderConfig and the health endpoint, through nginx (TLS)."""

import unittest

from fixture import SCIM_JSON, SPC_SCHEMA, ScimAssertions, request, token, url


class ServiceProviderConfigTest(ScimAssertions, unittest.TestCase):

    def setUp(self):
        self.response = request("GET", url("nginx", "/ServiceProviderConfig"), token=token())

    def test_it_answers_200_as_application_scim_json(self):
        """DSC-01, GEN-05."""
        self.assertEqual(self.response.status, 200, self.response)
        self.assertEqual(self.response.media_type, SCIM_JSON)

    def test_it_is_one_object_with_the_service_provider_config_schema(self):
        """DSC-01: one object, not a ListResponse."""
        body = self.response.json()
        self.assertIsInstance(body, dict)
        self.assertEqual(body.get("schemas"), [SPC_SCHEMA])
        self.assertNotIn("Resources", body)

    def test_it_carries_every_required_capability(self):
        """DSC-02: patch, bulk, filter, changePassword, sort, etag,
        authenticationSchemes are REQUIRED even when the feature is off."""
        body = self.response.json()
        for name in ("patch", "bulk", "filter", "changePassword", "sort", "etag"):
            with self.subTest(capability=name):
                self.assertIsInstance(body.get(name), dict, body)
                self.assertIsInstance(body[name].get("supported"), bool, body[name])
        self.assertIn("maxOperations", body["bulk"])
        self.assertIn("maxPayloadSize", body["bulk"])
        self.assertIn("maxResults", body["filter"])

    def test_it_announces_bearer_token_authentication(self):
        """DSC-03: each scheme has type, name and description."""
        schemes = self.response.json().get("authenticationSchemes")
        self.assertTrue(schemes, "authenticationSchemes is empty")
        for scheme in schemes:
            for field in ("type", "name", "description"):
                self.assertIn(field, scheme)
        self.assertIn("oauthbearertoken", [s["type"] for s in schemes])

    def test_its_meta_location_is_the_public_url(self):
        meta = self.response.json().get("meta", {})
        if "location" in meta:
            self.assertEqual(meta["location"], url("nginx", "/ServiceProviderConfig"))

    def test_it_ignores_unknown_query_parameters(self):
        """GEN-08."""
        response = request("GET", url("nginx", "/ServiceProviderConfig?foo=bar&baz"), token=token())
        self.assertEqual(response.status, 200, response)


class HealthTest(ScimAssertions, unittest.TestCase):

    def test_health_answers_200_ok_without_a_token(self):
        response = request("GET", url("nginx", "/health"))
        self.assertEqual(response.status, 200, response)
        self.assertEqual(response.json().get("status"), "ok")

    def test_health_answers_head_with_no_body(self):
        response = request("HEAD", url("nginx", "/health"))
        self.assertEqual(response.status, 200, response)
        self.assertEqual(response.body, b"")

    def test_health_refuses_other_methods_with_405(self):
        self.assertScimError(request("POST", url("nginx", "/health"), body={}), 405)


if __name__ == "__main__":
    unittest.main()

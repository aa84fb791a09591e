"""The same checks through Apache over TLS, in each shipped configuration:
apache/fastscim-fcgid.conf (mod_fcgid starts fastscimd itself),
apache/fastscim-proxy-fcgi.conf (mod_proxy_fcgi to fastscimd's pool) and
apache/htaccess.example (shared hosting: .htaccess + wrapper)."""

import concurrent.futures
import unittest

from fixture import SCIM_JSON, SPC_SCHEMA, ScimAssertions, record_token, request, token, url


class ApacheChecks(ScimAssertions):
    endpoint = None

    def test_service_provider_config_answers_200_as_scim_json(self):
        """DSC-01, GEN-05; the token reached fastscimd, so Authorization was passed."""
        response = request("GET", url(self.endpoint, "/ServiceProviderConfig"), token=token())
        self.assertEqual(response.status, 200, response)
        self.assertEqual(response.media_type, SCIM_JSON)
        self.assertEqual(response.json()["schemas"], [SPC_SCHEMA])

    def test_a_token_of_another_tenant_works_too(self):
        response = request("GET", url(self.endpoint, "/ServiceProviderConfig"), token=token("beta"))
        self.assertEqual(response.status, 200, response)

    def test_a_request_without_a_token_is_a_401_with_www_authenticate_bearer(self):
        """SEC-03, ERR-01."""
        response = request("GET", url(self.endpoint, "/ServiceProviderConfig"))
        self.assertScimError(response, 401)
        self.assertTrue((response.header("www-authenticate") or "").lower().startswith("bearer"))

    def test_a_wrong_token_is_a_401(self):
        record_token("fsc_wrongwrongwrong")
        response = request("GET", url(self.endpoint, "/ServiceProviderConfig"), token="fsc_wrongwrongwrong")
        self.assertScimError(response, 401)

    def test_an_unknown_path_is_a_404_scim_error(self):
        self.assertScimError(request("GET", url(self.endpoint, "/NoSuchEndpoint"), token=token()), 404)

    def test_an_unsupported_content_type_is_a_415_scim_error(self):
        response = request("POST", url(self.endpoint, "/Users"), token=token(), body=b"x=1",
                           headers={"Content-Type": "text/plain"})
        self.assertScimError(response, 415)

    def test_a_body_over_max_body_bytes_is_a_413_scim_error(self):
        response = request("POST", url(self.endpoint, "/Users"), token=token(),
                           body=b'{"x":"' + b"a" * 100000 + b'"}',
                           headers={"Content-Type": "application/scim+json"})
        self.assertScimError(response, 413)

    def test_a_body_over_apaches_limit_is_a_413_scim_error(self):
        response = request("POST", url(self.endpoint, "/Users"), token=token(),
                           body=b"{" + b" " * (3 * 1024 * 1024) + b"}",
                           headers={"Content-Type": "application/scim+json"})
        self.assertScimError(response, 413)

    def test_health_answers_200(self):
        response = request("GET", url(self.endpoint, "/health"))
        self.assertEqual(response.status, 200, response)
        self.assertEqual(response.json().get("status"), "ok")

    def test_concurrent_requests_all_succeed(self):
        with concurrent.futures.ThreadPoolExecutor(6) as pool:
            statuses = list(pool.map(
                lambda _: request("GET", url(self.endpoint, "/ServiceProviderConfig"), token=token()).status,
                range(24)))
        self.assertEqual(set(statuses), {200})


class ApacheModFcgidTest(ApacheChecks, unittest.TestCase):
    endpoint = "apache_fcgid"


class ApacheModProxyFcgiTest(ApacheChecks, unittest.TestCase):
    endpoint = "apache_proxy_fcgi"


class ApacheHtaccessTest(ApacheChecks, unittest.TestCase):
    endpoint = "apache_htaccess"


del ApacheChecks  # not a test case by itself

if __name__ == "__main__":
    unittest.main()

#include "http/server.h"

#include <map>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "http/request_id.h"
#include "json/io.h"
#include "manage/api.h"
#include "support/fake_exchange.h"
#include "support/memory_management_repository.h"
#include "support/memory_repository.h"
#include "support/memory_token_store.h"

namespace http = fastscim::http;
namespace json = fastscim::json;
using fastscim::testing::FakeExchange;
using fastscim::testing::MemoryTokenStore;

namespace {

struct Fixture {
  MemoryTokenStore store;
  fastscim::auth::Authenticator authenticator{store};
  bool database_up = true;
  std::string token = fastscim::auth::generate_token();
  http::Server server;

  Fixture() : server(options(), backend()) { store.add(token, 1, "demo"); }

  static http::ServerOptions options() {
    http::ServerOptions o;
    o.max_body_bytes = 4096;
    return o;
  }
  http::Backend backend() {
    http::Backend b;
    b.authenticator = &authenticator;
    b.database_ok = [this] { return database_up; };
    return b;
  }

  // Serves one request and returns the raw CGI output.
  std::string serve(const std::string& method, const std::string& uri, bool authorized = true,
                    const std::string& body = "", const std::string& content_type = "application/scim+json") {
    std::map<std::string, std::string> params = {
        {"REQUEST_METHOD", method}, {"REQUEST_URI", uri}, {"HTTPS", "on"}, {"HTTP_HOST", "scim.example.com"}};
    if (authorized) params["HTTP_AUTHORIZATION"] = "Bearer " + token;
    if (!body.empty()) params["CONTENT_TYPE"] = content_type;
    FakeExchange exchange(params, body);
    server.serve(exchange);
    return exchange.output;
  }
};

json::Value body_of(const std::string& output) {
  auto parsed = json::parse(output.substr(output.find("\r\n\r\n") + 4));
  BOOST_REQUIRE(parsed.has_value());
  return parsed.value();
}

bool has_status(const std::string& output, int status) {
  return output.rfind("Status: " + std::to_string(status) + " ", 0) == 0;
}

// Every error is a SCIM Error with `status` as a string (RFC 7644 §3.12).
void check_scim_error(const std::string& output, int status) {
  BOOST_TEST(has_status(output, status), output);
  BOOST_TEST(output.find("Content-Type: application/scim+json\r\n") != std::string::npos);
  json::Value error = body_of(output);
  BOOST_TEST(error.get("schemas").at(0).as_string().value() == "urn:ietf:params:scim:api:messages:2.0:Error");
  BOOST_TEST(error.get("status").as_string().value() == std::to_string(status));
  BOOST_TEST(!error.get("detail").as_string().value().empty());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(server_test)

BOOST_FIXTURE_TEST_CASE(service_provider_config_answers_with_scim_json, Fixture) {
  std::string out = serve("GET", "/scim/v2/ServiceProviderConfig");
  BOOST_TEST(has_status(out, 200), out);
  BOOST_TEST(out.find("Content-Type: application/scim+json\r\n") != std::string::npos);
  json::Value spc = body_of(out);
  BOOST_TEST(spc.get("schemas").at(0).as_string().value() ==
             "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig");  // DSC-01
  BOOST_TEST(spc.get("authenticationSchemes").at(0).get("type").as_string().value() == "oauthbearertoken");
  BOOST_TEST(spc.get("meta").get("location").as_string().value() ==
             "https://scim.example.com/scim/v2/ServiceProviderConfig");
}

// RES-09: locations must be usable URLs even when the web server passes a
// Host without its port.
BOOST_FIXTURE_TEST_CASE(locations_keep_a_non_default_port_from_server_port, Fixture) {
  FakeExchange exchange({{"REQUEST_METHOD", "GET"},
                         {"REQUEST_URI", "/scim/v2/ServiceProviderConfig"},
                         {"HTTPS", "on"},
                         {"HTTP_HOST", "127.0.0.1"},
                         {"SERVER_PORT", "8443"},
                         {"HTTP_AUTHORIZATION", "Bearer " + token}});
  server.serve(exchange);
  BOOST_TEST(body_of(exchange.output).get("meta").get("location").as_string().value() ==
             "https://127.0.0.1:8443/scim/v2/ServiceProviderConfig");
}

BOOST_FIXTURE_TEST_CASE(missing_token_gets_401_with_www_authenticate, Fixture) {
  std::string out = serve("GET", "/scim/v2/ServiceProviderConfig", false);
  check_scim_error(out, 401);
  BOOST_TEST(out.find("WWW-Authenticate: Bearer") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(unauthenticated_requests_learn_nothing_about_paths, Fixture) {
  check_scim_error(serve("GET", "/scim/v2/NoSuchThing", false), 401);
}

BOOST_FIXTURE_TEST_CASE(unknown_path_gets_404, Fixture) {
  check_scim_error(serve("GET", "/scim/v2/NoSuchThing"), 404);
  check_scim_error(serve("GET", "/elsewhere"), 404);
}

BOOST_FIXTURE_TEST_CASE(wrong_method_gets_405_with_allow, Fixture) {
  std::string out = serve("DELETE", "/scim/v2/ServiceProviderConfig");
  check_scim_error(out, 405);
  BOOST_TEST(out.find("Allow: GET\r\n") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(oversized_body_gets_413_before_it_is_read, Fixture) {
  check_scim_error(serve("POST", "/scim/v2/ServiceProviderConfig", true, std::string(5000, ' ')), 413);
}

BOOST_FIXTURE_TEST_CASE(non_json_body_gets_415, Fixture) {
  check_scim_error(serve("POST", "/scim/v2/ServiceProviderConfig", true, "a=b", "application/x-www-form-urlencoded"),
                   415);
}

// GEN-06: both JSON media types, with or without a charset, are accepted.
BOOST_FIXTURE_TEST_CASE(json_media_types_with_charset_are_accepted, Fixture) {
  std::string out = serve("POST", "/scim/v2/ServiceProviderConfig", true, "{}", "application/json; charset=utf-8");
  check_scim_error(out, 405);  // past the media-type check, stopped by the method
}

BOOST_FIXTURE_TEST_CASE(health_needs_no_token_and_reports_the_database, Fixture) {
  BOOST_TEST(has_status(serve("GET", "/scim/v2/health", false), 200));
  database_up = false;
  std::string out = serve("GET", "/scim/v2/health", false);
  BOOST_TEST(has_status(out, 503));
  BOOST_TEST(out.find("Retry-After: ") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(token_store_outage_gets_503_with_retry_after, Fixture) {
  store.set_unavailable(true);
  std::string out = serve("GET", "/scim/v2/ServiceProviderConfig");
  check_scim_error(out, 503);
  BOOST_TEST(out.find("Retry-After: 5\r\n") != std::string::npos);
}

// Per-tenant services (Backend::tenant_service): each token's tenant is
// served by its own Service, over its own schema registry (issue 5).
struct TenantFixture {
  static constexpr const char* kTeamApp = "urn:ietf:params:scim:schemas:extension:teamapp:2.0:User";
  MemoryTokenStore store;
  fastscim::auth::Authenticator authenticator{store};
  fastscim::scim::SchemaRegistry builtins;
  fastscim::scim::SchemaRegistry extended;
  fastscim::testing::MemoryRepository repository{&builtins};
  fastscim::scim::Service plain{repository, builtins, {}};
  fastscim::scim::Service with_extension{repository, extended, {}};
  std::string token_a = fastscim::auth::generate_token();
  std::string token_b = fastscim::auth::generate_token();
  std::string token_c = fastscim::auth::generate_token();
  std::vector<std::pair<long long, long long>> asked;  // (tenant, generation)
  http::Server server;

  TenantFixture() : server(http::ServerOptions{}, backend()) {
    auto schema = fastscim::scim::Schema::from_json(
        json::parse(std::string(R"({"id": ")") + kTeamApp + R"(", "attributes": [{"name": "location"}]})").value());
    BOOST_REQUIRE(schema.has_value());
    BOOST_REQUIRE(extended.add_extension("User", schema.value(), false).has_value());
    store.add(token_a, 1, "a");
    store.add(token_b, 2, "b");
    store.add(token_c, 3, "c");
  }
  http::Backend backend() {
    http::Backend b;
    b.authenticator = &authenticator;
    b.database_ok = [] { return true; };
    b.service = &plain;
    b.tenant_service = [this](const fastscim::auth::Principal& p) -> fastscim::scim::Result<fastscim::scim::Service*> {
      asked.emplace_back(p.tenant_id, p.tenant_generation);
      if (p.tenant_id == 3) return fastscim::scim::fail(fastscim::scim::Error::unavailable("down", 5));
      return p.tenant_id == 1 ? &with_extension : &plain;
    };
    return b;
  }
  std::string get(const std::string& token, const std::string& uri) {
    FakeExchange exchange({{"REQUEST_METHOD", "GET"},
                           {"REQUEST_URI", uri},
                           {"HTTPS", "on"},
                           {"HTTP_HOST", "scim.example.com"},
                           {"HTTP_AUTHORIZATION", "Bearer " + token}},
                          "");
    server.serve(exchange);
    return exchange.output;
  }
};

// DSC-09, EXT-08: /Schemas comes from the registry of the caller's tenant.
BOOST_FIXTURE_TEST_CASE(discovery_is_answered_from_the_tenants_own_registry, TenantFixture) {
  std::string a = get(token_a, "/scim/v2/Schemas/" + std::string(kTeamApp));
  BOOST_TEST(has_status(a, 200), a);
  check_scim_error(get(token_b, "/scim/v2/Schemas/" + std::string(kTeamApp)), 404);
  BOOST_TEST((asked == std::vector<std::pair<long long, long long>>{{1, 0}, {2, 0}}));
}

BOOST_FIXTURE_TEST_CASE(tenant_service_error_becomes_the_response, TenantFixture) {
  std::string out = get(token_c, "/scim/v2/Users");
  check_scim_error(out, 503);
  BOOST_TEST(out.find("Retry-After: 5\r\n") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(provisioning_off_answers_403_and_keeps_the_token_valid, Fixture) {
  store.set_provisioning(token, false);
  std::string off = serve("GET", "/scim/v2/ServiceProviderConfig");
  check_scim_error(off, 403);
  BOOST_TEST(body_of(off).get("detail").as_string()->find("switched off") != std::string::npos);
  store.set_provisioning(token, true);
  BOOST_TEST(has_status(serve("GET", "/scim/v2/ServiceProviderConfig"), 200));
}

BOOST_FIXTURE_TEST_CASE(an_expired_token_gets_401, Fixture) {
  store.expire(token);
  check_scim_error(serve("GET", "/scim/v2/ServiceProviderConfig"), 401);
}

namespace {

struct ManageFixture : Fixture {
  fastscim::testing::MemoryManagementRepository repo;
  fastscim::manage::Api api{repo};
  std::string key;
  http::Server manage_server;

  ManageFixture() : manage_server(manage_options(), manage_backend()) {
    BOOST_REQUIRE(api.create_tenant(fastscim::manage::Api::operator_scope(), "demo"));
    key = api.issue_api_key(fastscim::manage::Api::operator_scope(), "ops", std::nullopt)->secret;
  }
  static http::ServerOptions manage_options() {
    http::ServerOptions o;
    o.max_body_bytes = 4096;
    o.manage.openapi = R"({"openapi":"3.1.0"})";
    return o;
  }
  http::Backend manage_backend() {
    http::Backend b = backend();
    b.manage = &api;
    return b;
  }
  std::string call(const std::string& method, const std::string& uri, const std::string& credential,
                   const std::string& body = "", const std::string& content_type = "application/json") {
    std::map<std::string, std::string> params = {
        {"REQUEST_METHOD", method}, {"REQUEST_URI", uri}, {"HTTPS", "on"}, {"HTTP_HOST", "scim.example.com"}};
    if (!credential.empty()) params["HTTP_AUTHORIZATION"] = "Bearer " + credential;
    if (!body.empty()) params["CONTENT_TYPE"] = content_type;
    FakeExchange exchange(params, body);
    manage_server.serve(exchange);
    return exchange.output;
  }
};

void check_manage_error(const std::string& output, int status, const std::string& kind) {
  BOOST_TEST(has_status(output, status), output);
  BOOST_TEST(output.find("Content-Type: application/json\r\n") != std::string::npos);
  json::Value error = body_of(output);
  BOOST_TEST(*error.get("status").as_integer() == status);
  BOOST_TEST(std::string(*error.get("error").as_string()) == kind);
  BOOST_TEST(!error.get("message").as_string()->empty());
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(the_management_api_takes_keys_and_refuses_scim_tokens, ManageFixture) {
  std::string listed = call("GET", "/manage/v1/tenants", key);
  BOOST_TEST(has_status(listed, 200), listed);
  BOOST_TEST(std::string(*body_of(listed).at(0).get("name").as_string()) == "demo");
  check_manage_error(call("GET", "/manage/v1/tenants", token), 401, "unauthorized");
  check_manage_error(call("GET", "/manage/v1/tenants", ""), 401, "unauthorized");
  // And the key does not open the SCIM surface.
  check_scim_error(call("GET", "/scim/v2/ServiceProviderConfig", key), 401);
}

BOOST_FIXTURE_TEST_CASE(management_errors_are_plain_json_with_the_right_status, ManageFixture) {
  check_manage_error(call("GET", "/manage/v1/tenants/nobody", key), 404, "not_found");
  check_manage_error(call("GET", "/manage/v1/elsewhere", key), 404, "not_found");
  std::string wrong = call("PUT", "/manage/v1/tenants", key, "{}");
  check_manage_error(wrong, 405, "method_not_allowed");
  BOOST_TEST(wrong.find("Allow: GET, POST\r\n") != std::string::npos);
  check_manage_error(call("POST", "/manage/v1/tenants", key, "{\"name\":"), 400, "invalid_request");
  check_manage_error(call("POST", "/manage/v1/tenants", key, "name=x", "text/plain"), 415, "unsupported_media_type");
  check_manage_error(call("POST", "/manage/v1/tenants", key, R"({"name":"demo"})"), 409, "conflict");
  std::string big(5000, ' ');
  check_manage_error(call("POST", "/manage/v1/tenants", key, big), 413, "payload_too_large");
}

BOOST_FIXTURE_TEST_CASE(the_openapi_description_needs_no_key, ManageFixture) {
  std::string served = call("GET", "/manage/v1/openapi.json", "");
  BOOST_TEST(has_status(served, 200), served);
  BOOST_TEST(std::string(*body_of(served).get("openapi").as_string()) == "3.1.0");
}

// issue12: running out of memory while building an answer (a list too large
// to hold) fails that request with a SCIM 500; the server serves the next.
BOOST_FIXTURE_TEST_CASE(issue12_out_of_memory_in_a_request_is_500_and_the_server_carries_on, Fixture) {
  http::Backend b = backend();
  b.tenant_service = [](const fastscim::auth::Principal&) -> fastscim::scim::Result<fastscim::scim::Service*> {
    throw std::bad_alloc();
  };
  http::Server failing(options(), b);
  std::map<std::string, std::string> params = {{"REQUEST_METHOD", "GET"},
                                               {"REQUEST_URI", "/scim/v2/Groups"},
                                               {"HTTPS", "on"},
                                               {"HTTP_HOST", "scim.example.com"},
                                               {"HTTP_AUTHORIZATION", "Bearer " + token}};
  FakeExchange first(params);
  failing.serve(first);
  check_scim_error(first.output, 500);
  params["REQUEST_URI"] = "/scim/v2/ServiceProviderConfig";
  FakeExchange second(params);
  failing.serve(second);
  BOOST_TEST(has_status(second.output, 200), second.output);
}

// issue12: a token store that fails with a bug is a 500, a lost database 503.
BOOST_FIXTURE_TEST_CASE(issue12_a_faulty_token_store_is_500_and_an_unreachable_one_503, Fixture) {
  store.set_faulty(true);
  check_scim_error(serve("GET", "/scim/v2/ServiceProviderConfig"), 500);
  store.set_faulty(false);
  store.set_unavailable(true);
  check_scim_error(serve("GET", "/scim/v2/ServiceProviderConfig"), 503);
}

// issue14: a request id the web server passes (nginx $request_id) comes
// back in X-Request-Id and in the SCIM error's detail.
BOOST_FIXTURE_TEST_CASE(issue14_the_web_servers_request_id_is_returned_and_quoted_in_errors, Fixture) {
  FakeExchange exchange({{"REQUEST_METHOD", "GET"},
                         {"REQUEST_URI", "/scim/v2/NoSuchThing"},
                         {"REQUEST_ID", "0123456789abcdef0123456789abcdef"},
                         {"HTTP_AUTHORIZATION", "Bearer " + token}});
  server.serve(exchange);
  check_scim_error(exchange.output, 404);
  BOOST_TEST(exchange.output.find("X-Request-Id: 0123456789abcdef0123456789abcdef\r\n") != std::string::npos);
  std::string detail(body_of(exchange.output).get("detail").as_string().value());
  BOOST_TEST(detail.find("(request id: 0123456789abcdef0123456789abcdef)") != std::string::npos, detail);
}

BOOST_FIXTURE_TEST_CASE(issue14_an_unusable_request_id_is_replaced_by_a_new_one, Fixture) {
  FakeExchange exchange({{"REQUEST_METHOD", "GET"},
                         {"REQUEST_URI", "/scim/v2/ServiceProviderConfig"},
                         {"REQUEST_ID", "bad id\nwith a newline"},
                         {"HTTP_AUTHORIZATION", "Bearer " + token}});
  server.serve(exchange);
  BOOST_TEST(has_status(exchange.output, 200), exchange.output);
  size_t at = exchange.output.find("X-Request-Id: ");
  BOOST_REQUIRE(at != std::string::npos);
  std::string id = exchange.output.substr(at + 14, exchange.output.find("\r\n", at) - at - 14);
  BOOST_TEST(id.size() == 32u);
  BOOST_TEST(http::valid_request_id(id));
}

BOOST_FIXTURE_TEST_CASE(issue14_metrics_answer_the_text_format_without_a_token, Fixture) {
  std::string out = serve("GET", "/metrics", false);
  BOOST_TEST(has_status(out, 200), out);
  BOOST_TEST(out.find("Content-Type: text/plain; version=0.0.4; charset=utf-8\r\n") != std::string::npos);
  BOOST_TEST(out.find("# TYPE fastscim_requests_total counter") != std::string::npos);
  out = serve("POST", "/metrics", false);
  check_scim_error(out, 405);
}

BOOST_AUTO_TEST_CASE(issue14_metrics_are_not_served_when_switched_off) {
  MemoryTokenStore store;
  fastscim::auth::Authenticator authenticator{store};
  http::ServerOptions options;
  options.metrics_path = "";
  http::Backend backend;
  backend.authenticator = &authenticator;
  http::Server server(options, backend);
  FakeExchange exchange(std::map<std::string, std::string>{{"REQUEST_METHOD", "GET"}, {"REQUEST_URI", "/metrics"}});
  server.serve(exchange);
  check_scim_error(exchange.output, 404);
}

BOOST_AUTO_TEST_SUITE_END()

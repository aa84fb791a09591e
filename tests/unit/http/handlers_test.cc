#include "http/handlers.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "http/server.h"
#include "json/io.h"
#include "support/fake_exchange.h"
#include "support/memory_repository.h"
#include "support/memory_token_store.h"

namespace http = fastscim::http;
namespace json = fastscim::json;
namespace scim = fastscim::scim;
using fastscim::testing::FakeExchange;
using fastscim::testing::MemoryRepository;
using fastscim::testing::MemoryTokenStore;

BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<bool>)
BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<long long>)

namespace {

constexpr const char* kUser =
    R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bjensen","title":"Buyer"})";

// What the server wrote, split into status, headers and body.
struct Reply {
  int status = 0;
  std::map<std::string, std::string> headers;
  std::string body;

  explicit Reply(const std::string& output) {
    size_t end = output.find("\r\n\r\n");
    BOOST_REQUIRE(end != std::string::npos);
    std::string head = output.substr(0, end);
    body = output.substr(end + 4);
    size_t pos = 0;
    while (pos < head.size()) {
      size_t eol = head.find("\r\n", pos);
      if (eol == std::string::npos) eol = head.size();
      std::string line = head.substr(pos, eol - pos);
      size_t colon = line.find(": ");
      if (colon != std::string::npos) headers[line.substr(0, colon)] = line.substr(colon + 2);
      pos = eol + 2;
    }
    status = std::stoi(headers["Status"].substr(0, 3));
  }
  json::Value json() const {
    auto parsed = json::parse(body);
    BOOST_REQUIRE_MESSAGE(parsed.has_value(), "not JSON: " << body);
    return parsed.value();
  }
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
  // Every error is a SCIM Error (ERR-01, ERR-02).
  void check_error(int expected, const std::string& scim_type = "") const {
    BOOST_TEST(status == expected, body);
    BOOST_TEST(header("Content-Type") == "application/scim+json");
    json::Value e = json();
    BOOST_TEST(std::string(e.get("schemas").at(0).as_string().value_or("")) ==
               "urn:ietf:params:scim:api:messages:2.0:Error");
    BOOST_TEST(std::string(e.get("status").as_string().value_or("")) == std::to_string(expected));
    if (!scim_type.empty()) BOOST_TEST(std::string(e.get("scimType").as_string().value_or("")) == scim_type);
  }
};

std::string str(const json::Value& v) { return std::string(v.as_string().value_or("")); }

struct Fixture {
  MemoryTokenStore tokens;
  fastscim::auth::Authenticator authenticator{tokens};
  scim::SchemaRegistry registry;
  MemoryRepository repository{&registry};
  scim::Service service{repository, registry, service_config()};
  std::string token = fastscim::auth::generate_token();
  std::string other_token = fastscim::auth::generate_token();
  http::Server server;

  Fixture() : server(http::ServerOptions{}, backend()) {
    tokens.add(token, 1, "acme");
    tokens.add(other_token, 2, "globex");
  }

  static scim::ServiceConfig service_config() {
    scim::ServiceConfig c;
    c.default_page_size = 20;
    c.max_page_size = 200;
    c.hash_password = [](std::string_view p) { return "hashed:" + std::string(p); };
    return c;
  }
  http::Backend backend() {
    http::Backend b;
    b.authenticator = &authenticator;
    b.database_ok = [] { return true; };
    b.service = &service;
    return b;
  }

  Reply serve(const std::string& method, const std::string& uri, const std::string& body = "",
              const std::map<std::string, std::string>& extra = {}) {
    std::map<std::string, std::string> params = {{"REQUEST_METHOD", method},
                                                 {"REQUEST_URI", uri},
                                                 {"HTTPS", "on"},
                                                 {"HTTP_HOST", "scim.example.com"},
                                                 {"HTTP_AUTHORIZATION", "Bearer " + token}};
    if (!body.empty()) params["CONTENT_TYPE"] = "application/scim+json; charset=utf-8";
    for (auto& [k, v] : extra) params[k] = v;
    FakeExchange exchange(params, body);
    server.serve(exchange);
    return Reply(exchange.output);
  }

  std::string create_user(const std::string& body = kUser) {
    Reply r = serve("POST", "/scim/v2/Users", body);
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    return str(r.json().get("id"));
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(handlers_test)

// CRT-01, CRT-02, RES-09, VER-02: 201 with Location = meta.location and ETag.
BOOST_FIXTURE_TEST_CASE(post_answers_201_with_location_and_etag, Fixture) {
  Reply r = serve("POST", "/scim/v2/Users", kUser);
  BOOST_TEST(r.status == 201);
  BOOST_TEST(r.header("Content-Type") == "application/scim+json");  // GEN-05
  json::Value user = r.json();
  std::string id = str(user.get("id"));
  BOOST_TEST(r.header("Location") == "https://scim.example.com/scim/v2/Users/" + id);
  BOOST_TEST(r.header("Location") == str(user.get("meta").get("location")));
  BOOST_TEST(r.header("ETag") == "W/\"1\"");
}

// GET-01, VER-02, VER-05.
BOOST_FIXTURE_TEST_CASE(get_answers_with_etag_and_304_for_a_matching_if_none_match, Fixture) {
  std::string id = create_user();
  Reply r = serve("GET", "/scim/v2/Users/" + id);
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.header("ETag") == "W/\"1\"");
  BOOST_TEST(str(r.json().get("userName")) == "bjensen");
  Reply not_modified = serve("GET", "/scim/v2/Users/" + id, "", {{"HTTP_IF_NONE_MATCH", "W/\"1\""}});
  BOOST_TEST(not_modified.status == 304);
  BOOST_TEST(not_modified.body.empty());
  BOOST_TEST(not_modified.header("ETag") == "W/\"1\"");
  BOOST_TEST(serve("HEAD", "/scim/v2/Users/" + id).body.empty());
}

// GET-01, SEC-14: another tenant's id is 404, exactly like a missing one.
BOOST_FIXTURE_TEST_CASE(tenants_see_only_their_own_resources, Fixture) {
  std::string id = create_user();
  Reply foreign = serve("GET", "/scim/v2/Users/" + id, "", {{"HTTP_AUTHORIZATION", "Bearer " + other_token}});
  foreign.check_error(404);
  serve("GET", "/scim/v2/Users/no-such-id").check_error(404);
  Reply list = serve("GET", "/scim/v2/Users", "", {{"HTTP_AUTHORIZATION", "Bearer " + other_token}});
  BOOST_TEST(list.json().get("totalResults").as_integer() == std::optional<long long>(0));
}

// PUT-09, VER-06: PUT answers 200 with the new ETag; a stale If-Match is 412.
BOOST_FIXTURE_TEST_CASE(put_answers_200_with_the_new_etag_and_412_on_a_stale_if_match, Fixture) {
  std::string id = create_user();
  std::string body = R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bjensen2"})";
  serve("PUT", "/scim/v2/Users/" + id, body, {{"HTTP_IF_MATCH", "W/\"3\""}}).check_error(412);
  Reply r = serve("PUT", "/scim/v2/Users/" + id, body, {{"HTTP_IF_MATCH", "W/\"1\""}});
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.header("ETag") == "W/\"2\"");
  BOOST_TEST(str(r.json().get("userName")) == "bjensen2");
  BOOST_TEST(!r.json().get("title"));
}

// PAT-11: 204 without body (and with ETag) unless attributes is asked for.
BOOST_FIXTURE_TEST_CASE(patch_answers_204_or_200_when_attributes_are_asked_for, Fixture) {
  std::string id = create_user();
  std::string body = R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                        "Operations":[{"op":"Replace","path":"active","value":"False"}]})";
  Reply r = serve("PATCH", "/scim/v2/Users/" + id, body);
  BOOST_TEST(r.status == 204);
  BOOST_TEST(r.body.empty());
  BOOST_TEST(r.header("ETag") == "W/\"2\"");
  BOOST_TEST(r.header("Content-Length").empty());
  Reply with = serve("PATCH", "/scim/v2/Users/" + id + "?attributes=active", body);
  BOOST_TEST(with.status == 200);
  BOOST_TEST(with.json().get("active").as_bool() == std::optional<bool>(false));
}

// DEL-01, DEL-02.
BOOST_FIXTURE_TEST_CASE(delete_answers_204_without_body_then_404, Fixture) {
  std::string id = create_user();
  Reply r = serve("DELETE", "/scim/v2/Users/" + id);
  BOOST_TEST(r.status == 204);
  BOOST_TEST(r.body.empty());
  serve("DELETE", "/scim/v2/Users/" + id).check_error(404);
}

// ERR-09, CRT-07: malformed JSON is 400 invalidSyntax naming where it broke.
BOOST_FIXTURE_TEST_CASE(malformed_json_is_400_invalid_syntax_with_line_and_column, Fixture) {
  Reply r = serve("POST", "/scim/v2/Users", "{\n  \"acve\": tre,\n}");
  r.check_error(400, "invalidSyntax");
  std::string detail = str(r.json().get("detail"));
  BOOST_TEST(detail.find("line 2") != std::string::npos, detail);
  BOOST_TEST(detail.find("column") != std::string::npos, detail);
  serve("POST", "/scim/v2/Users").check_error(400, "invalidSyntax");
  serve("PATCH", "/scim/v2/Users/x", "[1,").check_error(400, "invalidSyntax");
  BOOST_TEST(repository.size(1) == 0u);
}

// GEN-02, RFC 7644 §3.2: each endpoint's methods; others are 405 with Allow.
BOOST_FIXTURE_TEST_CASE(unsupported_methods_are_405_with_allow, Fixture) {
  Reply collection = serve("PUT", "/scim/v2/Users", kUser);
  collection.check_error(405);
  BOOST_TEST(collection.header("Allow") == "GET, POST");
  Reply item = serve("POST", "/scim/v2/Groups/some-id", kUser);
  item.check_error(405);
  BOOST_TEST(item.header("Allow") == "GET, PUT, PATCH, DELETE");
  Reply search = serve("GET", "/scim/v2/Users/.search");
  search.check_error(405);
  BOOST_TEST(search.header("Allow") == "POST");
}

BOOST_FIXTURE_TEST_CASE(unknown_resource_paths_are_404, Fixture) {
  serve("GET", "/scim/v2/Widgets").check_error(404);
  serve("GET", "/scim/v2/Users/a/b").check_error(404);
}

// GEN-09, GET-03: query values are decoded ('+' as space) and a ListResponse comes back.
BOOST_FIXTURE_TEST_CASE(list_decodes_the_filter_and_answers_a_list_response, Fixture) {
  std::string id = create_user();
  Reply r = serve("GET", "/scim/v2/Users/?filter=userName+eq+%22BJENSEN%22&startIndex=1&count=5");
  BOOST_TEST(r.status == 200, r.body);
  json::Value list = r.json();
  BOOST_TEST(str(list.get("schemas").at(0)) == "urn:ietf:params:scim:api:messages:2.0:ListResponse");
  BOOST_TEST(list.get("totalResults").as_integer() == std::optional<long long>(1));
  BOOST_TEST(str(list.get("Resources").at(0).get("id")) == id);
  BOOST_TEST(r.header("ETag").empty());
  serve("GET", "/scim/v2/Users?filter=userName+regex+%22x%22").check_error(400, "invalidFilter");
}

// SRCH-01, SRCH-04: POST /.search is a query.
BOOST_FIXTURE_TEST_CASE(search_endpoint_answers_a_list_response, Fixture) {
  create_user();
  Reply r = serve(
      "POST", "/scim/v2/Users/.search",
      R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"title eq \"Buyer\""})");
  BOOST_TEST(r.status == 200, r.body);
  BOOST_TEST(r.json().get("totalResults").as_integer() == std::optional<long long>(1));
  BOOST_TEST(repository.size(1) == 1u);
}

// Groups through the same routes; PRJ-08 on the wire.
BOOST_FIXTURE_TEST_CASE(groups_are_served_with_members_and_without_on_request, Fixture) {
  std::string id = create_user();
  Reply created = serve("POST", "/scim/v2/Groups",
                        R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Team",
                            "members":[{"value":")" +
                            id + "\"}]}");
  BOOST_TEST(created.status == 201, created.body);
  std::string group = str(created.json().get("id"));
  BOOST_TEST(created.header("Location") == "https://scim.example.com/scim/v2/Groups/" + group);
  Reply lookup = serve("GET", "/scim/v2/Groups?excludedAttributes=members&filter=displayName+eq+%22team%22");
  BOOST_TEST(lookup.json().get("totalResults").as_integer() == std::optional<long long>(1));
  BOOST_TEST(!lookup.json().get("Resources").at(0).get("members"));
  Reply full = serve("GET", "/scim/v2/Groups/" + group);
  BOOST_TEST(str(full.json().get("members").at(0).get("$ref")) == "https://scim.example.com/scim/v2/Users/" + id);
}

// DSC-06: with the service wired, the ServiceProviderConfig tells the truth.
BOOST_FIXTURE_TEST_CASE(service_provider_config_advertises_what_the_service_does, Fixture) {
  json::Value spc = serve("GET", "/scim/v2/ServiceProviderConfig").json();
  BOOST_TEST(spc.get("patch").get("supported").as_bool() == std::optional<bool>(true));
  BOOST_TEST(spc.get("filter").get("supported").as_bool() == std::optional<bool>(true));
  BOOST_TEST(spc.get("filter").get("maxResults").as_integer() == std::optional<long long>(200));
  BOOST_TEST(spc.get("sort").get("supported").as_bool() == std::optional<bool>(true));
  BOOST_TEST(spc.get("etag").get("supported").as_bool() == std::optional<bool>(true));
  BOOST_TEST(spc.get("bulk").get("supported").as_bool() == std::optional<bool>(true));  // BLK-01
  BOOST_TEST(spc.get("bulk").get("maxOperations").as_integer() == std::optional<long long>(1000));
  BOOST_TEST(spc.get("bulk").get("maxPayloadSize").as_integer() == std::optional<long long>(1 << 20));
  BOOST_TEST(spc.get("pagination").get("cursor").as_bool() == std::optional<bool>(true));
}

// Each outcome is one HTTP status.
BOOST_AUTO_TEST_CASE(every_outcome_has_its_http_status) {
  BOOST_TEST(http::http_status(scim::OutcomeKind::kOk) == 200);
  BOOST_TEST(http::http_status(scim::OutcomeKind::kCreated) == 201);
  BOOST_TEST(http::http_status(scim::OutcomeKind::kNoContent) == 204);
  BOOST_TEST(http::http_status(scim::OutcomeKind::kNotModified) == 304);
}

// to_response: a body gets Content-Type; 204 gets none and no Content-Length;
// the version becomes a weak ETag (RES-10).
BOOST_AUTO_TEST_CASE(outcomes_become_responses) {
  scim::Outcome created;
  created.kind = scim::OutcomeKind::kCreated;
  created.body = json::Value::object();
  created.version = 1;
  created.location = "https://h/scim/v2/Users/1";
  http::Response r = http::to_response(created);
  BOOST_TEST(r.status == 201);
  BOOST_TEST(r.body == "{}");
  std::string cgi = http::to_cgi(r);
  BOOST_TEST(cgi.find("ETag: W/\"1\"\r\n") != std::string::npos);
  BOOST_TEST(cgi.find("Location: https://h/scim/v2/Users/1\r\n") != std::string::npos);
  scim::Outcome none;
  none.kind = scim::OutcomeKind::kNoContent;
  std::string empty = http::to_cgi(http::to_response(none));
  BOOST_TEST(empty == "Status: 204 No Content\r\n\r\n");
  scim::Outcome patched;
  patched.kind = scim::OutcomeKind::kNoContent;
  patched.version = 7;
  BOOST_TEST(http::to_cgi(http::to_response(patched)) == "Status: 204 No Content\r\nETag: W/\"7\"\r\n\r\n");
  scim::Outcome not_modified;
  not_modified.kind = scim::OutcomeKind::kNotModified;
  not_modified.version = 3;
  BOOST_TEST(http::to_cgi(http::to_response(not_modified)) == "Status: 304 Not Modified\r\nETag: W/\"3\"\r\n\r\n");
}

// GET-08: a list or search is charged one request per 100 resources it
// returns beyond the first 100; a write or a read of one resource never.
BOOST_FIXTURE_TEST_CASE(lists_are_charged_per_hundred_resources_returned, Fixture) {
  for (int i = 0; i < 150; ++i) {
    create_user(R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"u)" + std::to_string(i) +
                R"("})");
  }
  std::vector<long long> charged;
  http::ChargeFn charge = [&charged](long long further) { charged.push_back(further); };
  scim::Context context{1, "https://scim.example.com/scim/v2"};
  auto list = [&](const std::string& count) {
    http::Request request;
    request.method = "GET";
    request.params = {{"count", count}};
    auto response = http::handle_resource_request(service, context, request, "/Users", nullptr, charge);
    BOOST_REQUIRE(response.has_value());
    BOOST_TEST(response->status == 200);
  };
  list("100");
  BOOST_TEST(charged.empty());
  list("101");
  list("150");
  BOOST_TEST(charged == (std::vector<long long>{1, 1}));

  charged.clear();
  http::Request search;
  search.method = "POST";
  search.body = R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"count":200})";
  auto searched = http::handle_resource_request(service, context, search, "/Users/.search", nullptr, charge);
  BOOST_REQUIRE(searched.has_value());
  BOOST_TEST(searched->status == 200);
  BOOST_TEST(charged == (std::vector<long long>{1}));  // 150 returned

  charged.clear();
  http::Request create;
  create.method = "POST";
  create.body = R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"one.more"})";
  auto created = http::handle_resource_request(service, context, create, "/Users", nullptr, charge);
  BOOST_REQUIRE(created.has_value());
  BOOST_TEST(created->status == 201);
  BOOST_TEST(charged.empty());
}

BOOST_AUTO_TEST_SUITE_END()

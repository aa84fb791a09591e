// Test-only: what the scim::Service tests (service_*_test.cc) share.  The
// Fixture is a Service over a MemoryRepository wrapped in a FaultyRepository
// (tenant 1, with tenant 2 as the stranger), plus helpers that build request
// bodies and preconditions and unwrap a Result, failing the test when it is
// not what the test expects.
#ifndef FASTSCIM_TESTS_UNIT_SCIM_SERVICE_FIXTURE_H_
#define FASTSCIM_TESTS_UNIT_SCIM_SERVICE_FIXTURE_H_

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include <boost/test/unit_test.hpp>

#include "json/io.h"
#include "scim/service.h"
#include "support/error_print.h"
#include "support/faulty_repository.h"
#include "support/memory_repository.h"

namespace fastscim::scim {
inline std::ostream& operator<<(std::ostream& os, ScimType t) { return os << '"' << scim_type_keyword(t) << '"'; }
inline std::ostream& operator<<(std::ostream& os, ChangeKind k) { return os << static_cast<int>(k); }
inline std::ostream& operator<<(std::ostream& os, OutcomeKind k) { return os << static_cast<int>(k); }
}  // namespace fastscim::scim

BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<bool>)
BOOST_TEST_DONT_PRINT_LOG_VALUE(std::optional<long long>)

namespace fastscim::testing::service_fixture {

using scim::Error;
using scim::Outcome;
using scim::OutcomeKind;
using scim::Preconditions;
using scim::QueryParams;
using scim::ScimType;
using Op = FaultyRepository::Operation;

inline constexpr const char* kBase = "https://scim.example.com/scim/v2";
inline constexpr const char* kUserUrn = "urn:ietf:params:scim:schemas:core:2.0:User";

inline json::Value parse(std::string_view text) {
  auto v = json::parse(text);
  BOOST_REQUIRE_MESSAGE(v.has_value(), "test JSON does not parse: " << text);
  return v.value();
}

inline std::string user_json(const std::string& user_name, const std::string& extra = "") {
  return R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":")" + user_name + "\"" +
         (extra.empty() ? "" : "," + extra) + "}";
}

inline std::string group_json(const std::string& display_name, const std::string& extra = "") {
  return R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":")" + display_name + "\"" +
         (extra.empty() ? "" : "," + extra) + "}";
}

inline json::Value patch_body(const std::string& operations) {
  return parse(R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[)" + operations + "]}");
}

inline std::string str(const json::Value& v) { return std::string(v.as_string().value_or("<not a string>")); }

// The Outcome, failing the test with the error's detail otherwise.
inline Outcome ok(const scim::Result<Outcome>& result) {
  BOOST_REQUIRE_MESSAGE(result.has_value(), "expected success, got "
                                                << (result ? scim::ErrorKind::kInternal : result.error().kind()) << " "
                                                << (result ? "" : result.error().detail()));
  return result.value();
}

// The Error, failing the test if the call succeeded.
inline Error err(const scim::Result<Outcome>& result) {
  BOOST_REQUIRE_MESSAGE(!result.has_value(),
                        "expected an error, got outcome " << (result ? static_cast<int>(result->kind) : -1));
  return result.error();
}

struct Fixture {
  scim::SchemaRegistry registry;
  MemoryRepository memory{&registry};
  FaultyRepository repository{memory};
  scim::Service service{repository, registry, config()};
  scim::Context context{1, kBase};
  scim::Context other_tenant{2, kBase};
  const scim::ResourceType& users = *service.find_resource_type("Users");
  const scim::ResourceType& groups = *service.find_resource_type("/Groups");

  static scim::ServiceConfig config() {
    scim::ServiceConfig c;
    c.base_url = "https://unused.example.com/scim/v2";
    c.default_page_size = 10;
    c.max_page_size = 50;
    c.hash_password = [](std::string_view password) { return "hashed:" + std::string(password); };
    return c;
  }

  Outcome create_user(const std::string& user_name, const std::string& extra = "") {
    return ok(service.create(context, users, parse(user_json(user_name, extra)), {}));
  }
  std::string user_id(const std::string& user_name, const std::string& extra = "") {
    return str(create_user(user_name, extra).body.get("id"));
  }
  std::string group_id(const std::string& display_name, const std::string& extra = "") {
    return str(ok(service.create(context, groups, parse(group_json(display_name, extra)), {})).body.get("id"));
  }
  json::Value get_user(const std::string& id, const QueryParams& params = {}) {
    return ok(service.get(context, users, id, params, {})).body;
  }
  json::Value get_group(const std::string& id, const QueryParams& params = {}) {
    return ok(service.get(context, groups, id, params, {})).body;
  }
  json::Value list_users(const QueryParams& params) { return ok(service.list(context, users, params)).body; }
  long long stored_version(const std::string& type, const std::string& id) {
    auto stored = memory.get(1, type, id, false);
    BOOST_REQUIRE(stored.has_value());
    return stored->version;
  }
  // A write by "someone else", straight to the memory store.
  void concurrent_set(const std::string& type, const std::string& id, const char* key, const char* value) {
    auto stored = memory.get(1, type, id, false);
    BOOST_REQUIRE(stored.has_value());
    json::Value doc = stored->document.deep_copy();
    doc.set(key, json::Value::string(value));
    auto written = memory.replace(1, *stored, doc, std::nullopt, scim::ChangeKind::kUpdated, {});
    BOOST_REQUIRE(written.has_value());
  }
};

// The preconditions http/ parses from If-Match and If-None-Match
// (http/preconditions.h owns the header syntax and its weak comparison).
inline scim::VersionSet versions(long long version) {
  return scim::VersionSet{false, {version}, scim::etag_for_version(version)};
}
inline scim::VersionSet any_version() { return scim::VersionSet{true, {}, "*"}; }
inline Preconditions if_match(long long version) { return Preconditions{versions(version), std::nullopt}; }
inline Preconditions if_match_any() { return Preconditions{any_version(), std::nullopt}; }
inline Preconditions if_none_match(long long version) { return Preconditions{std::nullopt, versions(version)}; }
inline Preconditions if_none_match_any() { return Preconditions{std::nullopt, any_version()}; }

inline bool has_member(const json::Value& group, const std::string& id) {
  json::Value members = group.get("members");
  for (size_t i = 0; i < members.size(); ++i) {
    if (str(members.at(i).get("value")) == id) return true;
  }
  return false;
}

}  // namespace fastscim::testing::service_fixture

#endif  // FASTSCIM_TESTS_UNIT_SCIM_SERVICE_FIXTURE_H_

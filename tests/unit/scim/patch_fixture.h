// Test-only: what the PATCH engine tests (patch_*_test.cc) share: a stored
// user and group as the Validator leaves them, PatchOp bodies built from the
// operations alone, and helpers that apply a PATCH and unwrap its Result,
// failing the test when it is not what the test expects.
#ifndef FASTSCIM_TESTS_UNIT_SCIM_PATCH_FIXTURE_H_
#define FASTSCIM_TESTS_UNIT_SCIM_PATCH_FIXTURE_H_

#include <string>
#include <string_view>
#include <utility>

#include <boost/test/unit_test.hpp>

#include "json/io.h"
#include "scim/patch.h"
#include "scim/schema_registry.h"
#include "support/error_print.h"

namespace fastscim::testing::patch_fixture {

using scim::ActiveChange;
using scim::Error;
using scim::MemberChanges;
using scim::PatchOptions;
using scim::PatchResult;
using scim::ScimType;
using scim::SchemaRegistry;

inline json::Value parse(std::string_view text) {
  auto v = json::parse(text);
  BOOST_REQUIRE_MESSAGE(v.has_value(), "test JSON does not parse: " << text);
  return v.value();
}

inline std::string text_of(const json::Value& v) { return json::dump(v, json::Style::kCompact); }

inline std::string keyword_of(const Error& e) { return std::string(scim::scim_type_keyword(e.scim_type())); }

inline const SchemaRegistry& registry() {
  static const SchemaRegistry kRegistry;
  return kRegistry;
}

inline const scim::ResourceType& user_type() { return *registry().find_resource_type("User"); }
inline const scim::ResourceType& group_type() { return *registry().find_resource_type("Group"); }

// A stored user as the Validator leaves it.
inline constexpr std::string_view kMira = R"({
  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
  "externalId": "mira",
  "userName": "mira.okafor@acme.example",
  "active": true,
  "displayName": "Mira Okafor",
  "name": {"givenName": "Mira", "familyName": "Okafor"},
  "emails": [{"value": "mira.okafor@acme.example", "type": "work", "primary": true}]
})";

inline constexpr std::string_view kGroup = R"({
  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
  "displayName": "Procurement Team"
})";

// A PatchOp body holding the operations given as JSON text.
inline json::Value body(std::string_view operations) {
  return parse(R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": )" +
               std::string(operations) + "}");
}

inline scim::Result<PatchResult> patch_user(std::string_view operations, std::string_view document = kMira,
                                            const PatchOptions& options = {}) {
  return scim::apply_patch(parse(document), body(operations), user_type(), registry(), options);
}

inline scim::Result<PatchResult> patch_group(std::string_view operations, const PatchOptions& options = {}) {
  return scim::apply_patch(parse(kGroup), body(operations), group_type(), registry(), options);
}

inline PatchResult require_ok(scim::Result<PatchResult> result) {
  BOOST_REQUIRE_MESSAGE(result.has_value(), (result ? "" : result.error().detail()));
  return std::move(result).value();
}

inline Error require_error(const scim::Result<PatchResult>& result) {
  BOOST_REQUIRE_MESSAGE(!result.has_value(), "expected an error, got " << (result ? text_of(result->document) : ""));
  return result.error();
}

}  // namespace fastscim::testing::patch_fixture

#endif  // FASTSCIM_TESTS_UNIT_SCIM_PATCH_FIXTURE_H_

// Test-only: what the scim::Validator tests (validator_*_test.cc) share.  The
// Fixture is the built-in SchemaRegistry plus a tenant extension with one
// attribute of every type (kAcmeSchema), and validates create and replace
// bodies against its User type; helpers build bodies and read results.
#ifndef FASTSCIM_TESTS_UNIT_SCIM_VALIDATOR_FIXTURE_H_
#define FASTSCIM_TESTS_UNIT_SCIM_VALIDATOR_FIXTURE_H_

#include <string>
#include <string_view>

#include <boost/test/unit_test.hpp>

#include "json/io.h"
#include "scim/schema.h"
#include "scim/schema_registry.h"
#include "scim/validator.h"
#include "support/error_print.h"

namespace fastscim::testing::validator_fixture {

using scim::Error;
using scim::ScimType;
using scim::SchemaRegistry;
using scim::UnknownAttributePolicy;
using scim::Validator;
using scim::ValidatorOptions;

inline constexpr const char* kAcme = "urn:ietf:params:scim:schemas:extension:acme:2.0:User";
inline constexpr const char* kBlink = "urn:ietf:params:scim:schemas:extension:blink:2.0:User";
inline constexpr const char* kEnterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

inline json::Value parse(std::string_view text) {
  auto v = json::parse(text);
  BOOST_REQUIRE_MESSAGE(v.has_value(), "test JSON does not parse: " << text);
  return v.value();
}

inline scim::Schema schema_from(std::string_view text) {
  auto schema = scim::Schema::from_json(parse(text));
  BOOST_REQUIRE_MESSAGE(schema.has_value(), (schema ? "" : schema.error().detail()));
  return schema.value();
}

// One attribute of every type plus immutable ones, as a tenant might load.
inline constexpr std::string_view kAcmeSchema = R"({
  "id": "urn:ietf:params:scim:schemas:extension:acme:2.0:User", "name": "AcmeUser",
  "attributes": [
    {"name": "location"},
    {"name": "badge", "type": "integer"},
    {"name": "score", "type": "decimal"},
    {"name": "hired", "type": "dateTime"},
    {"name": "avatar", "type": "binary"},
    {"name": "homepage", "type": "reference", "referenceTypes": ["external"]},
    {"name": "employeeId", "mutability": "immutable", "caseExact": true},
    {"name": "costCode", "mutability": "immutable"},
    {"name": "tags", "multiValued": true},
    {"name": "sponsor", "type": "complex", "subAttributes": [
      {"name": "value", "required": true},
      {"name": "since", "type": "dateTime", "mutability": "immutable"}]}]})";

inline constexpr std::string_view kBlinkSchema = R"({
  "id": "urn:ietf:params:scim:schemas:extension:blink:2.0:User", "name": "BlinkUser",
  "attributes": [{"name": "location"}]})";

// What Entra sends for a new user (entra-provisioning.md §4.1).
inline constexpr std::string_view kEntraUser = R"({
  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
  "externalId": "mira.okafor",
  "userName": "mira.okafor@acme.example",
  "active": true,
  "displayName": "Mira Okafor",
  "title": "Buyer",
  "preferredLanguage": "en-US",
  "emails": [{"primary": true, "type": "work", "value": "mira.okafor@acme.example"}],
  "phoneNumbers": [{"type": "work", "value": "+1 206 555 0142"},
                   {"type": "mobile", "value": "206-555-0199"}],
  "addresses": [{"type": "work", "streetAddress": "1 Harbor Way", "locality": "Seattle",
                 "region": "WA", "postalCode": "98101", "country": "US"}],
  "name": {"formatted": "Mira Okafor", "familyName": "Okafor", "givenName": "Mira"},
  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
      "employeeNumber": "40117", "department": "Procurement"},
  "urn:ietf:params:scim:schemas:extension:blink:2.0:User": {"location": "Seattle HQ"},
  "meta": {"resourceType": "User"},
  "roles": []
})";

struct Fixture {
  Fixture() { BOOST_REQUIRE(registry.add_extension("User", schema_from(kAcmeSchema), false).has_value()); }
  const scim::ResourceType& user() const { return *registry.find_resource_type("User"); }
  const scim::ResourceType& group() const { return *registry.find_resource_type("Group"); }

  scim::Result<json::Value> create(std::string_view body, ValidatorOptions options = {}) const {
    return Validator(registry, user(), options).validate_create(parse(body));
  }
  scim::Result<json::Value> replace(std::string_view body, std::string_view existing) const {
    return Validator(registry, user(), {}).validate_replace(parse(body), parse(existing));
  }
  json::Value create_ok(std::string_view body, ValidatorOptions options = {}) const {
    auto out = create(body, options);
    BOOST_REQUIRE_MESSAGE(out.has_value(), "unexpected error: " << (out ? "" : out.error().detail()));
    return out.value();
  }
  Error create_error(std::string_view body, ValidatorOptions options = {}) const {
    auto out = create(body, options);
    BOOST_REQUIRE_MESSAGE(!out.has_value(), "expected an error, got " << (out ? json::dump(out.value()) : ""));
    return out.error();
  }

  SchemaRegistry registry;
};

// A minimal user body with `extra` spliced in ("" for none).
inline std::string user_with(std::string_view extra) {
  std::string body = R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "bjensen")";
  if (!extra.empty()) body += ", " + std::string(extra);
  return body + "}";
}

inline std::string acme_with(std::string_view members) {
  return user_with(R"("urn:ietf:params:scim:schemas:extension:acme:2.0:User": {)" + std::string(members) + "}");
}

inline bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

inline std::string str(const json::Value& v) { return std::string(v.as_string().value_or("<not a string>")); }

}  // namespace fastscim::testing::validator_fixture

#endif  // FASTSCIM_TESTS_UNIT_SCIM_VALIDATOR_FIXTURE_H_

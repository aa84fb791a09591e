#include "scim/validator.h"

#include <ostream>
#include <string>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "json/io.h"
#include "scim/core_schemas.h"
#include "support/error_print.h"

namespace json = fastscim::json;
namespace scim = fastscim::scim;
using scim::Error;
using scim::ScimType;
using scim::SchemaRegistry;
using scim::UnknownAttributePolicy;
using scim::Validator;
using scim::ValidatorOptions;

namespace {

constexpr const char* kAcme = "urn:ietf:params:scim:schemas:extension:acme:2.0:User";
constexpr const char* kBlink = "urn:ietf:params:scim:schemas:extension:blink:2.0:User";
constexpr const char* kEnterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

json::Value parse(std::string_view text) {
  auto v = json::parse(text);
  BOOST_REQUIRE_MESSAGE(v.has_value(), "test JSON does not parse: " << text);
  return v.value();
}

scim::Schema schema_from(std::string_view text) {
  auto schema = scim::Schema::from_json(parse(text));
  BOOST_REQUIRE_MESSAGE(schema.has_value(), (schema ? "" : schema.error().detail()));
  return schema.value();
}

// One attribute of every type plus immutable ones, as a tenant might load.
constexpr std::string_view kAcmeSchema = R"({
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

constexpr std::string_view kBlinkSchema = R"({
  "id": "urn:ietf:params:scim:schemas:extension:blink:2.0:User", "name": "BlinkUser",
  "attributes": [{"name": "location"}]})";

// What Entra sends for a new user (entra-provisioning.md §4.1).
constexpr std::string_view kEntraUser = R"({
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
std::string user_with(std::string_view extra) {
  std::string body = R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "bjensen")";
  if (!extra.empty()) body += ", " + std::string(extra);
  return body + "}";
}

std::string acme_with(std::string_view members) {
  return user_with(R"("urn:ietf:params:scim:schemas:extension:acme:2.0:User": {)" + std::string(members) + "}");
}

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

std::string str(const json::Value& v) { return std::string(v.as_string().value_or("<not a string>")); }

struct CoercionCase {
  const char* what;
  const char* member;  // "name": value, inside the acme extension or at the top level
  bool in_acme;
  const char* expected;  // the normalised value as compact JSON, or "" for an error
};

std::ostream& operator<<(std::ostream& os, const CoercionCase& c) { return os << c.what; }

const CoercionCase kCoercionCases[] = {
    // PAT-26 / Microsoft's "active": "True" test.
    {"boolean_true_string", R"("active": "True")", false, "true"},
    {"boolean_false_string", R"("active": "False")", false, "false"},
    {"boolean_lower_case", R"("active": "false")", false, "false"},
    {"boolean_upper_case", R"("active": "TRUE")", false, "true"},
    {"boolean_json", R"("active": true)", false, "true"},
    {"boolean_rejects_yes", R"("active": "yes")", false, ""},
    {"boolean_rejects_number", R"("active": 1)", false, ""},
    // ATT-04: strings are JSON strings.
    {"string_rejects_number", R"("displayName": 42)", false, ""},
    {"string_rejects_object", R"("displayName": {"value": "x"})", false, ""},
    {"string_keeps_value_verbatim", R"("displayName": "  Mira  ")", false, "\"  Mira  \""},
    // ATT-05
    {"integer_json", R"("badge": 7)", true, "7"},
    {"integer_string", R"("badge": "40117")", true, "40117"},
    {"integer_rejects_fraction", R"("badge": 7.5)", true, ""},
    {"integer_rejects_fraction_string", R"("badge": "7.0")", true, ""},
    {"integer_rejects_text", R"("badge": "seven")", true, ""},
    {"integer_rejects_boolean", R"("badge": true)", true, ""},
    {"decimal_json_real", R"("score": 2.5)", true, "2.5"},
    {"decimal_json_integer", R"("score": 3)", true, "3"},
    {"decimal_string", R"("score": "2.5")", true, "2.5"},
    {"decimal_rejects_bare_point", R"("score": "2.")", true, ""},
    {"decimal_rejects_text", R"("score": "high")", true, ""},
    // ATT-06
    {"datetime_utc", R"("hired": "2008-01-23T04:56:22Z")", true, "\"2008-01-23T04:56:22Z\""},
    {"datetime_offset_fraction", R"("hired": "2019-09-18T18:15:26.5788954+00:00")", true,
     "\"2019-09-18T18:15:26.5788954+00:00\""},
    {"datetime_rejects_date_only", R"("hired": "2008-01-23")", true, ""},
    {"datetime_rejects_bad_day", R"("hired": "2023-02-29T00:00:00Z")", true, ""},
    {"datetime_rejects_number", R"("hired": 20080123)", true, ""},
    // ATT-07
    {"binary_base64", R"("avatar": "TWFu")", true, "\"TWFu\""},
    {"binary_without_padding", R"("avatar": "TWE")", true, "\"TWE\""},
    {"binary_rejects_non_base64", R"("avatar": "not base64!")", true, ""},
    // ATT-08
    {"reference_string", R"("homepage": "https://acme.example/~mira")", true, "\"https://acme.example/~mira\""},
    {"reference_rejects_number", R"("homepage": 5)", true, ""},
    // ATT-11: a single value for a multi-valued attribute is wrapped.
    {"multi_valued_primitive_wrapped", R"("tags": "a")", true, "[\"a\"]"},
    {"multi_valued_array_kept", R"("tags": ["a", "b"])", true, "[\"a\",\"b\"]"},
    {"multi_valued_nulls_dropped", R"("tags": ["a", null])", true, "[\"a\"]"},
    {"single_valued_rejects_array", R"("location": ["a", "b"])", true, ""},
    {"single_valued_unwraps_one_element_array", R"("location": ["a"])", true, "\"a\""},
};

struct SchemasCase {
  const char* what;
  const char* schemas;  // the "schemas" member, or "" to leave it out
  const char* detail;
};

std::ostream& operator<<(std::ostream& os, const SchemasCase& c) { return os << c.what; }

const SchemasCase kBadSchemas[] = {
    {"missing", "", "schemas: missing"},
    {"null", R"("schemas": null)", "schemas: missing"},
    {"not_an_array", R"("schemas": "urn:ietf:params:scim:schemas:core:2.0:User")", "expected an array"},
    {"not_strings", R"("schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", 3])", "schemas[1]: expected a string"},
    {"without_base", R"("schemas": ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"])",
     "schemas: must contain \"urn:ietf:params:scim:schemas:core:2.0:User\""},
    // CRT-08: a known schema that is not part of the resource type.
    {"foreign_known_schema",
     R"("schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:core:2.0:Group"])",
     "\"urn:ietf:params:scim:schemas:core:2.0:Group\" is not a schema of resource type \"User\""},
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(validator_test, Fixture)

// entra-provisioning.md §4.1: meta and "roles": [] arrive and are tolerated;
// the custom extension's URN is not in "schemas".
BOOST_AUTO_TEST_CASE(entra_create_body_is_normalised) {
  BOOST_REQUIRE(registry.add_extension("User", schema_from(kBlinkSchema), false).has_value());
  json::Value out = create_ok(kEntraUser);
  json::Value schemas = out.get("schemas");
  BOOST_REQUIRE(schemas.size() == 3u);
  BOOST_TEST(str(schemas.at(0)) == scim::kUserSchemaUrn);
  BOOST_TEST(str(schemas.at(1)) == kEnterprise);
  BOOST_TEST(str(schemas.at(2)) == kBlink);  // EXT-03: added although not listed
  BOOST_TEST(str(out.get(kBlink).get("location")) == "Seattle HQ");
  BOOST_TEST(str(out.get(kEnterprise).get("employeeNumber")) == "40117");
  BOOST_TEST(!out.get("meta"));   // CRT-03
  BOOST_TEST(!out.get("roles"));  // RES-11
  BOOST_TEST(!out.get("id"));
  BOOST_TEST(str(out.get("externalId")) == "mira.okafor");
  BOOST_TEST(str(out.get("phoneNumbers").at(1).get("value")) == "206-555-0199");  // stored as sent
  BOOST_TEST(out.get("emails").at(0).get("primary").as_bool().value_or(false));
  BOOST_TEST(str(out.get("name").get("givenName")) == "Mira");
}

// entra-provisioning.md §4.1: data of an extension this tenant has not
// declared is rejected by default, naming the URN, and dropped when the
// tenant's unknown-extensions policy is ignore.
BOOST_AUTO_TEST_CASE(undeclared_extension_follows_the_unknown_extensions_policy) {
  Error e = create_error(kEntraUser);
  BOOST_TEST((e.scim_type() == ScimType::kInvalidValue));
  BOOST_TEST(contains(e.detail(), std::string(kBlink) + ": not a schema extension of resource type \"User\""));
  json::Value out = create_ok(kEntraUser,
                              ValidatorOptions{UnknownAttributePolicy::kIgnore, UnknownAttributePolicy::kIgnore});
  BOOST_TEST(!out.get(kBlink));
  BOOST_TEST(out.get("schemas").size() == 2u);
}

// The two policies are independent: misspelt core attributes are ignored
// while an undeclared URN-qualified attribute is still rejected.
BOOST_AUTO_TEST_CASE(undeclared_extension_attribute_is_rejected_while_unknown_attributes_are_ignored) {
  Error e = create_error(
      user_with(R"("nickNme": "Babs", "urn:ietf:params:scim:schemas:extension:teamapp:2.0:User:location": "Leeds")"));
  BOOST_TEST(contains(e.detail(),
                      "urn:ietf:params:scim:schemas:extension:teamapp:2.0:User:location: not a schema "
                      "extension"));
  BOOST_TEST(!contains(e.detail(), "nickNme"));
}

// An unknown attribute inside a declared extension is an unknown attribute,
// not an undeclared extension.
BOOST_AUTO_TEST_CASE(unknown_attribute_of_a_declared_extension_follows_the_unknown_attributes_policy) {
  BOOST_REQUIRE(registry.add_extension("User", schema_from(kBlinkSchema), false).has_value());
  json::Value out = create_ok(
      user_with(R"("urn:ietf:params:scim:schemas:extension:blink:2.0:User": {"location": "Leeds", "floor": "3"})"));
  BOOST_TEST(str(out.get(kBlink).get("location")) == "Leeds");
  BOOST_TEST(!out.get(kBlink).get("floor"));
  Error e = create_error(user_with(R"("urn:ietf:params:scim:schemas:extension:blink:2.0:User": {"floor": "3"})"),
                         ValidatorOptions{UnknownAttributePolicy::kReject, UnknownAttributePolicy::kReject});
  BOOST_TEST(contains(e.detail(), std::string(kBlink) + ":floor: unknown attribute"));
}

BOOST_AUTO_TEST_CASE(undeclared_extension_keys_are_told_apart_from_unknown_attributes) {
  const scim::ResourceType& user = *registry.find_resource_type("User");
  BOOST_TEST(scim::is_undeclared_extension_key(user, kBlink));
  BOOST_TEST(scim::is_undeclared_extension_key(user, std::string(kBlink) + ":location"));
  BOOST_TEST(scim::is_undeclared_extension_key(user, "urn:ietf:params:scim:schemas:core:2.0:Group:displayName"));
  BOOST_TEST(!scim::is_undeclared_extension_key(user, "urn:ietf:params:scim:schemas:core:2.0:User:nickNme"));
  BOOST_TEST(!scim::is_undeclared_extension_key(user, std::string(kEnterprise) + ":badge"));
  BOOST_TEST(!scim::is_undeclared_extension_key(user, "URN:IETF:params:scim:schemas:extension:enterprise:2.0:User"));
  BOOST_TEST(!scim::is_undeclared_extension_key(user, "nickNme"));
}

// Microsoft's "PUT with a misspelled attribute" expects 200.
BOOST_AUTO_TEST_CASE(unknown_attributes_are_ignored_by_default) {
  json::Value out = create_ok(user_with(R"("adreses": [{"country": "Germany"}], "nickName": "Babs")"));
  BOOST_TEST(!out.get("adreses"));
  BOOST_TEST(str(out.get("nickName")) == "Babs");
}

BOOST_AUTO_TEST_CASE(unknown_attributes_are_all_named_under_reject) {
  Error e = create_error(user_with(R"("adreses": [], "nickname": "Babs", "titel": "x",
                                      "name": {"givenName": "B", "middle": "J"})"),
                         ValidatorOptions{UnknownAttributePolicy::kReject});
  BOOST_TEST(e.kind() == scim::ErrorKind::kInvalid);
  BOOST_TEST((e.scim_type() == ScimType::kInvalidValue));
  BOOST_TEST(contains(e.detail(), "adreses: unknown attribute"));
  BOOST_TEST(contains(e.detail(), "titel: unknown attribute"));
  BOOST_TEST(contains(e.detail(), "name.middle: unknown sub-attribute"));
  BOOST_TEST(!contains(e.detail(), "nickname"));  // known, just spelt differently
}

// ATT-01: names are case-insensitive; output uses the schema's spelling.
BOOST_AUTO_TEST_CASE(keys_match_ignoring_case_and_come_out_in_schema_spelling) {
  json::Value out = create_ok(R"({"SCHEMAS": ["URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER"], "USERNAME": "bjensen",
      "Emails": [{"Primary": true, "Type": "work", "VALUE": "b@example.com"}],
      "urn:ietf:params:scim:schemas:extension:ENTERPRISE:2.0:User": {"Department": "Tour",
          "Manager": {"Value": "SuzzyQ"}}})");
  BOOST_TEST(str(out.get("userName")) == "bjensen");
  BOOST_TEST(str(out.get("emails").at(0).get("value")) == "b@example.com");
  BOOST_TEST(out.get("emails").at(0).get("primary").as_bool().value_or(false));
  BOOST_TEST(str(out.get("schemas").at(0)) == scim::kUserSchemaUrn);
  BOOST_TEST(str(out.get(kEnterprise).get("department")) == "Tour");
  BOOST_TEST(str(out.get(kEnterprise).get("manager").get("value")) == "SuzzyQ");
}

BOOST_AUTO_TEST_CASE(attribute_given_twice_in_different_case_is_rejected) {
  Error e = create_error(user_with(R"("USERNAME": "other")"));
  BOOST_TEST((e.scim_type() == ScimType::kInvalidValue));
  BOOST_TEST(contains(e.detail(), "userName: given more than once"));
  Error sub = create_error(user_with(R"("emails": [{"primary": true, "Primary": false, "value": "a"}])"));
  BOOST_TEST(contains(sub.detail(), "emails[0].primary: given more than once"));
}

// CRT-03, PUT-07, SCH-05, SCH-08: readOnly values are ignored, not refused.
BOOST_AUTO_TEST_CASE(read_only_attributes_are_dropped_silently) {
  json::Value out = create_ok(user_with(R"("id": "client-chosen", "meta": {"created": "2019-09-18T18:15:26Z"},
      "groups": [{"value": "g1"}],
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
          "manager": {"value": "m1", "displayName": "Boss"}})"));
  BOOST_TEST(!out.get("id"));
  BOOST_TEST(!out.get("meta"));
  BOOST_TEST(!out.get("groups"));
  BOOST_TEST(str(out.get(kEnterprise).get("manager").get("value")) == "m1");
  BOOST_TEST(!out.get(kEnterprise).get("manager").get("displayName"));
}

BOOST_DATA_TEST_CASE(schemas_without_the_base_urn_are_rejected, boost::unit_test::data::make(kBadSchemas), c) {
  std::string body = "{";
  if (std::string(c.schemas).size() > 0) body += std::string(c.schemas) + ", ";
  body += R"("userName": "bjensen"})";
  Error e = create_error(body);
  BOOST_TEST(e.kind() == scim::ErrorKind::kInvalid);
  BOOST_TEST((e.scim_type() == ScimType::kInvalidValue));
  BOOST_TEST(contains(e.detail(), c.detail), e.detail());
}

// entra-provisioning.md §4.2: Entra adds a Microsoft schema URI to groups.
BOOST_AUTO_TEST_CASE(entra_group_with_unknown_schema_uri_is_accepted) {
  Validator validator(registry, group());
  auto out = validator.validate_create(parse(R"({
      "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group",
                  "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
      "externalId": "5f0e3a52-77c4-4f0d-8f39-1c2b0a4d9e61",
      "displayName": "Procurement Team",
      "meta": {"resourceType": "Group"}})"));
  BOOST_REQUIRE(out.has_value());
  BOOST_TEST(out->get("schemas").size() == 1u);  // Microsoft's test checks exactly one
  BOOST_TEST(str(out->get("displayName")) == "Procurement Team");
  BOOST_TEST(!out->get("members"));
}

// EXT-03: "schemas" lists exactly the extensions holding data.
BOOST_AUTO_TEST_CASE(listed_extension_without_data_is_left_out_of_schemas) {
  json::Value out = create_ok(R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"], "userName": "bjensen",
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": null}})");
  BOOST_TEST(out.get("schemas").size() == 1u);
  BOOST_TEST(!out.get(kEnterprise));
}

// EXT-02: extension attributes live under the URN; a URN-qualified key is
// moved there, and a core attribute may carry its URN.
BOOST_AUTO_TEST_CASE(urn_qualified_keys_are_placed_in_their_schema) {
  json::Value out = create_ok(R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
      "urn:ietf:params:scim:schemas:core:2.0:User:userName": "bjensen",
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber": "701984"})");
  BOOST_TEST(str(out.get("userName")) == "bjensen");
  BOOST_TEST(str(out.get(kEnterprise).get("employeeNumber")) == "701984");
  BOOST_TEST(str(out.get("schemas").at(1)) == kEnterprise);
  // An unqualified extension attribute at the top level is not guessed at.
  json::Value loose = create_ok(user_with(R"("employeeNumber": "701984")"));
  BOOST_TEST(!loose.get(kEnterprise));
  BOOST_TEST(!loose.get("employeeNumber"));
}

BOOST_AUTO_TEST_CASE(extension_that_is_not_an_object_is_rejected) {
  Error e = create_error(user_with(R"("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": "x")"));
  BOOST_TEST(contains(e.detail(), std::string(kEnterprise) + ": expected an object"));
}

BOOST_DATA_TEST_CASE_F(Fixture, values_are_type_checked_and_coerced, boost::unit_test::data::make(kCoercionCases), c) {
  std::string body = c.in_acme ? acme_with(c.member) : user_with(c.member);
  auto out = create(body);
  std::string name = std::string(c.member).substr(1, std::string(c.member).find('"', 1) - 1);
  if (std::string(c.expected).empty()) {
    BOOST_REQUIRE(!out.has_value());
    BOOST_TEST(out.error().kind() == scim::ErrorKind::kInvalid);
    BOOST_TEST((out.error().scim_type() == ScimType::kInvalidValue));
    BOOST_TEST(contains(out.error().detail(), name), out.error().detail());
    return;
  }
  BOOST_REQUIRE_MESSAGE(out.has_value(), (out ? "" : out.error().detail()));
  json::Value holder = c.in_acme ? out->get(kAcme) : out.value();
  BOOST_TEST(json::dump(holder.get(name)) == c.expected);
}

// RES-11, CRT-04: null and [] unassign; {} and all-null complex values too.
BOOST_AUTO_TEST_CASE(null_and_empty_values_are_removed) {
  json::Value out = create_ok(user_with(R"("displayName": null, "roles": [], "emails": [null],
      "name": {"givenName": null, "familyName": null}, "addresses": [{}], "nickName": "Babs")"));
  for (const char* gone : {"displayName", "roles", "emails", "name", "addresses"}) {
    BOOST_TEST(!out.get(gone), gone);
  }
  BOOST_TEST(str(out.get("nickName")) == "Babs");
  // Microsoft's tests send addresses with some null sub-attributes.
  json::Value partial = create_ok(user_with(R"("addresses": [{"country": null, "formatted": "18522 Lisa Unions",
      "type": "other", "primary": false}])"));
  BOOST_TEST(!partial.get("addresses").at(0).get("country"));
  BOOST_TEST(partial.get("addresses").at(0).size() == 3u);
}

BOOST_AUTO_TEST_CASE(complex_attribute_must_be_an_object) {
  Error e = create_error(user_with(R"("name": "Barbara Jensen")"));
  BOOST_TEST(contains(e.detail(), "name: expected an object, got a string"));
  Error element = create_error(user_with(R"("addresses": ["1 Harbor Way"])"));
  BOOST_TEST(contains(element.detail(), "addresses[0]: expected an object"));
}

// ATT-11: a single object for a multi-valued attribute becomes an array.
BOOST_AUTO_TEST_CASE(single_object_for_multi_valued_attribute_is_wrapped) {
  json::Value out = create_ok(user_with(R"("emails": {"value": "b@example.com", "type": "work"})"));
  BOOST_REQUIRE(out.get("emails").is_array());
  BOOST_TEST(str(out.get("emails").at(0).get("value")) == "b@example.com");
  // A bare value for a multi-valued complex attribute is its "value".
  json::Value bare = create_ok(user_with(R"("emails": ["b@example.com"])"));
  BOOST_TEST(str(bare.get("emails").at(0).get("value")) == "b@example.com");
}

// entra-provisioning.md §4.1, §6.5, known issue 9: manager as a bare string,
// as a one-element array, or "" to clear.
BOOST_AUTO_TEST_CASE(entra_manager_shapes_are_accepted) {
  auto manager_of = [&](std::string_view value) {
    json::Value out = create_ok(user_with(
        R"("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"manager": )" + std::string(value) + "}"));
    return out.get(kEnterprise).get("manager");
  };
  BOOST_TEST(str(manager_of(R"("2819c223")").get("value")) == "2819c223");
  BOOST_TEST(str(manager_of(R"([{"value": "2819c223", "$ref": "../Users/2819c223"}])").get("value")) == "2819c223");
  BOOST_TEST(!manager_of(R"("")"));
  BOOST_TEST(!manager_of("null"));
  Error two = create_error(user_with(R"("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
      {"manager": [{"value": "a"}, {"value": "b"}]})"));
  BOOST_TEST(contains(two.detail(), "single-valued attribute given an array of 2 values"));
}

// CRT-07, SCH-01.
BOOST_AUTO_TEST_CASE(missing_user_name_is_invalid_value) {
  for (const char* body : {R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"]})",
                           R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": null})",
                           R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": ""})"}) {
    Error e = create_error(body);
    BOOST_TEST(e.kind() == scim::ErrorKind::kInvalid);
    BOOST_TEST((e.scim_type() == ScimType::kInvalidValue));
    BOOST_TEST(e.detail() == "userName: required attribute is missing");
  }
}

// CRT-07 for groups; checklist §23 makes displayName required.
BOOST_AUTO_TEST_CASE(missing_group_display_name_is_invalid_value) {
  Validator validator(registry, group());
  auto out = validator.validate_create(parse(R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      "members": [{"value": "u1"}]})"));
  BOOST_REQUIRE(!out.has_value());
  BOOST_TEST(out.error().detail() == "displayName: required attribute is missing");
}

// PUT-08.
BOOST_AUTO_TEST_CASE(replace_without_required_attribute_is_invalid_value) {
  auto out = replace(R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "displayName": "B"})",
                     R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "1", "userName": "b"})");
  BOOST_REQUIRE(!out.has_value());
  BOOST_TEST((out.error().scim_type() == ScimType::kInvalidValue));
  BOOST_TEST(contains(out.error().detail(), "userName: required attribute is missing"));
}

BOOST_AUTO_TEST_CASE(required_sub_attribute_is_checked_when_the_value_is_present) {
  Error e = create_error(acme_with(R"("sponsor": {"since": "2020-01-01T00:00:00Z"})"));
  BOOST_TEST(contains(e.detail(), std::string(kAcme) + ":sponsor.value: required sub-attribute is missing"));
}

// ATT-12.
BOOST_AUTO_TEST_CASE(two_primary_values_are_rejected) {
  Error e = create_error(
      user_with(R"("emails": [{"value": "a", "primary": true}, {"value": "b", "primary": "True"}])"));
  BOOST_TEST((e.scim_type() == ScimType::kInvalidValue));
  BOOST_TEST(contains(e.detail(), "emails: 2 values have primary true"));
  json::Value one = create_ok(
      user_with(R"("emails": [{"value": "a", "primary": true}, {"value": "b", "primary": false}])"));
  BOOST_TEST(one.get("emails").size() == 2u);
}

// SEC-09: the service hashes the password; the validator keeps it.
BOOST_AUTO_TEST_CASE(write_only_password_is_kept) {
  json::Value out = create_ok(user_with(R"("password": "t1meMa$heen")"));
  BOOST_TEST(str(out.get("password")) == "t1meMa$heen");
}

BOOST_AUTO_TEST_CASE(body_that_is_not_an_object_is_invalid_syntax) {
  for (const char* body : {"[]", "\"x\"", "null"}) {
    Error e = create_error(body);
    BOOST_TEST(e.kind() == scim::ErrorKind::kInvalid);
    BOOST_TEST((e.scim_type() == ScimType::kInvalidSyntax));
  }
}

// Convention 3: every problem in one Error, invalidValue before mutability.
BOOST_AUTO_TEST_CASE(every_problem_is_reported_at_once) {
  auto out = replace(R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
      "active": "maybe", "emails": [{"value": "a", "primary": true}, {"value": "b", "primary": true}],
      "urn:ietf:params:scim:schemas:extension:acme:2.0:User": {"badge": "x", "employeeId": "E-2"}})",
                     R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "b",
      "urn:ietf:params:scim:schemas:extension:acme:2.0:User": {"employeeId": "E-1"}})");
  BOOST_REQUIRE(!out.has_value());
  const std::string& detail = out.error().detail();
  BOOST_TEST((out.error().scim_type() == ScimType::kInvalidValue));
  BOOST_TEST(contains(detail, "5 problems: "), detail);
  BOOST_TEST(contains(detail, "active: expected true or false, got a string"));
  BOOST_TEST(contains(detail, "emails: 2 values have primary true"));
  BOOST_TEST(contains(detail, "userName: required attribute is missing"));
  BOOST_TEST(contains(detail, std::string(kAcme) + ":badge: expected an integer"));
  BOOST_TEST(contains(detail, std::string(kAcme) + ":employeeId: immutable attribute cannot be changed"));
  // Mutability comes last in the detail as it does in precedence.
  BOOST_TEST(detail.find("immutable") > detail.find("primary"));
}

// PUT-06, ATT-17.
BOOST_AUTO_TEST_CASE(replace_enforces_immutable_attributes) {
  const char* existing = R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
      "urn:ietf:params:scim:schemas:extension:acme:2.0:User"], "id": "1", "userName": "b",
      "urn:ietf:params:scim:schemas:extension:acme:2.0:User": {"employeeId": "E-1", "costCode": "CC-9"}})";
  // Changed value: mutability.
  auto changed = replace(acme_with(R"("employeeId": "e-1")"), existing);
  BOOST_REQUIRE(!changed.has_value());
  BOOST_TEST((changed.error().scim_type() == ScimType::kMutability));
  BOOST_TEST(changed.error().kind() == scim::ErrorKind::kInvalid);
  BOOST_TEST(changed.error().detail() == std::string(kAcme) + ":employeeId: immutable attribute cannot be changed");
  // Same value (caseExact false compares ignoring case): accepted.
  auto same = replace(acme_with(R"("employeeId": "E-1", "costCode": "cc-9")"), existing);
  BOOST_REQUIRE_MESSAGE(same.has_value(), (same ? "" : same.error().detail()));
  // Omitted: keeps its value.
  auto omitted = replace(user_with(""), existing);
  BOOST_REQUIRE(omitted.has_value());
  BOOST_TEST(str(omitted->get(kAcme).get("employeeId")) == "E-1");
  BOOST_TEST(str(omitted->get(kAcme).get("costCode")) == "CC-9");
  BOOST_TEST(omitted->get("schemas").size() == 2u);
  // Cleared: mutability.
  auto cleared = replace(acme_with(R"("employeeId": null)"), existing);
  BOOST_REQUIRE(!cleared.has_value());
  BOOST_TEST(contains(cleared.error().detail(), "immutable attribute cannot be cleared"));
  // Unassigned before: may be set (ATT-17).
  auto set = replace(acme_with(R"("employeeId": "E-7")"),
                     R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "1", "userName": "b"})");
  BOOST_TEST(set.has_value());
}

BOOST_AUTO_TEST_CASE(replace_enforces_immutable_sub_attributes_of_single_valued_complex) {
  const char* existing = R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "b",
      "urn:ietf:params:scim:schemas:extension:acme:2.0:User":
          {"sponsor": {"value": "s1", "since": "2020-01-01T00:00:00Z"}}})";
  auto changed = replace(acme_with(R"("sponsor": {"value": "s2", "since": "2021-01-01T00:00:00Z"})"), existing);
  BOOST_REQUIRE(!changed.has_value());
  BOOST_TEST(contains(changed.error().detail(), "sponsor.since: immutable sub-attribute cannot be changed"));
  auto kept = replace(acme_with(R"("sponsor": {"value": "s2"})"), existing);
  BOOST_REQUIRE(kept.has_value());
  BOOST_TEST(str(kept->get(kAcme).get("sponsor").get("since")) == "2020-01-01T00:00:00Z");
  BOOST_TEST(str(kept->get(kAcme).get("sponsor").get("value")) == "s2");
}

// SCH-06: member entries are whole values; PUT may replace the set
// (Microsoft's PutGroup3 replaces [] with two members sending "display").
BOOST_AUTO_TEST_CASE(replace_may_change_group_members) {
  Validator validator(registry, group());
  auto out = validator.validate_replace(parse(R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      "id": "g3", "displayName": "putName",
      "members": [{"value": "u3", "display": "VP"}, {"value": "u4", "display": "SenorVP"}]})"),
                                        parse(R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      "id": "g3", "displayName": "GroupDisplayName3", "externalId": "x1",
      "members": [{"value": "u1"}]})"));
  BOOST_REQUIRE_MESSAGE(out.has_value(), (out ? "" : out.error().detail()));
  BOOST_TEST(out->get("members").size() == 2u);
  BOOST_TEST(str(out->get("members").at(0).get("display")) == "VP");
  // PUT-04: omitted readWrite attributes are unassigned (the test expects
  // externalId gone).
  BOOST_TEST(!out->get("externalId"));
  BOOST_TEST(!out->get("id"));
}

// EXT-04.
BOOST_AUTO_TEST_CASE(required_extension_must_be_present) {
  SchemaRegistry strict = SchemaRegistry::empty();
  BOOST_REQUIRE(strict.add_schema(scim::user_schema()).has_value());
  BOOST_REQUIRE(strict.add_schema(scim::enterprise_user_schema()).has_value());
  BOOST_REQUIRE(strict
                    .add_resource_type(
                        {"User", "/Users", "", std::string(scim::kUserSchemaUrn), {{std::string(kEnterprise), true}}})
                    .has_value());
  Validator validator(strict, *strict.find_resource_type("User"));
  auto out = validator.validate_create(parse(user_with("")));
  BOOST_REQUIRE(!out.has_value());
  BOOST_TEST(contains(out.error().detail(), std::string(kEnterprise) + ": extension is required"));
  BOOST_TEST(validator
                 .validate_create(parse(user_with(R"("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
      {"department": "Tour"})")))
                 .has_value());
}

// Microsoft's reference tests (SCIMReferenceCode): a PUT body with a typo,
// nulls, meta and "Primary" in capitals.
BOOST_AUTO_TEST_CASE(microsoft_put_with_misspelled_attribute_succeeds) {
  auto out = replace(R"({
      "id": "1", "userName": "OMalley", "active": false,
      "adreses": [{"country": "Germany", "type": "work", "primary": false}],
      "displayName": "Kimberly Baker",
      "emails": [{"type": "work", "primary": true, "value": "anna33@example.com"},
                 {"type": "other", "primary": false, "value": "anna33@gmail.com"}],
      "meta": {"created": "2019-09-18T18:15:26.5788954+00:00", "resourceType": "User"},
      "name": {"formatted": "Daniel Mcgee", "familyName": "OMalley", "givenName": "Darl",
               "honorificPrefix": null, "honorificSuffix": null},
      "roles": [], "title": "Site engineer", "externalId": "22fbc523",
      "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"]})",
                     R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "1", "userName": "x"})");
  BOOST_REQUIRE_MESSAGE(out.has_value(), (out ? "" : out.error().detail()));
  BOOST_TEST(str(out->get("userName")) == "OMalley");
  BOOST_TEST(out->get("active").as_bool().value_or(true) == false);
  BOOST_TEST(!out->get("adreses"));
  BOOST_TEST(!out->get("addresses"));
  BOOST_TEST(out->get("name").size() == 3u);
}

BOOST_AUTO_TEST_CASE(output_follows_schema_order) {
  json::Value out = create_ok(R"({"title": "t", "userName": "u", "externalId": "e",
      "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "displayName": "d"})");
  std::vector<std::string> keys;
  for (const auto& [key, value] : out.items()) keys.push_back(key);
  BOOST_TEST((keys == std::vector<std::string>{"schemas", "externalId", "userName", "displayName", "title"}));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(validator_value_test)

// The helpers the PATCH engine reuses.
BOOST_AUTO_TEST_CASE(normalize_single_value_checks_one_element) {
  const scim::AttributeDefinition& emails = *scim::user_schema().find_attribute("emails");
  scim::ValidationIssues issues;
  json::Value element = scim::normalize_single_value(emails, parse(R"({"VALUE": "a@b", "primary": "true"})"), "emails",
                                                     {}, &issues);
  BOOST_TEST(issues.empty());
  BOOST_TEST(json::dump(element) == R"({"value":"a@b","primary":true})");
  const scim::AttributeDefinition& value = *emails.find_sub_attribute("value");
  json::Value bad = scim::normalize_single_value(value, parse("3"), "emails[type eq \"work\"].value", {}, &issues);
  BOOST_TEST(!bad);
  BOOST_REQUIRE(issues.size() == 1u);
  BOOST_TEST(issues.issues()[0].path == "emails[type eq \"work\"].value");
}

BOOST_AUTO_TEST_CASE(read_only_sub_attribute_can_be_reported_instead_of_dropped) {
  const scim::AttributeDefinition& manager = *scim::enterprise_user_schema().find_attribute("manager");
  scim::ValidationIssues issues;
  scim::ValueOptions options;
  options.drop_read_only = false;
  scim::normalize_value(manager, parse(R"({"value": "m", "displayName": "Boss"})"), "manager", options, &issues);
  BOOST_REQUIRE(issues.size() == 1u);
  BOOST_TEST((issues.issues()[0].type == ScimType::kMutability));
  BOOST_TEST(issues.issues()[0].path == "manager.displayName");
}

BOOST_AUTO_TEST_CASE(values_equal_respects_case_exact_and_sets) {
  const scim::Schema& user = scim::user_schema();
  const scim::AttributeDefinition& user_name = *user.find_attribute("userName");
  BOOST_TEST(scim::values_equal(user_name, parse("\"BJensen\""), parse("\"bjensen\"")));
  const scim::AttributeDefinition& external_id = *scim::find_common_attribute("externalId");
  BOOST_TEST(!scim::values_equal(external_id, parse("\"A\""), parse("\"a\"")));
  const scim::AttributeDefinition& emails = *user.find_attribute("emails");
  BOOST_TEST(scim::values_equal(emails, parse(R"([{"value": "a"}, {"value": "b"}])"),
                                parse(R"([{"value": "B"}, {"value": "A"}])")));
  BOOST_TEST(!scim::values_equal(emails, parse(R"([{"value": "a"}])"), parse(R"([{"value": "a", "type": "work"}])")));
  BOOST_TEST(scim::values_equal(emails, parse("null"), json::Value()));
  BOOST_TEST(scim::values_equal(emails, parse("[]"), json::Value()));
}

BOOST_AUTO_TEST_CASE(issues_become_one_error_by_precedence) {
  scim::ValidationIssues issues;
  issues.add(ScimType::kMutability, "a", "m");
  issues.add(ScimType::kInvalidValue, "b", "v");
  Error e = issues.to_error();
  BOOST_TEST((e.scim_type() == ScimType::kInvalidValue));
  BOOST_TEST(e.detail() == "2 problems: b: v; a: m");
  issues.add(ScimType::kInvalidSyntax, "", "s");
  BOOST_TEST((issues.to_error().scim_type() == ScimType::kInvalidSyntax));
  scim::ValidationIssues single;
  single.add(ScimType::kMutability, "id", "readOnly");
  BOOST_TEST(single.to_error().detail() == "id: readOnly");
  BOOST_TEST((single.to_error().scim_type() == ScimType::kMutability));
}

struct TextCase {
  const char* text;
  bool valid;
};

std::ostream& operator<<(std::ostream& os, const TextCase& c) { return os << c.text; }

const TextCase kDateTimes[] = {
    {"2008-01-23T04:56:22Z", true},       {"2008-01-23T04:56:22", true},
    {"2008-01-23T04:56:22.123Z", true},   {"2008-01-23T04:56:22+05:30", true},
    {"2008-01-23T04:56:22-14:00", true},  {"2024-02-29T00:00:00Z", true},
    {"2008-01-23T24:00:00Z", true},       {"2008-01-23", false},
    {"2008-01-23 04:56:22Z", false},      {"2008-13-01T00:00:00Z", false},
    {"2023-02-29T00:00:00Z", false},      {"2008-01-23T24:00:01Z", false},
    {"2008-01-23T04:60:00Z", false},      {"2008-01-23T04:56:22.Z", false},
    {"2008-01-23T04:56:22+15:00", false}, {"2008-01-23T04:56:22+0530", false},
    {"2008-01-23T04:56:22Zjunk", false},  {"", false},
};

const TextCase kBase64[] = {
    {"", true},      {"TWFu", true},  {"TWE=", true},   {"TWE", true},  {"TQ==", true},
    {"TQ", true},    {"a-_b", true},  {"a+/b", true},   {"T", false},   {"TWE==", false},
    {"TW E", false}, {"a+_b", false}, {"TWE=x", false}, {"TQ=", false},
};

BOOST_DATA_TEST_CASE(date_times_follow_xsd, boost::unit_test::data::make(kDateTimes), c) {
  BOOST_TEST(scim::is_valid_date_time(c.text) == c.valid);
}

BOOST_DATA_TEST_CASE(base64_follows_rfc4648, boost::unit_test::data::make(kBase64), c) {
  BOOST_TEST(scim::is_valid_base64(c.text) == c.valid);
}

BOOST_AUTO_TEST_SUITE_END()

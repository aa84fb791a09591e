// scim::Validator on create bodies: attribute names and unknown attributes,
// readOnly values, schemas, value types, required and primary values, and
// every problem reported at once.  Extensions are in
// validator_extension_test.cc, replace and immutability in
// validator_replace_test.cc.
#include "scim/validator.h"

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "json/io.h"
#include "scim/core_schemas.h"
#include "unit/scim/validator_fixture.h"

namespace json = fastscim::json;
namespace scim = fastscim::scim;
using namespace fastscim::testing::validator_fixture;

namespace {

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

BOOST_AUTO_TEST_CASE(output_follows_schema_order) {
  json::Value out = create_ok(R"({"title": "t", "userName": "u", "externalId": "e",
      "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "displayName": "d"})");
  std::vector<std::string> keys;
  for (const auto& [key, value] : out.items()) keys.push_back(key);
  BOOST_TEST((keys == std::vector<std::string>{"schemas", "externalId", "userName", "displayName", "title"}));
}

BOOST_AUTO_TEST_SUITE_END()

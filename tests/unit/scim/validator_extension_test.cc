// scim::Validator and schema extensions: undeclared ones and the unknown
// extensions policy, URN-qualified keys, required extensions.
#include <string>

#include <boost/test/unit_test.hpp>

#include "scim/core_schemas.h"
#include "scim/validator.h"
#include "unit/scim/validator_fixture.h"

namespace json = fastscim::json;
namespace scim = fastscim::scim;
using namespace fastscim::testing::validator_fixture;

BOOST_FIXTURE_TEST_SUITE(validator_extension_test, Fixture)

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

BOOST_AUTO_TEST_SUITE_END()

// scim::apply_patch on attribute values: active transitions, the Validator's
// rules, mutability, path-less values, value filters and extensions.
#include <string>
#include <string_view>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "scim/patch.h"
#include "scim/schema.h"
#include "unit/scim/patch_fixture.h"

namespace scim = fastscim::scim;
using namespace fastscim::testing::patch_fixture;

namespace {

constexpr const char* kEnterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
constexpr const char* kBlink = "urn:ietf:params:scim:schemas:extension:blink:2.0:User";

}  // namespace

BOOST_AUTO_TEST_SUITE(patch_value_test)

// ---- active: events for the outbox ---------------------------------------------------

BOOST_AUTO_TEST_CASE(entra_string_false_deactivates_and_is_reported) {
  auto result = require_ok(patch_user(R"([{"op": "Replace", "path": "active", "value": "False"}])"));
  BOOST_TEST(text_of(result.document.get("active")) == "false");
  BOOST_TEST((result.active_change == ActiveChange::kDeactivated));
}

BOOST_AUTO_TEST_CASE(reactivation_is_reported) {
  std::string inactive =
      R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "m", "active": false})";
  auto result = require_ok(patch_user(R"([{"op": "replace", "path": "active", "value": true}])", inactive));
  BOOST_TEST((result.active_change == ActiveChange::kReactivated));
}

BOOST_AUTO_TEST_CASE(deactivating_an_inactive_user_reports_nothing) {
  std::string inactive =
      R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "m", "active": false})";
  auto result = require_ok(patch_user(R"([{"op": "replace", "path": "active", "value": "False"}])", inactive));
  BOOST_TEST(!result.changed);
  BOOST_TEST((result.active_change == ActiveChange::kNone));
}

BOOST_AUTO_TEST_CASE(setting_active_false_on_a_user_without_active_is_a_deactivation) {
  std::string user = R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "m"})";
  auto result = require_ok(patch_user(R"([{"op": "add", "value": {"active": false}}])", user));
  BOOST_TEST((result.active_change == ActiveChange::kDeactivated));
}

BOOST_AUTO_TEST_CASE(removing_active_reports_no_transition) {
  auto result = require_ok(patch_user(R"([{"op": "remove", "path": "active"}])"));
  BOOST_TEST(result.changed);
  BOOST_TEST((result.active_change == ActiveChange::kNone));
}

// ---- values go through the validator's rules --------------------------------------

BOOST_AUTO_TEST_CASE(string_booleans_are_stored_as_booleans_pat_26) {
  auto result = require_ok(
      patch_user(R"([{"op": "Add", "path": "emails[type eq \"work\"].primary", "value": "False"}])"));
  BOOST_TEST(text_of(result.document.get("emails").at(0).get("primary")) == "false");
}

BOOST_AUTO_TEST_CASE(a_value_of_the_wrong_type_is_invalid_value_naming_the_path) {
  Error e = require_error(patch_user(R"([{"op": "replace", "path": "name.givenName", "value": 42}])"));
  BOOST_TEST(keyword_of(e) == "invalidValue");
  BOOST_TEST(e.detail().find("name.givenName") != std::string::npos, e.detail());
}

BOOST_AUTO_TEST_CASE(primary_true_on_one_value_sets_it_false_on_the_others_pat_10) {
  auto result = require_ok(patch_user(R"([{"op": "add", "path": "emails",
                                          "value": {"value": "m@home.example", "type": "home", "primary": true}}])"));
  BOOST_TEST(text_of(result.document.get("emails")) ==
             R"([{"value":"mira.okafor@acme.example","type":"work","primary":false},)"
             R"({"value":"m@home.example","type":"home","primary":true}])");
}

BOOST_AUTO_TEST_CASE(primary_true_on_several_matches_is_invalid_value_att_12) {
  std::string two = R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "m",
                        "emails": [{"value": "a@x", "type": "work"}, {"value": "b@x", "type": "work"}]})";
  Error e = require_error(patch_user(R"([{"op": "replace", "path": "emails[type eq \"work\"].primary",
                                          "value": true}])",
                                     two));
  BOOST_TEST(keyword_of(e) == "invalidValue");
}

// ---- mutability (PAT-08, PAT-19, ATT-16, ATT-17) ----------------------------------

BOOST_DATA_TEST_CASE(read_only_targets_are_mutability_errors_pat_08,
                     boost::unit_test::data::make({"id", "meta", "meta.created", "groups",
                                                   "groups[value eq \\\"g\\\"].display",
                                                   "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:"
                                                   "manager.displayName"}),
                     path) {
  for (std::string_view op : {"add", "replace", "remove"}) {
    Error e = require_error(
        patch_user(R"([{"op": ")" + std::string(op) + R"(", "path": ")" + path + R"(", "value": "x"}])"));
    BOOST_TEST(keyword_of(e) == "mutability", op << " " << path << ": " << e.detail());
  }
}

BOOST_AUTO_TEST_CASE(read_only_attributes_inside_a_pathless_value_are_ignored) {
  auto result = require_ok(patch_user(R"([{"op": "replace", "value": {
      "id": "2819c223", "meta": {"resourceType": "User", "created": "2020-01-01T00:00:00Z"},
      "groups": [{"value": "g1"}], "displayName": "Mira"}}])"));
  BOOST_TEST(!result.document.get("id"));
  BOOST_TEST(!result.document.get("meta"));
  BOOST_TEST(!result.document.get("groups"));
  BOOST_TEST(result.document.get("displayName").as_string().value_or("") == "Mira");
}

BOOST_DATA_TEST_CASE(leaving_the_required_user_name_unassigned_is_mutability_pat_19,
                     boost::unit_test::data::make({R"({"op": "remove", "path": "userName"})",
                                                   R"({"op": "replace", "path": "userName", "value": null})",
                                                   R"({"op": "replace", "path": "userName", "value": ""})",
                                                   R"({"op": "replace", "value": {"userName": null}})",
                                                   R"({"op": "remove", "path": "USERNAME"})"}),
                     op) {
  BOOST_TEST(keyword_of(require_error(patch_user("[" + std::string(op) + "]"))) == "mutability");
}

// ---- path-less values (PAT-13, PAT-20, PAT-26) --------------------------------------

BOOST_AUTO_TEST_CASE(pathless_value_keys_may_be_dotted_or_urn_qualified_pat_13) {
  auto result = require_ok(patch_user(R"([{"op": "replace", "value": {
      "name.givenName": "Mirabel",
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber": "40117"}}])"));
  BOOST_TEST(result.document.get("name").get("givenName").as_string().value_or("") == "Mirabel");
  BOOST_TEST(result.document.get("name").get("familyName").as_string().value_or("") == "Okafor");
  BOOST_TEST(!result.document.get("name.givenName"));
  BOOST_TEST(text_of(result.document.get(kEnterprise)) == R"({"employeeNumber":"40117"})");
  BOOST_TEST(text_of(result.document.get("schemas")) ==
             R"(["urn:ietf:params:scim:schemas:core:2.0:User",)"
             R"("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"])");
}

BOOST_AUTO_TEST_CASE(pathless_unknown_keys_are_ignored_by_default) {
  auto result = require_ok(patch_user(R"([{"op": "add", "value": {"shoeSize": 9, "title": "Buyer"}}])"));
  BOOST_TEST(!result.document.get("shoeSize"));
  BOOST_TEST(result.document.get("title").as_string().value_or("") == "Buyer");
}

BOOST_AUTO_TEST_CASE(pathless_unknown_keys_are_invalid_path_under_the_reject_policy) {
  PatchOptions strict;
  strict.unknown_attributes = scim::UnknownAttributePolicy::kReject;
  Error e = require_error(patch_user(R"([{"op": "add", "value": {"shoeSize": 9}}])", kMira, strict));
  BOOST_TEST(keyword_of(e) == "invalidPath");
  BOOST_TEST(e.detail().find("shoeSize") != std::string::npos, e.detail());
}

BOOST_AUTO_TEST_CASE(schemas_in_a_pathless_value_are_left_to_the_engine) {
  auto result = require_ok(patch_user(R"([{"op": "replace", "value": {
      "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:example:other"], "title": "Buyer"}}])"));
  BOOST_TEST(text_of(result.document.get("schemas")) == R"(["urn:ietf:params:scim:schemas:core:2.0:User"])");
}

// ---- value filters (PAT-18, PAT-24, PAT-25) -----------------------------------------

BOOST_AUTO_TEST_CASE(entra_creates_the_work_email_a_filter_asks_for) {
  std::string user = R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "m"})";
  auto result = require_ok(patch_user(R"([
      {"op": "Replace", "path": "emails[type eq \"work\"].value", "value": "m@acme.example"},
      {"op": "Replace", "path": "emails[type eq \"work\"].primary", "value": "True"}])",
                                      user));
  BOOST_TEST(text_of(result.document.get("emails")) == R"([{"type":"work","value":"m@acme.example","primary":true}])");
}

BOOST_AUTO_TEST_CASE(replace_with_a_filter_matching_nothing_is_no_target_pat_25) {
  Error e = require_error(patch_user(R"([{"op": "replace", "path": "emails[type eq \"home\"]",
                                          "value": {"value": "m@home.example"}}])"));
  BOOST_TEST(keyword_of(e) == "noTarget");
  e = require_error(patch_user(R"([{"op": "replace", "path": "emails[type ne \"work\"].value", "value": "x"}])"));
  BOOST_TEST(keyword_of(e) == "noTarget");
}

BOOST_AUTO_TEST_CASE(remove_with_a_filter_matching_nothing_is_a_no_op_pat_18) {
  auto result = require_ok(patch_user(R"([{"op": "remove", "path": "emails[value eq \"nobody@x\"]"}])"));
  BOOST_TEST(!result.changed);
}

BOOST_AUTO_TEST_CASE(filter_strings_compare_ignoring_case_unless_case_exact) {
  auto result = require_ok(
      patch_user(R"([{"op": "remove", "path": "emails[value eq \"MIRA.OKAFOR@ACME.EXAMPLE\"]"}])"));
  BOOST_TEST(!result.document.get("emails"));
}

// ---- extensions (EXT-06, EXT-10) -----------------------------------------------------

BOOST_AUTO_TEST_CASE(removing_the_last_extension_attribute_drops_its_urn_ext_10) {
  std::string user = R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                                     "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                         "userName": "m",
                         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "X"}})";
  auto result = require_ok(patch_user(R"([{"op": "remove", "path": "department"}])", user));
  BOOST_TEST(text_of(result.document) ==
             R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"m"})");
}

BOOST_AUTO_TEST_CASE(a_tenant_extension_is_patchable_once_registered) {
  SchemaRegistry tenant;
  auto schema = scim::Schema::from_json(parse(R"({"id": "urn:ietf:params:scim:schemas:extension:blink:2.0:User",
                                                  "attributes": [{"name": "location"}]})"));
  BOOST_REQUIRE(schema.has_value());
  BOOST_REQUIRE(tenant.add_extension("User", *schema, false).has_value());
  auto result = require_ok(scim::apply_patch(
      parse(kMira), body(R"([{"op": "Add", "path": "urn:ietf:params:scim:schemas:extension:blink:2.0:User:location",
                               "value": "Tacoma"}])"),
      *tenant.find_resource_type("User"), tenant));
  BOOST_TEST(text_of(result.document.get(kBlink)) == R"({"location":"Tacoma"})");
  // The built-in registry does not know the extension.
  Error e = require_error(patch_user(R"([{"op": "Add",
      "path": "urn:ietf:params:scim:schemas:extension:blink:2.0:User:location", "value": "Tacoma"}])"));
  BOOST_TEST(keyword_of(e) == "invalidPath");
}

BOOST_AUTO_TEST_SUITE_END()

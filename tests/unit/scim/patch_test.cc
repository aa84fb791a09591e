#include "scim/patch.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "json/io.h"
#include "scim/core_schemas.h"
#include "scim/schema.h"
#include "support/error_print.h"

namespace fs = std::filesystem;
namespace json = fastscim::json;
namespace scim = fastscim::scim;
using scim::ActiveChange;
using scim::Error;
using scim::MemberChanges;
using scim::PatchOptions;
using scim::PatchResult;
using scim::ScimType;
using scim::SchemaRegistry;

namespace {

constexpr const char* kEnterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
constexpr const char* kBlink = "urn:ietf:params:scim:schemas:extension:blink:2.0:User";

json::Value parse(std::string_view text) {
  auto v = json::parse(text);
  BOOST_REQUIRE_MESSAGE(v.has_value(), "test JSON does not parse: " << text);
  return v.value();
}

std::string text_of(const json::Value& v) { return json::dump(v, json::Style::kCompact); }

std::string keyword_of(const Error& e) { return std::string(scim::scim_type_keyword(e.scim_type())); }

const SchemaRegistry& registry() {
  static const SchemaRegistry kRegistry;
  return kRegistry;
}

const scim::ResourceType& user_type() { return *registry().find_resource_type("User"); }
const scim::ResourceType& group_type() { return *registry().find_resource_type("Group"); }

// A stored user as the Validator leaves it.
constexpr std::string_view kMira = R"({
  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
  "externalId": "mira",
  "userName": "mira.okafor@acme.example",
  "active": true,
  "displayName": "Mira Okafor",
  "name": {"givenName": "Mira", "familyName": "Okafor"},
  "emails": [{"value": "mira.okafor@acme.example", "type": "work", "primary": true}]
})";

constexpr std::string_view kGroup = R"({
  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
  "displayName": "Procurement Team"
})";

// A PatchOp body holding the operations given as JSON text.
json::Value body(std::string_view operations) {
  return parse(R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": )" +
               std::string(operations) + "}");
}

scim::Result<PatchResult> patch_user(std::string_view operations, std::string_view document = kMira,
                                     const PatchOptions& options = {}) {
  return scim::apply_patch(parse(document), body(operations), user_type(), registry(), options);
}

scim::Result<PatchResult> patch_group(std::string_view operations) {
  return scim::apply_patch(parse(kGroup), body(operations), group_type(), registry());
}

PatchResult require_ok(scim::Result<PatchResult> result) {
  BOOST_REQUIRE_MESSAGE(result.has_value(), (result ? "" : result.error().detail()));
  return std::move(result).value();
}

Error require_error(const scim::Result<PatchResult>& result) {
  BOOST_REQUIRE_MESSAGE(!result.has_value(), "expected an error, got " << (result ? text_of(result->document) : ""));
  return result.error();
}

std::string joined(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ",") + id;
  return out;
}

// ---- golden cases: tests/cases/patch/<name>/ -----------------------------------
// See tests/cases/patch/README.md for the layout.

fs::path cases_dir() { return fs::path(FASTSCIM_TEST_CASES) / "patch"; }

std::vector<std::string> golden_case_names() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(cases_dir(), ec)) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

const std::vector<std::string> kGoldenCases = golden_case_names();

json::Value read_json(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  BOOST_REQUIRE_MESSAGE(in, "cannot read " << path);
  std::stringstream ss;
  ss << in.rdbuf();
  auto v = json::parse(ss.str());
  BOOST_REQUIRE_MESSAGE(v.has_value(), path << " does not parse: " << (v ? "" : v.error().text));
  return v.value();
}

// The HTTP status an error.json names for each kind a PATCH can fail with
// (http/error_response.cc has the full table and its tests).
std::string golden_status(scim::ErrorKind kind) {
  switch (kind) {
    case scim::ErrorKind::kInvalid: return "400";
    case scim::ErrorKind::kForbidden: return "403";
    case scim::ErrorKind::kInternal: return "500";
    default: return "unexpected kind";
  }
}

std::string_view active_change_name(ActiveChange change) {
  switch (change) {
    case ActiveChange::kNone: return "none";
    case ActiveChange::kDeactivated: return "deactivated";
    case ActiveChange::kReactivated: return "reactivated";
  }
  return "none";
}

json::Value member_changes_json(const MemberChanges& changes) {
  json::Value out = json::Value::object();
  json::Value add = json::Value::array();
  for (const auto& m : changes.add) {
    json::Value member = json::Value::object();
    member.set("value", json::Value::string(m.value));
    if (!m.type.empty()) member.set("type", json::Value::string(m.type));
    if (!m.display.empty()) member.set("display", json::Value::string(m.display));
    add.append(member);
  }
  json::Value remove = json::Value::array();
  for (const auto& id : changes.remove) remove.append(json::Value::string(id));
  out.set("add", add);
  out.set("remove", remove);
  out.set("removeAll", json::Value::boolean(changes.remove_all));
  return out;
}

// Fills in what an expected "memberChanges" may leave out.
json::Value complete_member_changes(const json::Value& given) {
  json::Value out = json::Value::object();
  out.set("add", given.get("add") ? given.get("add") : json::Value::array());
  out.set("remove", given.get("remove") ? given.get("remove") : json::Value::array());
  out.set("removeAll", given.get("removeAll") ? given.get("removeAll") : json::Value::boolean(false));
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(patch_test)

// ---- the request body (PAT-02, PAT-03, PAT-05) --------------------------------------

BOOST_AUTO_TEST_CASE(body_without_the_patch_op_schema_is_invalid_syntax) {
  for (std::string_view text : {R"({"Operations": [{"op": "add", "path": "title", "value": "x"}]})",
                                R"({"schemas": "urn:ietf:params:scim:api:messages:2.0:PatchOp",
                                    "Operations": [{"op": "add", "path": "title", "value": "x"}]})",
                                R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                                    "Operations": [{"op": "add", "path": "title", "value": "x"}]})",
                                R"([])"}) {
    auto result = scim::apply_patch(parse(kMira), parse(text), user_type(), registry());
    BOOST_TEST(keyword_of(require_error(result)) == "invalidSyntax", text);
  }
}

BOOST_AUTO_TEST_CASE(patch_op_schema_urn_is_matched_ignoring_case) {
  auto result = scim::apply_patch(parse(kMira), parse(R"({"schemas": ["URN:IETF:PARAMS:SCIM:API:MESSAGES:2.0:PATCHOP"],
                                            "operations": [{"op": "add", "path": "title", "value": "x"}]})"),
                                  user_type(), registry());
  BOOST_TEST(require_ok(result).document.get("title").as_string().value_or("") == "x");
}

BOOST_AUTO_TEST_CASE(missing_or_empty_operations_are_invalid_syntax) {
  for (std::string_view ops : {"[]", "{}", "null", R"("add")"}) {
    BOOST_TEST(keyword_of(require_error(patch_user(ops))) == "invalidSyntax", ops);
  }
}

BOOST_DATA_TEST_CASE(op_is_matched_ignoring_case,
                     boost::unit_test::data::make({"add", "Add", "ADD", "replace", "Replace", "rEpLaCe"}), op) {
  auto result = require_ok(patch_user(R"([{"op": ")" + std::string(op) + R"(", "path": "title", "value": "Buyer"}])"));
  BOOST_TEST(result.document.get("title").as_string().value_or("") == "Buyer");
}

BOOST_DATA_TEST_CASE(ops_other_than_add_remove_replace_are_invalid_syntax_naming_the_op,
                     boost::unit_test::data::make({"move", "copy", "test", "delete", ""}), op) {
  Error e = require_error(patch_user(R"([{"op": ")" + std::string(op) + R"(", "path": "title", "value": "x"}])"));
  BOOST_TEST(keyword_of(e) == "invalidSyntax");
  BOOST_TEST(e.detail().find("\"" + std::string(op) + "\"") != std::string::npos, e.detail());
}

BOOST_AUTO_TEST_CASE(operation_that_is_not_an_object_is_invalid_syntax) {
  BOOST_TEST(keyword_of(require_error(patch_user(R"(["add"])"))) == "invalidSyntax");
}

// ---- paths (PAT-04) --------------------------------------------------------------------

struct PathCase {
  const char* path;
  ScimType type;
};

std::ostream& operator<<(std::ostream& out, const PathCase& c) { return out << c.path; }

const PathCase kBadPaths[] = {
    {"name..givenName", ScimType::kInvalidPath},
    {"emails[type eq \\\"work\\\"", ScimType::kInvalidPath},
    {"emails[type eq \\\"work\\\"]x", ScimType::kInvalidPath},
    {"emails[0]", ScimType::kInvalidFilter},
    {"emails[type regex \\\"w\\\"]", ScimType::kInvalidFilter},
    {"emails[type eq]", ScimType::kInvalidFilter},
    {"shoeSize", ScimType::kInvalidPath},
    {"name.shoeSize", ScimType::kInvalidPath},
    {"urn:ietf:params:scim:schemas:extension:acme:2.0:User:location", ScimType::kInvalidPath},
    {"emails[shoeSize eq \\\"9\\\"].value", ScimType::kInvalidFilter},
    {"userName[value eq \\\"x\\\"]", ScimType::kInvalidPath},
};

BOOST_DATA_TEST_CASE(malformed_paths_are_invalid_path_and_bad_filters_invalid_filter,
                     boost::unit_test::data::make(kBadPaths), c) {
  Error e = require_error(patch_user(R"([{"op": "replace", "path": ")" + std::string(c.path) + R"(", "value": "x"}])"));
  BOOST_TEST(keyword_of(e) == scim::scim_type_keyword(c.type), e.detail());
  BOOST_TEST(e.kind() == scim::ErrorKind::kInvalid);
}

BOOST_AUTO_TEST_CASE(error_detail_names_the_operation_and_its_path) {
  Error e = require_error(patch_user(R"([{"op": "add", "path": "title", "value": "ok"},
                                         {"op": "Replace", "path": "active", "value": "perhaps"}])"));
  BOOST_TEST(keyword_of(e) == "invalidValue");
  BOOST_TEST(e.detail().find("Operations[1] (replace \"active\")") != std::string::npos, e.detail());
}

BOOST_AUTO_TEST_CASE(remove_without_a_path_is_no_target_pat_16) {
  BOOST_TEST(keyword_of(require_error(patch_user(R"([{"op": "remove"}])"))) == "noTarget");
  BOOST_TEST(keyword_of(require_error(patch_user(R"([{"op": "remove", "path": "  "}])"))) == "noTarget");
}

// ---- order and atomicity (PAT-06, PAT-07, PAT-15) -----------------------------------

BOOST_AUTO_TEST_CASE(operations_apply_in_order_each_on_the_result_of_the_one_before_pat_06) {
  auto result = require_ok(patch_user(R"([
      {"op": "add", "path": "emails[type eq \"home\"].value", "value": "m@home.example"},
      {"op": "replace", "path": "emails[type eq \"home\"].display", "value": "Home"},
      {"op": "remove", "path": "emails[type eq \"work\"]"}])"));
  BOOST_TEST(text_of(result.document.get("emails")) ==
             R"([{"type":"home","value":"m@home.example","display":"Home"}])");
}

BOOST_AUTO_TEST_CASE(an_error_in_any_operation_returns_only_the_error_pat_07) {
  json::Value document = parse(kMira);
  std::string before = text_of(document);
  auto result = scim::apply_patch(document, body(R"([
      {"op": "replace", "path": "displayName", "value": "Changed"},
      {"op": "remove", "path": "userName"}])"),
                                  user_type(), registry());
  BOOST_TEST(keyword_of(require_error(result)) == "mutability");
  BOOST_TEST(text_of(document) == before);
}

BOOST_AUTO_TEST_CASE(input_document_and_body_are_never_modified) {
  json::Value document = parse(kMira);
  json::Value request = body(R"([{"op": "add", "path": "emails", "value": [{"value": "x@y.example", "primary": true}]},
                                 {"op": "replace", "path": "name.givenName", "value": "M"}])");
  std::string document_before = text_of(document);
  std::string request_before = text_of(request);
  auto result = require_ok(scim::apply_patch(document, request, user_type(), registry()));
  BOOST_TEST(text_of(document) == document_before);
  BOOST_TEST(text_of(request) == request_before);
  BOOST_TEST(result.changed);
}

BOOST_AUTO_TEST_CASE(result_document_shares_nothing_with_the_inputs) {
  json::Value document = parse(kMira);
  json::Value request = body(R"([{"op": "add", "path": "emails", "value": [{"value": "x@y.example"}]}])");
  auto result = require_ok(scim::apply_patch(document, request, user_type(), registry()));
  result.document.get("name").set("givenName", json::Value::string("Changed"));
  result.document.get("emails").at(1).set("value", json::Value::string("changed@y.example"));
  BOOST_TEST(document.get("name").get("givenName").as_string().value_or("") == "Mira");
  BOOST_TEST(text_of(request).find("changed@") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(changed_is_false_when_every_operation_is_a_no_op_pat_15) {
  auto result = require_ok(patch_user(R"([
      {"op": "replace", "path": "userName", "value": "mira.okafor@acme.example"},
      {"op": "add", "path": "emails",
       "value": [{"value": "mira.okafor@acme.example", "type": "work", "primary": true}]},
      {"op": "Replace", "path": "active", "value": "True"},
      {"op": "remove", "path": "title"},
      {"op": "remove", "path": "emails[type eq \"home\"]"}])"));
  BOOST_TEST(!result.changed);
  BOOST_TEST(text_of(result.document) == text_of(parse(kMira)));
}

BOOST_AUTO_TEST_CASE(changed_is_true_when_a_value_changes) {
  BOOST_TEST(require_ok(patch_user(R"([{"op": "replace", "path": "displayName", "value": "M. Okafor"}])")).changed);
}

BOOST_AUTO_TEST_CASE(an_operation_undone_by_a_later_one_changes_nothing) {
  auto result = require_ok(patch_user(R"([{"op": "add", "path": "title", "value": "Buyer"},
                                          {"op": "remove", "path": "title"}])"));
  BOOST_TEST(!result.changed);
}

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

// ---- group members: reported, never written into the document -----------------------

BOOST_AUTO_TEST_CASE(users_have_no_member_changes) {
  BOOST_TEST(require_ok(patch_user(R"([{"op": "add", "path": "title", "value": "x"}])")).members.empty());
}

BOOST_AUTO_TEST_CASE(group_members_are_reported_and_not_stored_in_the_document) {
  auto result = require_ok(patch_group(R"([{"op": "add", "path": "members",
                                            "value": [{"value": "u1", "type": "User", "display": "Ann"}]}])"));
  BOOST_TEST(!result.document.get("members"));
  BOOST_TEST(!result.changed);
  BOOST_REQUIRE(result.members.add.size() == 1u);
  BOOST_TEST(result.members.add[0].value == "u1");
  BOOST_TEST(result.members.add[0].type == "User");
  BOOST_TEST(result.members.add[0].display == "Ann");
}

BOOST_AUTO_TEST_CASE(remove_members_with_a_value_list_removes_only_those_pat_26) {
  auto result = require_ok(patch_group(R"([{"op": "Remove", "path": "members",
                                            "value": [{"value": "a"}, {"value": "b"}]}])"));
  BOOST_TEST(joined(result.members.remove) == "a,b");
  BOOST_TEST(!result.members.remove_all);
}

BOOST_AUTO_TEST_CASE(remove_members_without_a_value_removes_all) {
  auto result = require_ok(patch_group(R"([{"op": "remove", "path": "members"}])"));
  BOOST_TEST(result.members.remove_all);
  BOOST_TEST(result.members.add.empty());
}

BOOST_AUTO_TEST_CASE(member_filters_other_than_value_eq_are_invalid_filter) {
  for (std::string_view path :
       {R"(members[display eq \"Ann\"])", R"(members[value ne \"a\"])", R"(members[value sw \"a\"])",
        R"(members[not (value eq \"a\")])", R"(members[value eq \"a\" and type eq \"User\"])"}) {
    Error e = require_error(patch_group(R"([{"op": "remove", "path": ")" + std::string(path) + R"("}])"));
    BOOST_TEST(keyword_of(e) == "invalidFilter", path);
    BOOST_TEST(e.detail().find("value eq") != std::string::npos, e.detail());
  }
}

// Applying the combined MemberChanges to any starting set gives what the
// operations give one by one.
BOOST_AUTO_TEST_CASE(combined_member_changes_equal_the_operations_applied_in_order) {
  auto apply_combined = [](std::vector<std::string> members, const MemberChanges& c) {
    if (c.remove_all) members.clear();
    for (const auto& id : c.remove) members.erase(std::remove(members.begin(), members.end(), id), members.end());
    for (const auto& m : c.add) {
      if (std::find(members.begin(), members.end(), m.value) == members.end()) members.push_back(m.value);
    }
    std::sort(members.begin(), members.end());
    return members;
  };
  struct Step {
    const char* op;
    std::vector<std::string> ids;  // empty: all (remove) / none
  };
  const std::vector<std::vector<Step>> scenarios = {
      {{"add", {"a", "b"}}, {"remove", {"a"}}},
      {{"remove", {"a"}}, {"add", {"a"}}},
      {{"add", {"x"}}, {"remove", {}}, {"add", {"a"}}, {"remove", {"a"}}, {"add", {"b"}}},
      {{"replace", {"a", "b"}}, {"remove", {"b"}}, {"add", {"c"}}},
      {{"remove", {"c"}}, {"add", {"c", "d"}}, {"remove", {"d"}}, {"add", {"d"}}, {"remove", {"c"}}},
  };
  for (const auto& steps : scenarios) {
    std::string ops = "[";
    for (const auto& step : steps) {
      std::string list = "[";
      for (const auto& id : step.ids) list += (list.size() > 1 ? "," : "") + std::string(R"({"value":")") + id + "\"}";
      list += "]";
      if (ops.size() > 1) ops += ",";
      if (std::string(step.op) == "remove" && step.ids.empty()) {
        ops += R"({"op":"remove","path":"members"})";
      } else {
        ops += R"({"op":")" + std::string(step.op) + R"(","path":"members","value":)" + list + "}";
      }
    }
    ops += "]";
    auto result = require_ok(patch_group(ops));
    for (const std::vector<std::string>& start :
         {std::vector<std::string>{}, std::vector<std::string>{"a"}, std::vector<std::string>{"a", "b", "c", "d"}}) {
      std::vector<std::string> expected = start;
      for (const auto& step : steps) {
        std::string op = step.op;
        if (op == "replace" || (op == "remove" && step.ids.empty())) expected.clear();
        for (const auto& id : step.ids) {
          expected.erase(std::remove(expected.begin(), expected.end(), id), expected.end());
          if (op != "remove") expected.push_back(id);
        }
      }
      std::sort(expected.begin(), expected.end());
      BOOST_TEST(apply_combined(start, result.members) == expected, ops);
    }
    // Never an id in both lists, never one twice.
    for (const auto& m : result.members.add) {
      BOOST_TEST(std::count(result.members.remove.begin(), result.members.remove.end(), m.value) == 0);
    }
  }
}

// ---- golden cases ----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(golden_case_folder_is_not_empty) {
  BOOST_TEST(kGoldenCases.size() > 0u, "no cases in " << cases_dir());
}

BOOST_DATA_TEST_CASE(golden_patch_cases, boost::unit_test::data::make(kGoldenCases), name) {
  fs::path dir = cases_dir() / name;
  json::Value resource = read_json(dir / "resource.json");
  json::Value request = read_json(dir / "request.json");
  std::string resource_before = text_of(resource);

  SchemaRegistry tenant;
  if (fs::exists(dir / "extension.json")) {
    json::Value ext = read_json(dir / "extension.json");
    auto schema = scim::Schema::from_json(ext.get("schema"));
    BOOST_REQUIRE_MESSAGE(schema.has_value(), (schema ? "" : schema.error().detail()));
    auto added = tenant.add_extension(ext.get("resourceType").as_string().value_or("User"), *schema,
                                      ext.get("required").as_bool().value_or(false));
    BOOST_REQUIRE_MESSAGE(added.has_value(), (added ? "" : added.error().detail()));
  }
  bool is_group = text_of(resource.get("schemas")).find(scim::kGroupSchemaUrn) != std::string::npos;
  const scim::ResourceType* type = tenant.find_resource_type(is_group ? "Group" : "User");
  BOOST_REQUIRE(type != nullptr);

  auto result = scim::apply_patch(resource, request, *type, tenant);
  BOOST_TEST(text_of(resource) == resource_before, "the input document was modified");

  if (fs::exists(dir / "error.json")) {
    json::Value expected = read_json(dir / "error.json");
    BOOST_REQUIRE_MESSAGE(!result.has_value(), "expected an error, got " << (result ? text_of(result->document) : ""));
    const Error& e = result.error();
    BOOST_TEST(golden_status(e.kind()) == expected.get("status").as_string().value_or(""), e.detail());
    BOOST_TEST(std::string(scim::scim_type_keyword(e.scim_type())) ==
                   std::string(expected.get("scimType").as_string().value_or("")),
               e.detail());
    if (auto contains = expected.get("detailContains").as_string()) {
      BOOST_TEST(e.detail().find(*contains) != std::string::npos, "detail: " << e.detail());
    }
    return;
  }

  BOOST_REQUIRE_MESSAGE(result.has_value(), (result ? "" : result.error().detail()));
  json::Value expected = read_json(dir / "expected.json").deep_copy();
  json::Value expected_members = expected.get("memberChanges");
  json::Value expected_changed = expected.get("changed");
  std::string expected_active(expected.get("activeChange").as_string().value_or("none"));
  expected.erase("memberChanges");
  expected.erase("changed");
  expected.erase("activeChange");

  BOOST_TEST(result->document.equals(expected),
             "document\n  got:      " << text_of(result->document) << "\n  expected: " << text_of(expected));
  bool changed = expected_changed ? expected_changed.as_bool().value_or(true) : !expected.equals(resource);
  BOOST_TEST(result->changed == changed);
  BOOST_TEST(std::string(active_change_name(result->active_change)) == expected_active);
  json::Value got_members = member_changes_json(result->members);
  json::Value want_members = complete_member_changes(expected_members ? expected_members : json::Value::object());
  BOOST_TEST(got_members.equals(want_members),
             "memberChanges\n  got:      " << text_of(got_members) << "\n  expected: " << text_of(want_members));
}

BOOST_AUTO_TEST_SUITE_END()

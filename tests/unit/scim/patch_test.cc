// scim::apply_patch: the request (body, operations, paths), order and
// atomicity, and the golden cases under tests/cases/patch.  Values and
// mutability are in patch_value_test.cc, Group members in
// patch_members_test.cc.
#include "scim/patch.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "json/io.h"
#include "scim/core_schemas.h"
#include "scim/schema.h"
#include "unit/scim/patch_fixture.h"

namespace json = fastscim::json;
namespace scim = fastscim::scim;
using namespace fastscim::testing::patch_fixture;

namespace fs = std::filesystem;

namespace {

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

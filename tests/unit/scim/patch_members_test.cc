// scim::apply_patch on Group members: reported as MemberChanges, never written
// into the document.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "scim/patch.h"
#include "unit/scim/patch_fixture.h"

using namespace fastscim::testing::patch_fixture;

namespace {

std::string joined(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ",") + id;
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(patch_members_test)

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

BOOST_AUTO_TEST_SUITE_END()

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

namespace {

// `n` member values as a JSON array: [{"value":"m0"},...].
std::string member_array(int n, int from = 0) {
  std::string out = "[";
  for (int i = from; i < from + n; ++i)
    out += (i > from ? "," : "") + std::string(R"({"value":"m)") + std::to_string(i) + R"("})";
  return out + "]";
}

}  // namespace

// issue12: a request is bounded in operations and in members named.
BOOST_AUTO_TEST_CASE(issue12_more_operations_than_allowed_is_too_many) {
  PatchOptions options;
  options.max_operations = 3;
  std::string three = R"([{"op":"add","path":"members","value":"a"},{"op":"add","path":"members","value":"b"},
                          {"op":"add","path":"members","value":"c"}])";
  BOOST_TEST(require_ok(patch_group(three, options)).members.add.size() == 3u);
  std::string four = three.substr(0, three.size() - 1) + R"(,{"op":"add","path":"members","value":"d"}])";
  Error e = require_error(patch_group(four, options));
  BOOST_TEST(keyword_of(e) == "tooMany");
  BOOST_TEST(e.detail().find("at most 3") != std::string::npos, e.detail());
}

BOOST_AUTO_TEST_CASE(issue12_more_members_than_allowed_in_all_operations_is_too_many) {
  PatchOptions options;
  options.max_members = 10;
  std::string ten = R"([{"op":"add","path":"members","value":)" + member_array(6) +
                    R"(},{"op":"remove","path":"members","value":)" + member_array(4, 6) + "}]";
  BOOST_TEST(require_ok(patch_group(ten, options)).members.add.size() == 6u);
  std::string eleven = R"([{"op":"add","path":"members","value":)" + member_array(6) +
                       R"(},{"op":"remove","path":"members[value eq \"x\" or value eq \"y\"]"},)" +
                       R"({"op":"add","path":"members","value":)" + member_array(3, 20) + "}]";
  Error e = require_error(patch_group(eleven, options));
  BOOST_TEST(keyword_of(e) == "tooMany");
}

// issue12: combining many member operations stays linear: 20,000 adds, then
// removes of every other one, then re-adds, keep the first-mention order.
BOOST_AUTO_TEST_CASE(issue12_many_members_combine_in_order_without_duplicates) {
  std::string ops = R"([{"op":"add","path":"members","value":)" + member_array(20000) + "}," +
                    R"({"op":"add","path":"members","value":)" + member_array(20000) + "}";
  std::string removed = "[";
  for (int i = 0; i < 20000; i += 2)
    removed += (i > 0 ? "," : "") + std::string(R"({"value":"m)") + std::to_string(i) + R"("})";
  ops += R"(,{"op":"remove","path":"members","value":)" + removed + "]}";
  ops += R"(,{"op":"add","path":"members","value":[{"value":"m0"}]}])";
  auto result = require_ok(patch_group(ops));
  BOOST_REQUIRE(result.members.add.size() == 10001u);
  BOOST_TEST(result.members.add[0].value == "m1");
  BOOST_TEST(result.members.add[9999].value == "m19999");
  BOOST_TEST(result.members.add[10000].value == "m0");  // added again after its removal
  BOOST_TEST(result.members.remove.size() == 9999u);    // m0 was added back
  BOOST_TEST(result.members.remove.front() == "m2");
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

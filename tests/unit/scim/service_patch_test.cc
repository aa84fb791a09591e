// scim::Service::patch: the answers, preconditions and lost races, passwords,
// deactivation, and Group members.
#include <optional>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "scim/service.h"
#include "unit/scim/service_fixture.h"

namespace json = fastscim::json;
namespace scim = fastscim::scim;
using namespace fastscim::testing::service_fixture;

BOOST_AUTO_TEST_SUITE(service_patch_test)

// PAT-11: 204 with the new ETag unless the client asks for the resource.
BOOST_FIXTURE_TEST_CASE(patch_answers_204_with_the_new_etag, Fixture) {
  std::string id = user_id("a");
  Outcome out = ok(service.patch(context, users, id,
                                 patch_body(R"({"op":"Replace","path":"userName","value":"newusername"})"), {}, {}));
  BOOST_TEST(out.kind == OutcomeKind::kNoContent);
  BOOST_TEST(!out.body);
  BOOST_TEST(out.version == 2);
  BOOST_TEST(str(get_user(id).get("userName")) == "newusername");
}

// PAT-11, PRJ-01: with attributes (or excludedAttributes) the answer is 200 with the projected resource.
BOOST_FIXTURE_TEST_CASE(patch_with_attributes_answers_200_with_the_projected_resource, Fixture) {
  std::string id = user_id("a", R"("title":"T")");
  Outcome out = ok(service.patch(context, users, id, patch_body(R"({"op":"replace","path":"active","value":"False"})"),
                                 {{"attributes", "active"}}, {}));
  BOOST_TEST(out.kind == OutcomeKind::kOk);
  BOOST_TEST(out.body.get("active").as_bool() == std::optional<bool>(false));
  BOOST_TEST(!out.body.get("title"));
  BOOST_TEST(str(out.body.get("id")) == id);
  BOOST_TEST(out.version == 2);
  Outcome excluded = ok(service.patch(context, users, id, patch_body(R"({"op":"add","path":"nickName","value":"N"})"),
                                      {{"excludedAttributes", "title"}}, {}));
  BOOST_TEST(excluded.kind == OutcomeKind::kOk);
  BOOST_TEST(str(excluded.body.get("nickName")) == "N");
  BOOST_TEST(!excluded.body.get("title"));
}

// PAT-15, VER-04: a PATCH that changes nothing writes nothing.
BOOST_FIXTURE_TEST_CASE(patch_that_changes_nothing_writes_nothing, Fixture) {
  std::string id = user_id("a", R"("title":"T")");
  int writes = memory.writes();
  Outcome out = ok(
      service.patch(context, users, id, patch_body(R"({"op":"replace","path":"title","value":"T"})"), {}, {}));
  BOOST_TEST(out.kind == OutcomeKind::kNoContent);
  BOOST_TEST(out.version == 1);
  BOOST_TEST(memory.writes() == writes);
}

// VER-06: a stale If-Match is 412 and nothing is written; VER-08: "*" and weak tags match.
BOOST_FIXTURE_TEST_CASE(patch_checks_if_match, Fixture) {
  std::string id = user_id("a");
  json::Value body = patch_body(R"({"op":"replace","path":"title","value":"T"})");
  BOOST_TEST(err(service.patch(context, users, id, body, {}, if_match(9))).kind() == scim::ErrorKind::kVersionConflict);
  BOOST_TEST(stored_version("User", id) == 1);
  BOOST_TEST(ok(service.patch(context, users, id, body, {}, if_match(1))).version == 2);
  BOOST_TEST(ok(service.patch(context, users, id, patch_body(R"({"op":"replace","path":"title","value":"U"})"), {},
                              if_match_any()))
                 .version == 3);
}

BOOST_FIXTURE_TEST_CASE(patch_of_an_unknown_id_is_404, Fixture) {
  BOOST_TEST(
      err(service.patch(context, users, "nope", patch_body(R"({"op":"add","path":"title","value":"T"})"), {}, {}))
          .kind() == scim::ErrorKind::kNotFound);
}

// PAT-02, PAT-07: an invalid request is the engine's 400, and nothing is written.
BOOST_FIXTURE_TEST_CASE(patch_errors_come_from_the_engine_and_write_nothing, Fixture) {
  std::string id = user_id("a");
  Error e = err(service.patch(context, users, id, parse(R"({"Operations":[]})"), {}, {}));
  BOOST_TEST(e.kind() == scim::ErrorKind::kInvalid);
  e = err(service.patch(context, users, id,
                        patch_body(R"({"op":"replace","path":"title","value":"T"},{"op":"remove","path":"userName"})"),
                        {}, {}));
  BOOST_TEST(e.kind() == scim::ErrorKind::kInvalid);
  BOOST_TEST(e.scim_type() == ScimType::kMutability);
  BOOST_TEST(!get_user(id).get("title"));
  BOOST_TEST(stored_version("User", id) == 1);
}

// Optimistic concurrency: a PATCH that loses a race is re-applied to the new
// version, so neither change is lost.
BOOST_FIXTURE_TEST_CASE(patch_losing_a_race_is_retried_and_loses_no_change, Fixture) {
  std::string id = user_id("a");
  repository.before_write(Op::kReplace, [&] { concurrent_set("User", id, "nickName", "racer"); });
  Outcome out = ok(service.patch(context, users, id, patch_body(R"({"op":"add","path":"title","value":"T"})"), {}, {}));
  BOOST_TEST(out.kind == OutcomeKind::kNoContent);
  BOOST_TEST(repository.calls(Op::kReplace) == 2);
  json::Value user = get_user(id);
  BOOST_TEST(str(user.get("title")) == "T");
  BOOST_TEST(str(user.get("nickName")) == "racer");
  BOOST_TEST(out.version == 3);
}

// With the client's own If-Match a lost race is the client's 412, not a retry.
BOOST_FIXTURE_TEST_CASE(patch_with_if_match_that_loses_a_race_is_412, Fixture) {
  std::string id = user_id("a");
  repository.before_write(Op::kReplace, [&] { concurrent_set("User", id, "nickName", "racer"); });
  Error e = err(
      service.patch(context, users, id, patch_body(R"({"op":"add","path":"title","value":"T"})"), {}, if_match(1)));
  BOOST_TEST(e.kind() == scim::ErrorKind::kVersionConflict);
  BOOST_TEST(repository.calls(Op::kReplace) == 1);
  BOOST_TEST(!get_user(id).get("title"));
}

// After max_write_attempts lost races the service gives up with 409 and writes nothing.
BOOST_FIXTURE_TEST_CASE(patch_gives_up_with_409_after_repeated_races, Fixture) {
  std::string id = user_id("a");
  repository.before_write(
      Op::kReplace, [&] { concurrent_set("User", id, "nickName", "racer"); }, -1);
  Error e = err(service.patch(context, users, id, patch_body(R"({"op":"add","path":"title","value":"T"})"), {}, {}));
  BOOST_TEST(e.kind() == scim::ErrorKind::kConflict);
  BOOST_TEST(repository.calls(Op::kReplace) == 5);
  BOOST_TEST(!get_user(id).get("title"));
}

// SEC-09: a patched password is hashed; other PATCHes leave the hash alone.
BOOST_FIXTURE_TEST_CASE(patch_hashes_a_new_password_and_keeps_an_untouched_one, Fixture) {
  std::string id = user_id("a", R"("password":"one")");
  ok(service.patch(context, users, id, patch_body(R"({"op":"replace","path":"title","value":"T"})"), {}, {}));
  BOOST_TEST(str(memory.document_for_testing(1, id).get("password")) == "hashed:one");
  Outcome out = ok(service.patch(context, users, id, patch_body(R"({"op":"replace","path":"password","value":"two"})"),
                                 {{"attributes", "password,userName"}}, {}));
  BOOST_TEST(str(memory.document_for_testing(1, id).get("password")) == "hashed:two");
  BOOST_TEST(!out.body.get("password"));
}

// Entra's deactivation (entra-provisioning.md §6.6) is recorded for the outbox.
BOOST_FIXTURE_TEST_CASE(patch_active_false_records_a_deactivation, Fixture) {
  std::string id = user_id("a", R"("active":true)");
  ok(service.patch(context, users, id, patch_body(R"({"op":"Replace","path":"active","value":"False"})"), {}, {}));
  BOOST_TEST(memory.events().back().type == "user.deactivated");
  BOOST_TEST(get_user(id).get("active").as_bool() == std::optional<bool>(false));
  ok(service.patch(context, users, id, patch_body(R"({"op":"Replace","path":"active","value":"True"})"), {}, {}));
  BOOST_TEST(memory.events().back().type == "user.reactivated");
}

// Membership PATCHes go to modify_members and never rewrite the document.
BOOST_FIXTURE_TEST_CASE(patch_of_members_only_touches_the_members, Fixture) {
  std::string a = user_id("a"), b = user_id("b");
  std::string team = group_id("Team");
  Outcome out = ok(service.patch(
      context, groups, team,
      patch_body(R"({"op":"Add","path":"members","value":[{"value":")" + a + R"("},{"value":")" + b + "\"}]}"), {},
      {}));
  BOOST_TEST(out.kind == OutcomeKind::kNoContent);
  BOOST_TEST(memory.modify_members_calls() == 1);
  BOOST_TEST(memory.replace_calls() == 0);
  BOOST_TEST(has_member(get_group(team), a));
  ok(service.patch(context, groups, team, patch_body(R"({"op":"remove","path":"members[value eq \")" + a + R"(\"]"})"),
                   {}, {}));
  json::Value group = get_group(team);
  BOOST_TEST(!has_member(group, a));
  BOOST_TEST(has_member(group, b));
  ok(service.patch(context, groups, team, patch_body(R"({"op":"remove","path":"members"})"), {}, {}));
  BOOST_TEST(!get_group(team).get("members"));
  BOOST_TEST(memory.replace_calls() == 0);
}

// Concurrent membership additions commute: no version is required, nothing is retried or lost.
BOOST_FIXTURE_TEST_CASE(concurrent_member_additions_are_not_retried_and_all_land, Fixture) {
  std::string a = user_id("a"), b = user_id("b");
  std::string team = group_id("Team");
  repository.before_write(Op::kModifyMembers, [&] {
    auto r = memory.modify_members(1, team, {scim::Member{b, "", ""}}, {}, false, std::nullopt, {});
    BOOST_REQUIRE(r.has_value());
  });
  ok(service.patch(context, groups, team,
                   patch_body(R"({"op":"add","path":"members","value":[{"value":")" + a + "\"}]}"), {}, {}));
  BOOST_TEST(repository.calls(Op::kModifyMembers) == 1);
  json::Value group = get_group(team);
  BOOST_TEST(has_member(group, a));
  BOOST_TEST(has_member(group, b));
}

// With If-Match the membership change is conditional too (VER-06).
BOOST_FIXTURE_TEST_CASE(member_patch_with_a_stale_if_match_is_412, Fixture) {
  std::string a = user_id("a");
  std::string team = group_id("Team");
  repository.before_write(Op::kModifyMembers, [&] { concurrent_set("Group", team, "externalId", "x"); });
  Error e = err(service.patch(context, groups, team,
                              patch_body(R"({"op":"add","path":"members","value":[{"value":")" + a + "\"}]}"), {},
                              if_match(1)));
  BOOST_TEST(e.kind() == scim::ErrorKind::kVersionConflict);
  BOOST_TEST(!get_group(team).get("members"));
}

// PAT-07: a PATCH renaming a group and adding a member is written at once.
BOOST_FIXTURE_TEST_CASE(patch_of_document_and_members_is_one_atomic_write, Fixture) {
  std::string a = user_id("a"), b = user_id("b");
  std::string team = group_id("Team", R"("members":[{"value":")" + a + "\"}]");
  const int loads = memory.member_loads();
  Outcome out = ok(service.patch(
      context, groups, team,
      patch_body(
          R"({"op":"replace","path":"displayName","value":"Sourcing"},{"op":"add","path":"members","value":[{"value":")" +
          b + "\"}]}"),
      {}, {}));
  BOOST_TEST(out.version == 2);
  BOOST_TEST(memory.replace_calls() == 1);
  BOOST_TEST(memory.modify_members_calls() == 0);
  // issue12: the member list is never loaded to apply the change (a group
  // of 100,000 members costs the same).
  BOOST_TEST(memory.member_loads() == loads);
  json::Value group = get_group(team);
  BOOST_TEST(str(group.get("displayName")) == "Sourcing");
  BOOST_TEST(has_member(group, a));
  BOOST_TEST(has_member(group, b));
  // An unknown member fails the whole request: the rename is not applied either.
  Error e = err(service.patch(
      context, groups, team,
      patch_body(R"({"op":"replace","path":"displayName","value":"X"},{"op":"add","path":"members","value":"nobody"})"),
      {}, {}));
  BOOST_TEST(e.kind() == scim::ErrorKind::kInvalid);
  BOOST_TEST(str(get_group(team).get("displayName")) == "Sourcing");
}

// PAT-11 for groups: 200 with members only when asked; excludedAttributes=members never loads them.
BOOST_FIXTURE_TEST_CASE(group_patch_returns_members_only_when_asked, Fixture) {
  std::string a = user_id("a");
  std::string team = group_id("Team");
  json::Value add = patch_body(R"({"op":"add","path":"members","value":[{"value":")" + a + "\"}]}");
  Outcome with = ok(service.patch(context, groups, team, add, {{"attributes", "members"}}, {}));
  BOOST_TEST(with.kind == OutcomeKind::kOk);
  BOOST_TEST(has_member(with.body, a));
  int loads = memory.member_loads();
  Outcome without = ok(service.patch(context, groups, team,
                                     patch_body(R"({"op":"replace","path":"displayName","value":"T2"})"),
                                     {{"excludedAttributes", "members"}}, {}));
  BOOST_TEST(without.kind == OutcomeKind::kOk);
  BOOST_TEST(!without.body.get("members"));
  BOOST_TEST(str(without.body.get("displayName")) == "T2");
  BOOST_TEST(memory.member_loads() == loads);
}

// issue12: a request naming more members than allowed is 400 tooMany,
// whether it is a POST, a PUT or a PATCH, and nothing is written.
BOOST_AUTO_TEST_CASE(issue12_too_many_members_in_one_request_is_too_many) {
  scim::SchemaRegistry registry;
  fastscim::testing::MemoryRepository memory{&registry};
  scim::ServiceConfig config = Fixture::config();
  config.max_members_per_request = 2;
  config.max_patch_operations = 2;
  scim::Service service{memory, registry, config};
  scim::Context context{1, kBase};
  const scim::ResourceType& users = *service.find_resource_type("Users");
  const scim::ResourceType& groups = *service.find_resource_type("Groups");
  std::vector<std::string> ids;
  for (const char* name : {"a", "b", "c"}) {
    ids.push_back(str(ok(service.create(context, users, parse(user_json(name)), {})).body.get("id")));
  }
  std::string three = R"("members":[{"value":")" + ids[0] + R"("},{"value":")" + ids[1] + R"("},{"value":")" + ids[2] +
                      "\"}]";
  Error post = err(service.create(context, groups, parse(group_json("Big", three)), {}));
  BOOST_TEST(scim::scim_type_keyword(post.scim_type()) == "tooMany");
  std::string team = str(ok(service.create(context, groups, parse(group_json("Team")), {})).body.get("id"));
  int writes = memory.writes();
  Error put = err(service.replace(context, groups, team, parse(group_json("Team", three)), {}, {}));
  BOOST_TEST(scim::scim_type_keyword(put.scim_type()) == "tooMany");
  Error patch = err(service.patch(context, groups, team,
                                  patch_body(R"({"op":"add","path":"members","value":[{"value":")" + ids[0] +
                                             R"("},{"value":")" + ids[1] + R"("},{"value":")" + ids[2] + "\"}]}"),
                                  {}, {}));
  BOOST_TEST(scim::scim_type_keyword(patch.scim_type()) == "tooMany");
  Error operations = err(service.patch(
      context, groups, team,
      patch_body(R"({"op":"add","path":"members","value":")" + ids[0] + R"("},{"op":"add","path":"members","value":")" +
                 ids[1] + R"("},{"op":"add","path":"members","value":")" + ids[2] + "\"}"),
      {}, {}));
  BOOST_TEST(scim::scim_type_keyword(operations.scim_type()) == "tooMany");
  BOOST_TEST(memory.writes() == writes);
}

BOOST_AUTO_TEST_SUITE_END()

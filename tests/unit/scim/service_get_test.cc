// scim::Service::get (GET by id): ETags and preconditions, 404s, members
// loaded only when needed, and User.groups.
#include <string>

#include <boost/test/unit_test.hpp>

#include "scim/service.h"
#include "unit/scim/service_fixture.h"

namespace json = fastscim::json;
namespace scim = fastscim::scim;
using namespace fastscim::testing::service_fixture;

BOOST_AUTO_TEST_SUITE(service_get_test)

// GET-01, GET-02, VER-02.
BOOST_FIXTURE_TEST_CASE(get_returns_the_resource_with_its_etag, Fixture) {
  std::string id = user_id("a", R"("title":"Buyer")");
  Outcome out = ok(service.get(context, users, id, {}, {}));
  BOOST_TEST(out.kind == OutcomeKind::kOk);
  BOOST_TEST(out.version == 1);
  BOOST_TEST(str(out.body.get("title")) == "Buyer");
  BOOST_TEST(str(out.body.get("meta").get("version")) == scim::etag_for_version(*out.version));  // RES-10
}

// GET-01, SEC-14: unknown ids and other tenants' ids get the same 404.
BOOST_FIXTURE_TEST_CASE(get_of_an_unknown_or_foreign_id_is_404, Fixture) {
  std::string foreign = str(ok(service.create(other_tenant, users, parse(user_json("a")), {})).body.get("id"));
  Error unknown = err(service.get(context, users, "00000000-0000-4000-8000-999999999999", {}, {}));
  Error other = err(service.get(context, users, foreign, {}, {}));
  BOOST_TEST(unknown.kind() == scim::ErrorKind::kNotFound);
  BOOST_TEST(other.kind() == scim::ErrorKind::kNotFound);
  BOOST_TEST(err(service.get(context, groups, user_id("b"), {}, {})).kind() ==
             scim::ErrorKind::kNotFound);  // a user is not a group
}

// VER-05: a matching If-None-Match gives 304 without body.
BOOST_FIXTURE_TEST_CASE(get_with_a_matching_if_none_match_is_304_without_body, Fixture) {
  std::string id = user_id("a");
  Outcome same = ok(service.get(context, users, id, {}, if_none_match(1)));
  BOOST_TEST(same.kind == OutcomeKind::kNotModified);
  BOOST_TEST(!same.body);
  BOOST_TEST(same.version == 1);
  BOOST_TEST(ok(service.get(context, users, id, {}, if_none_match_any())).kind == OutcomeKind::kNotModified);
  BOOST_TEST(ok(service.get(context, users, id, {}, if_none_match(0))).kind == OutcomeKind::kOk);
}

BOOST_FIXTURE_TEST_CASE(get_with_a_stale_if_match_is_412, Fixture) {
  std::string id = user_id("a");
  Error stale = err(service.get(context, users, id, {}, if_match(7)));
  BOOST_TEST(stale.kind() == scim::ErrorKind::kVersionConflict);
  BOOST_TEST(stale.detail() ==
             "If-Match W/\"7\" does not match the current version W/\"1\" of this User; fetch it again.");
  BOOST_TEST(ok(service.get(context, users, id, {}, if_match(1))).kind == OutcomeKind::kOk);
}

// PRJ-08: excludedAttributes=members (Entra's group lookup) never loads members.
BOOST_FIXTURE_TEST_CASE(get_with_excluded_members_never_loads_members, Fixture) {
  std::string alice = user_id("alice");
  std::string team = group_id("Team", R"("members":[{"value":")" + alice + "\"}]");
  int before = memory.member_loads();
  json::Value group = get_group(team, {{"excludedAttributes", "members"}});
  BOOST_TEST(memory.member_loads() == before);
  BOOST_TEST(!group.get("members"));
  BOOST_TEST(str(group.get("displayName")) == "Team");
  get_group(team, {{"attributes", "id,displayName"}});
  BOOST_TEST(memory.member_loads() == before);
  BOOST_TEST(has_member(get_group(team), alice));
  BOOST_TEST(memory.member_loads() == before + 1);
}

// A write reads the user it changes without its groups: the write itself
// reads the groups its answer shows (SCH-05), and an unchanged resource is
// read again with them (PAT-15, VER-04).  excludedAttributes=groups reads
// none (PRJ-08).
BOOST_FIXTURE_TEST_CASE(writes_read_a_users_groups_once_for_their_answer, Fixture) {
  std::string alice = user_id("alice");
  std::string team = group_id("Team", R"("members":[{"value":")" + alice + "\"}]");
  auto shows_team = [&](const json::Value& user) {
    return user.get("groups").size() == 1u && str(user.get("groups").at(0).get("value")) == team;
  };
  const QueryParams with_groups = {{"attributes", "title,groups"}};
  int before = memory.groups_loads();
  Outcome patched = ok(service.patch(
      context, users, alice, patch_body(R"({"op":"replace","path":"title","value":"Buyer"})"), with_groups, {}));
  BOOST_TEST(shows_team(patched.body));
  Outcome put = ok(service.replace(context, users, alice, parse(user_json("alice", R"("title":"Lead")")), {}, {}));
  BOOST_TEST(shows_team(put.body));
  BOOST_TEST(memory.groups_loads() == before);
  Outcome same_patch = ok(service.patch(
      context, users, alice, patch_body(R"({"op":"replace","path":"title","value":"Lead"})"), with_groups, {}));
  BOOST_TEST(same_patch.version == put.version);
  BOOST_TEST(shows_team(same_patch.body));
  Outcome same_put = ok(service.replace(context, users, alice, parse(user_json("alice", R"("title":"Lead")")), {}, {}));
  BOOST_TEST(same_put.version == put.version);
  BOOST_TEST(shows_team(same_put.body));
  BOOST_TEST(memory.groups_loads() == before + 2);
  json::Value without = get_user(alice, {{"excludedAttributes", "groups"}});
  BOOST_TEST(!without.get("groups"));
  BOOST_TEST(memory.groups_loads() == before + 2);
  BOOST_TEST(shows_team(get_user(alice)));
  BOOST_TEST(memory.groups_loads() == before + 3);
}

// SCH-05: User.groups is computed from memberships, type "direct".
BOOST_FIXTURE_TEST_CASE(user_groups_are_computed_from_memberships, Fixture) {
  std::string alice = user_id("alice");
  std::string team = group_id("Team", R"("members":[{"value":")" + alice + "\"}]");
  json::Value user = get_user(alice);
  BOOST_REQUIRE(user.get("groups").size() == 1u);
  json::Value g = user.get("groups").at(0);
  BOOST_TEST(str(g.get("value")) == team);
  BOOST_TEST(str(g.get("$ref")) == std::string(kBase) + "/Groups/" + team);
  BOOST_TEST(str(g.get("display")) == "Team");
  BOOST_TEST(str(g.get("type")) == "direct");
}

BOOST_AUTO_TEST_SUITE_END()

// scim::Service::replace (PUT): what is replaced, ignored or refused,
// preconditions, passwords, Group members, deactivation and lost races.
#include <string>

#include <boost/test/unit_test.hpp>

#include "scim/service.h"
#include "unit/scim/service_fixture.h"

namespace scim = fastscim::scim;
using namespace fastscim::testing::service_fixture;

BOOST_AUTO_TEST_SUITE(service_replace_test)

// PUT-03, PUT-04, PUT-09: supplied values replace, omitted ones are cleared.
BOOST_FIXTURE_TEST_CASE(put_replaces_the_resource_and_clears_omitted_attributes, Fixture) {
  std::string id = user_id("a", R"("title":"Buyer","nickName":"Al")");
  Outcome out = ok(service.replace(context, users, id, parse(user_json("a2", R"("title":"Senior Buyer")")), {}, {}));
  BOOST_TEST(out.kind == OutcomeKind::kOk);
  BOOST_TEST(str(out.body.get("userName")) == "a2");
  BOOST_TEST(str(out.body.get("title")) == "Senior Buyer");
  BOOST_TEST(!out.body.get("nickName"));
  BOOST_TEST(out.version == 2);
  BOOST_TEST(str(out.body.get("meta").get("lastModified")) != str(out.body.get("meta").get("created")));  // RES-08
}

// PUT-07, CV-11: readOnly values (id, meta, groups) are ignored, not rejected.
BOOST_FIXTURE_TEST_CASE(put_ignores_read_only_values, Fixture) {
  std::string id = user_id("a");
  Outcome out = ok(service.replace(
      context, users, id,
      parse(user_json("a", R"("id":"other","meta":{"version":"W/\"42\""},"groups":[{"value":"g"}])")), {}, {}));
  BOOST_TEST(str(out.body.get("id")) == id);
  BOOST_TEST(!out.body.get("groups"));
}

// PUT-08: a PUT without a required attribute is 400 and changes nothing.
BOOST_FIXTURE_TEST_CASE(put_without_user_name_is_400_and_writes_nothing, Fixture) {
  std::string id = user_id("a");
  Error e = err(service.replace(context, users, id,
                                parse(R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userame":"x"})"),
                                {}, {}));
  BOOST_TEST(e.kind() == scim::ErrorKind::kInvalid);
  BOOST_TEST(e.scim_type() == ScimType::kInvalidValue);
  BOOST_TEST(stored_version("User", id) == 1);
}

// PUT-02: PUT never creates.
BOOST_FIXTURE_TEST_CASE(put_to_an_unknown_id_is_404, Fixture) {
  BOOST_TEST(err(service.replace(context, users, "nope", parse(user_json("a")), {}, {})).kind() ==
             scim::ErrorKind::kNotFound);
  BOOST_TEST(memory.size(1) == 0u);
}

// PUT-10: a uniqueness clash is 409.
BOOST_FIXTURE_TEST_CASE(put_taking_another_users_name_is_409, Fixture) {
  user_id("taken");
  std::string id = user_id("a");
  Error e = err(service.replace(context, users, id, parse(user_json("TAKEN")), {}, {}));
  BOOST_TEST(e.kind() == scim::ErrorKind::kUniqueness);
  BOOST_TEST(e.scim_type() == ScimType::kUniqueness);
}

// VER-06, VER-08, PUT-10.
BOOST_FIXTURE_TEST_CASE(put_checks_if_match_weakly, Fixture) {
  std::string id = user_id("a");
  Error stale = err(service.replace(context, users, id, parse(user_json("b")), {}, if_match(5)));
  BOOST_TEST(stale.kind() == scim::ErrorKind::kVersionConflict);
  BOOST_TEST(stored_version("User", id) == 1);
  BOOST_TEST(ok(service.replace(context, users, id, parse(user_json("b")), {}, if_match(1))).version == 2);
  BOOST_TEST(ok(service.replace(context, users, id, parse(user_json("c")), {}, if_match_any())).version == 3);
}

// SEC-09: an omitted password keeps its hash (a client cannot echo it); null clears it.
BOOST_FIXTURE_TEST_CASE(put_keeps_the_password_unless_it_is_given_or_nulled, Fixture) {
  std::string id = user_id("a", R"("password":"one")");
  ok(service.replace(context, users, id, parse(user_json("a", R"("title":"x")")), {}, {}));
  BOOST_TEST(str(memory.document_for_testing(1, id).get("password")) == "hashed:one");
  ok(service.replace(context, users, id, parse(user_json("a", R"("password":"two")")), {}, {}));
  BOOST_TEST(str(memory.document_for_testing(1, id).get("password")) == "hashed:two");
  ok(service.replace(context, users, id, parse(user_json("a", R"("password":null)")), {}, {}));
  BOOST_TEST(!memory.document_for_testing(1, id).get("password"));
}

// VER-04: a PUT that changes nothing keeps the version.
BOOST_FIXTURE_TEST_CASE(put_that_changes_nothing_keeps_the_version, Fixture) {
  std::string id = user_id("a", R"("title":"T")");
  Outcome out = ok(service.replace(context, users, id, parse(user_json("a", R"("title":"T")")), {}, {}));
  BOOST_TEST(out.version == 1);
  BOOST_TEST(memory.replace_calls() == 0);
}

// A group PUT sets exactly the members sent (Microsoft's "Put replace group").
BOOST_FIXTURE_TEST_CASE(put_on_a_group_replaces_its_members, Fixture) {
  std::string a = user_id("a"), b = user_id("b"), c = user_id("c");
  std::string team = group_id("Team", R"("members":[{"value":")" + a + R"("},{"value":")" + b + "\"}]");
  Outcome out = ok(service.replace(
      context, groups, team,
      parse(group_json("Renamed", R"("members":[{"value":")" + b + R"("},{"value":")" + c + "\"}]")), {}, {}));
  BOOST_TEST(str(out.body.get("displayName")) == "Renamed");
  BOOST_TEST(!has_member(out.body, a));
  BOOST_TEST(has_member(out.body, b));
  BOOST_TEST(has_member(out.body, c));
  ok(service.replace(context, groups, team, parse(group_json("Renamed")), {}, {}));
  BOOST_TEST(!get_group(team).get("members"));
}

// Deactivation through PUT is recorded as such for the event outbox.
BOOST_FIXTURE_TEST_CASE(put_that_sets_active_false_records_a_deactivation, Fixture) {
  std::string id = user_id("a", R"("active":true)");
  ok(service.replace(context, users, id, parse(user_json("a", R"("active":false)")), {}, {}));
  BOOST_TEST(memory.events().back().type == "user.deactivated");
  ok(service.replace(context, users, id, parse(user_json("a", R"("active":true)")), {}, {}));
  BOOST_TEST(memory.events().back().type == "user.reactivated");
}

// A concurrent write between read and write makes the service start over.
BOOST_FIXTURE_TEST_CASE(put_is_retried_after_losing_a_race, Fixture) {
  std::string id = user_id("a");
  repository.before_write(Op::kReplace, [&] { concurrent_set("User", id, "nickName", "racer"); });
  Outcome out = ok(service.replace(context, users, id, parse(user_json("a", R"("title":"T")")), {}, {}));
  BOOST_TEST(repository.calls(Op::kReplace) == 2);
  BOOST_TEST(out.version == 3);
  BOOST_TEST(str(out.body.get("title")) == "T");
}

BOOST_AUTO_TEST_SUITE_END()

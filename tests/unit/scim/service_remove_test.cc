// scim::Service::remove (DELETE).
#include <string>

#include <boost/test/unit_test.hpp>

#include "scim/service.h"
#include "unit/scim/service_fixture.h"

namespace json = fastscim::json;
namespace scim = fastscim::scim;
using namespace fastscim::testing::service_fixture;

BOOST_AUTO_TEST_SUITE(service_remove_test)

// DEL-01, DEL-02, DEL-04, CRT-09.
BOOST_FIXTURE_TEST_CASE(delete_answers_204_then_404_and_frees_the_user_name, Fixture) {
  std::string id = user_id("a");
  Outcome out = ok(service.remove(context, users, id, {}));
  BOOST_TEST(out.kind == OutcomeKind::kNoContent);
  BOOST_TEST(!out.body);
  BOOST_TEST(err(service.get(context, users, id, {}, {})).kind() == scim::ErrorKind::kNotFound);
  BOOST_TEST(err(service.remove(context, users, id, {})).kind() == scim::ErrorKind::kNotFound);
  BOOST_TEST(create_user("a").kind == OutcomeKind::kCreated);
  BOOST_TEST(memory.events().back().type == "user.created");
}

// DEL-05.
BOOST_FIXTURE_TEST_CASE(delete_with_a_stale_if_match_is_412_and_keeps_the_resource, Fixture) {
  std::string id = user_id("a");
  BOOST_TEST(err(service.remove(context, users, id, if_match(2))).kind() == scim::ErrorKind::kVersionConflict);
  BOOST_TEST(memory.size(1) == 1u);
  BOOST_TEST(ok(service.remove(context, users, id, if_match(1))).kind == OutcomeKind::kNoContent);
}

// DEL-06: a deleted user leaves every group.
BOOST_FIXTURE_TEST_CASE(deleting_a_user_removes_it_from_groups, Fixture) {
  std::string a = user_id("a"), b = user_id("b");
  std::string team = group_id("Team", R"("members":[{"value":")" + a + R"("},{"value":")" + b + "\"}]");
  ok(service.remove(context, users, a, {}));
  json::Value group = get_group(team);
  BOOST_TEST(!has_member(group, a));
  BOOST_TEST(has_member(group, b));
}

BOOST_AUTO_TEST_SUITE_END()

// scim::Service as a whole: preconditions and store faults.  Each operation
// has its own file: service_{create,get,replace,patch,remove,list}_test.cc.
#include "scim/service.h"

#include <string>

#include <boost/test/unit_test.hpp>

#include "unit/scim/service_fixture.h"

namespace scim = fastscim::scim;
using namespace fastscim::testing::service_fixture;

BOOST_AUTO_TEST_SUITE(service_test)

// ---- preconditions -------------------------------------------------------------

// RES-10, VER-03: meta.version and the ETag are weak; VER-08: "*" matches
// any version, a list matches when one member does.
BOOST_AUTO_TEST_CASE(version_sets_match_any_or_a_listed_version) {
  BOOST_TEST(scim::etag_for_version(3) == "W/\"3\"");
  BOOST_TEST(any_version().matches(3));
  BOOST_TEST(versions(3).matches(3));
  BOOST_TEST(!versions(33).matches(3));
  BOOST_TEST((scim::VersionSet{false, {1, 3}, "W/\"1\", W/\"3\""}.matches(3)));
  BOOST_TEST(!scim::VersionSet{}.matches(3));
  BOOST_TEST(if_match(3).pins_version());
  BOOST_TEST(!if_match_any().pins_version());
  BOOST_TEST(!Preconditions{}.pins_version());
}

// ---- faults --------------------------------------------------------------------------

// A lost database is 503 with Retry-After, and nothing is half-written.
BOOST_FIXTURE_TEST_CASE(database_outages_pass_through_as_503, Fixture) {
  repository.fail(Op::kCreate, Error::unavailable("database unavailable", 5));
  Error e = err(service.create(context, users, parse(user_json("a")), {}));
  BOOST_TEST(e.kind() == scim::ErrorKind::kUnavailable);
  BOOST_TEST(e.retry_after_seconds() == 5);
  BOOST_TEST(memory.size(1) == 0u);
  repository.fail(Op::kSearch, Error::unavailable("database unavailable", 5));
  BOOST_TEST(err(service.list(context, users, {})).kind() == scim::ErrorKind::kUnavailable);
  std::string id = user_id("a");
  repository.fail(Op::kReplace, Error::unavailable("database unavailable", 5));
  BOOST_TEST(
      err(service.patch(context, users, id, patch_body(R"({"op":"add","path":"title","value":"T"})"), {}, {})).kind() ==
      scim::ErrorKind::kUnavailable);
  BOOST_TEST(!get_user(id).get("title"));
}

// A duplicate key found by the store on a write is 409 uniqueness, never retried.
BOOST_FIXTURE_TEST_CASE(store_uniqueness_conflicts_pass_through_as_409, Fixture) {
  std::string id = user_id("a");
  repository.fail(Op::kReplace, Error::uniqueness("userName \"b\" is already taken"));
  Error e = err(
      service.patch(context, users, id, patch_body(R"({"op":"replace","path":"userName","value":"b"})"), {}, {}));
  BOOST_TEST(e.kind() == scim::ErrorKind::kUniqueness);
  BOOST_TEST(e.scim_type() == ScimType::kUniqueness);
  BOOST_TEST(repository.calls(Op::kReplace) == 1);
}

BOOST_AUTO_TEST_SUITE_END()

#include "auth/authenticator.h"

#include <vector>

#include <boost/test/unit_test.hpp>

#include "support/memory_token_store.h"

namespace auth = fastscim::auth;
using fastscim::testing::MemoryTokenStore;

namespace {
struct Fixture {
  MemoryTokenStore store;
  auth::Authenticator authenticator{store};
  std::string token = auth::generate_token();
  Fixture() { store.add(token, 7, "acme"); }
};
}  // namespace

BOOST_AUTO_TEST_SUITE(authenticator_test)

BOOST_FIXTURE_TEST_CASE(bearer_token_selects_its_tenant, Fixture) {
  auto principal = authenticator.authenticate("Bearer " + token);
  BOOST_REQUIRE(principal.has_value());
  BOOST_TEST(principal->tenant_id == 7);
  BOOST_TEST(principal->tenant_name == "acme");
  BOOST_TEST(store.touches() == 1);
}

BOOST_FIXTURE_TEST_CASE(scheme_is_case_insensitive, Fixture) {
  BOOST_TEST(authenticator.authenticate("bearer " + token).has_value());
  BOOST_TEST(authenticator.authenticate("BEARER  " + token + " ").has_value());
}

BOOST_FIXTURE_TEST_CASE(missing_header_is_reported_as_missing, Fixture) {
  auto r = authenticator.authenticate("");
  BOOST_REQUIRE(!r.has_value());
  BOOST_TEST(static_cast<int>(r.error()) == static_cast<int>(auth::AuthFailure::kMissing));
}

BOOST_FIXTURE_TEST_CASE(other_schemes_are_malformed, Fixture) {
  for (const char* header : {"Basic dXNlcjpwYXNz", "Bearer", "Bearer   ", "Token abc"}) {
    auto r = authenticator.authenticate(header);
    BOOST_REQUIRE(!r.has_value());
    BOOST_TEST(static_cast<int>(r.error()) == static_cast<int>(auth::AuthFailure::kMalformed), header);
  }
}

BOOST_FIXTURE_TEST_CASE(unknown_and_revoked_tokens_are_rejected, Fixture) {
  auto unknown = authenticator.authenticate("Bearer " + auth::generate_token());
  BOOST_REQUIRE(!unknown.has_value());
  BOOST_TEST(static_cast<int>(unknown.error()) == static_cast<int>(auth::AuthFailure::kRejected));
  store.revoke(token);
  auto revoked = authenticator.authenticate("Bearer " + token);
  BOOST_REQUIRE(!revoked.has_value());
  BOOST_TEST(static_cast<int>(revoked.error()) == static_cast<int>(auth::AuthFailure::kRejected));
}

BOOST_FIXTURE_TEST_CASE(store_outage_is_reported_as_unavailable, Fixture) {
  store.set_unavailable(true);
  auto r = authenticator.authenticate("Bearer " + token);
  BOOST_REQUIRE(!r.has_value());
  BOOST_TEST(static_cast<int>(r.error()) == static_cast<int>(auth::AuthFailure::kUnavailable));
}

// issue12: a fault of the store (a bug) is not an outage: 500, not 503.
BOOST_FIXTURE_TEST_CASE(issue12_a_faulty_store_is_internal_not_unavailable, Fixture) {
  store.set_faulty(true);
  auto r = authenticator.authenticate("Bearer " + token);
  BOOST_REQUIRE(!r.has_value());
  BOOST_TEST(static_cast<int>(r.error()) == static_cast<int>(auth::AuthFailure::kInternal));
}

// The token's use is recorded behind the request, not written inside it.
BOOST_FIXTURE_TEST_CASE(with_token_uses_a_use_is_queued_not_written, Fixture) {
  auth::TokenUses uses;
  auth::TokenCache cache(auth::TokenCacheOptions{}, nullptr);
  auth::Authenticator queued(store, &cache, &uses);
  std::string other = auth::generate_token();
  long long other_id = store.add(other, 8, "other");
  BOOST_REQUIRE(queued.authenticate("Bearer " + token).has_value());  // looked up: stale stamp
  BOOST_REQUIRE(queued.authenticate("Bearer " + token).has_value());  // cached: stamped already
  BOOST_REQUIRE(queued.authenticate("Bearer " + other).has_value());
  BOOST_TEST(store.touches() == 0);
  std::vector<long long> batch = uses.take();
  BOOST_TEST(batch == (std::vector<long long>{1, other_id}), boost::test_tools::per_element());
  BOOST_TEST(uses.take().empty());
}

BOOST_AUTO_TEST_CASE(token_uses_are_taken_once_each_and_bounded) {
  auth::TokenUses uses(3);
  for (long long id : {5, 3, 5, 9, 4}) uses.add(id);  // 4: a fourth token, over the bound
  std::vector<long long> batch = uses.take();
  BOOST_TEST(batch == (std::vector<long long>{3, 5, 9}), boost::test_tools::per_element());
  uses.add(4);
  BOOST_TEST(uses.take() == (std::vector<long long>{4}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

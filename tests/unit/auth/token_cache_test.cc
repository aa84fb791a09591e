#include "auth/token_cache.h"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>

#include <boost/test/unit_test.hpp>

#include "auth/authenticator.h"
#include "support/memory_token_store.h"

namespace auth = fastscim::auth;
using fastscim::testing::MemoryTokenStore;
using Clock = auth::TokenCache::Clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

auth::TokenRecord record_for(int n, long long epoch = 0) {
  auth::TokenRecord r;
  r.token_id = n;
  r.tenant_id = 100 + n;
  r.tenant_name = "tenant" + std::to_string(n);
  r.hash = auth::sha256("secret" + std::to_string(n));
  r.auth_epoch = epoch;
  return r;
}

// A cache whose epoch is checked on every request (check_interval 0), so
// every change the store makes is seen without waiting.
struct Fixture {
  MemoryTokenStore store;
  auth::TokenCache cache{auth::TokenCacheOptions{16, milliseconds(0), seconds(60)}, nullptr};
  auth::Authenticator authenticator{store, &cache};
  std::string token = auth::generate_token();
  Fixture() { store.add(token, 7, "acme"); }
};

// The epoch file lives in a fresh temporary directory.
struct TempFile {
  std::string dir;
  std::string path;
  TempFile() {
    char pattern[] = "/tmp/fastscim-epoch-XXXXXX";
    dir = ::mkdtemp(pattern);
    path = dir + "/epoch";
  }
  ~TempFile() {
    ::unlink(path.c_str());
    ::rmdir(dir.c_str());
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(token_cache_test)

BOOST_AUTO_TEST_CASE(answers_only_within_the_check_interval) {
  auth::TokenCache cache(auth::TokenCacheOptions{16, milliseconds(500), seconds(60)}, nullptr);
  auto t0 = Clock::now();
  cache.insert(record_for(1), 0, t0);
  BOOST_TEST(cache.find(record_for(1).hash, t0 + milliseconds(499)).has_value());
  BOOST_TEST(!cache.find(record_for(1).hash, t0 + milliseconds(500)).has_value());
  cache.observe(0, t0 + milliseconds(600));
  BOOST_TEST(cache.find(record_for(1).hash, t0 + milliseconds(700)).has_value());
}

BOOST_AUTO_TEST_CASE(a_new_epoch_empties_the_cache_and_refuses_older_records) {
  auth::TokenCache cache(auth::TokenCacheOptions{}, nullptr);
  auto t0 = Clock::now();
  cache.insert(record_for(1, 4), 0, t0);
  BOOST_TEST(cache.size() == 1U);
  cache.observe(5, t0 + milliseconds(1));
  BOOST_TEST(cache.size() == 0U);
  // Read before the change that raised the epoch: never kept.
  cache.insert(record_for(1, 4), 0, t0);
  BOOST_TEST(!cache.find(record_for(1).hash, t0 + milliseconds(2)).has_value());
  cache.insert(record_for(1, 5), 0, t0 + milliseconds(2));
  BOOST_TEST(cache.find(record_for(1).hash, t0 + milliseconds(3)).has_value());
}

BOOST_AUTO_TEST_CASE(holds_at_most_its_capacity_evicting_the_least_recently_used) {
  auth::TokenCache cache(auth::TokenCacheOptions{3, milliseconds(500), seconds(60)}, nullptr);
  auto t0 = Clock::now();
  for (int n = 1; n <= 3; ++n) cache.insert(record_for(n), 0, t0);
  BOOST_TEST(cache.find(record_for(1).hash, t0).has_value());  // 2 is now the least recently used
  cache.insert(record_for(4), 0, t0);
  BOOST_TEST(cache.size() == 3U);
  BOOST_TEST(!cache.find(record_for(2).hash, t0).has_value());
  for (int n : {1, 3, 4}) BOOST_TEST(cache.find(record_for(n).hash, t0).has_value(), n);
}

BOOST_AUTO_TEST_CASE(a_token_is_not_answered_past_its_expiry) {
  auth::TokenCache cache(auth::TokenCacheOptions{}, nullptr);
  auto t0 = Clock::now();
  auth::TokenRecord r = record_for(1);
  r.expires_in_us = 100000;  // 100 ms
  cache.insert(r, 0, t0);
  BOOST_TEST(cache.find(r.hash, t0 + milliseconds(99)).has_value());
  BOOST_TEST(!cache.find(r.hash, t0 + milliseconds(100)).has_value());
  BOOST_TEST(cache.size() == 0U);
}

BOOST_AUTO_TEST_CASE(revoked_or_expired_records_are_never_kept) {
  auth::TokenCache cache(auth::TokenCacheOptions{}, nullptr);
  auto t0 = Clock::now();
  auth::TokenRecord revoked = record_for(1);
  revoked.revoked = true;
  auth::TokenRecord expired = record_for(2);
  expired.expired = true;
  cache.insert(revoked, 0, t0);
  cache.insert(expired, 0, t0);
  BOOST_TEST(cache.size() == 0U);
}

BOOST_AUTO_TEST_CASE(a_raised_epoch_file_empties_the_cache_and_refuses_lookups_begun_before) {
  TempFile temp;
  auth::EpochFile file(temp.path);
  BOOST_REQUIRE(file.valid());
  auth::TokenCache cache(auth::TokenCacheOptions{}, &file);
  auto t0 = Clock::now();
  uint64_t before = cache.local_epoch();
  cache.insert(record_for(1), before, t0);
  BOOST_TEST(cache.find(record_for(1).hash, t0).has_value());

  // Another process's change: a second mapping of the same file.
  auth::EpochFile other(temp.path);
  other.bump();
  BOOST_TEST(!cache.find(record_for(1).hash, t0).has_value());
  cache.insert(record_for(1), before, t0);  // looked up before the change
  BOOST_TEST(cache.size() == 0U);
  cache.insert(record_for(1), cache.local_epoch(), t0);
  BOOST_TEST(cache.find(record_for(1).hash, t0).has_value());
}

BOOST_AUTO_TEST_CASE(a_cached_token_is_touched_once_per_touch_interval) {
  auth::TokenCache cache(auth::TokenCacheOptions{16, milliseconds(500), seconds(60)}, nullptr);
  auto t0 = Clock::now();
  cache.insert(record_for(1), 0, t0);
  cache.observe(0, t0 + seconds(60));
  auto due = cache.find(record_for(1).hash, t0 + seconds(60));
  BOOST_REQUIRE(due.has_value());
  BOOST_TEST(due->touch);
  auto again = cache.find(record_for(1).hash, t0 + seconds(60) + milliseconds(1));
  BOOST_REQUIRE(again.has_value());
  BOOST_TEST(!again->touch);
}

BOOST_FIXTURE_TEST_CASE(an_accepted_token_is_answered_from_the_cache, Fixture) {
  // An interval long enough that no check falls due during the test.
  auth::TokenCache lasting(auth::TokenCacheOptions{16, milliseconds(60000), seconds(60)}, nullptr);
  auth::Authenticator cached(store, &lasting);
  BOOST_TEST(cached.authenticate("Bearer " + token).has_value());
  BOOST_TEST(cached.authenticate("Bearer " + token).has_value());
  BOOST_TEST(store.lookups() == 1);
}

BOOST_FIXTURE_TEST_CASE(a_revocation_applies_once_the_epoch_is_read, Fixture) {
  BOOST_TEST(authenticator.authenticate("Bearer " + token).has_value());
  store.revoke(token);
  auto r = authenticator.authenticate("Bearer " + token);
  BOOST_REQUIRE(!r.has_value());
  BOOST_TEST(static_cast<int>(r.error()) == static_cast<int>(auth::AuthFailure::kRejected));
}

BOOST_FIXTURE_TEST_CASE(a_tenant_setting_change_is_seen_once_the_epoch_is_read, Fixture) {
  BOOST_TEST(authenticator.authenticate("Bearer " + token)->provisioning);
  store.set_provisioning(token, false);
  BOOST_TEST(!authenticator.authenticate("Bearer " + token)->provisioning);
}

BOOST_FIXTURE_TEST_CASE(unknown_tokens_are_looked_up_every_time, Fixture) {
  std::string unknown = auth::generate_token();
  BOOST_TEST(!authenticator.authenticate("Bearer " + unknown).has_value());
  BOOST_TEST(!authenticator.authenticate("Bearer " + unknown).has_value());
  BOOST_TEST(store.lookups() == 2);
}

BOOST_FIXTURE_TEST_CASE(an_outage_is_not_hidden_by_the_cache_once_stale, Fixture) {
  BOOST_TEST(authenticator.authenticate("Bearer " + token).has_value());
  store.set_unavailable(true);
  auto r = authenticator.authenticate("Bearer " + token);
  BOOST_REQUIRE(!r.has_value());
  BOOST_TEST(static_cast<int>(r.error()) == static_cast<int>(auth::AuthFailure::kUnavailable));
}

BOOST_AUTO_TEST_SUITE_END()

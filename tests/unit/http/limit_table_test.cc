#include "http/limit_table.h"

#include <cstdint>
#include <memory>
#include <set>

#include <boost/test/unit_test.hpp>

namespace http = fastscim::http;

using http::Verdict;

BOOST_TEST_DONT_PRINT_LOG_VALUE(http::Verdict)

namespace {

constexpr int64_t kSecond = 1000000000LL;
constexpr int64_t kLeaseMax = 600 * kSecond;

struct Fixture {
  // Zeroed, as a new shared file is.
  std::unique_ptr<http::LimitTable> table = std::make_unique<http::LimitTable>();
  std::set<int32_t> dead;
  http::PidAlive alive = [this](int32_t pid) { return dead.count(pid) == 0; };

  http::Admission admit(int64_t tenant, const http::TenantLimits& limits, int64_t now, int32_t pid = 100) {
    return http::admit(*table, tenant, limits, now, pid, alive, kLeaseMax);
  }
  void release(int64_t tenant, const http::Admission& a, int32_t pid = 100) { http::release(*table, tenant, a, pid); }
  // Admits and at once releases: a request that finished.
  Verdict pass(int64_t tenant, const http::TenantLimits& limits, int64_t now, int32_t pid = 100) {
    http::Admission a = admit(tenant, limits, now, pid);
    release(tenant, a, pid);
    return a.verdict;
  }
};

http::TenantLimits rate(double per_second, double burst) { return {per_second, burst, 0}; }
http::TenantLimits cap(int max_concurrent) { return {0, 0, max_concurrent}; }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(limit_table_test, Fixture)

// Issue 12: a burst passes at once; beyond it, 429 with the wait for one token.
BOOST_AUTO_TEST_CASE(admits_a_burst_then_refuses_with_the_wait_for_a_token) {
  for (int i = 0; i < 3; ++i) BOOST_TEST(pass(1, rate(0.5, 3), 0) == Verdict::kAdmitted);
  http::Admission refused = admit(1, rate(0.5, 3), 0);
  BOOST_TEST(refused.verdict == Verdict::kRateLimited);
  BOOST_TEST(refused.retry_after == 2);  // one token at 0.5 a second
}

BOOST_AUTO_TEST_CASE(the_bucket_refills_at_the_rate_and_never_beyond_the_burst) {
  for (int i = 0; i < 2; ++i) pass(1, rate(10, 2), 0);
  BOOST_TEST(pass(1, rate(10, 2), 0) == Verdict::kRateLimited);
  BOOST_TEST(pass(1, rate(10, 2), kSecond / 10) == Verdict::kAdmitted);
  BOOST_TEST(pass(1, rate(10, 2), kSecond / 10) == Verdict::kRateLimited);
  // An hour idle fills the bucket to its burst, not to 36,000.
  int64_t later = 3600 * kSecond;
  BOOST_TEST(pass(1, rate(10, 2), later) == Verdict::kAdmitted);
  BOOST_TEST(pass(1, rate(10, 2), later) == Verdict::kAdmitted);
  BOOST_TEST(pass(1, rate(10, 2), later) == Verdict::kRateLimited);
}

// A client hammering through its 429s does not push its next success further away.
// Each process reads the clock before it takes the table's lock, so an
// admission may arrive with an earlier time than the last one: the elapsed
// time is never counted twice.
BOOST_AUTO_TEST_CASE(an_earlier_time_after_a_later_one_refills_nothing_twice) {
  for (int i = 0; i < 2; ++i) pass(1, rate(10, 2), 0);
  BOOST_TEST(pass(1, rate(10, 2), kSecond / 10) == Verdict::kAdmitted);  // the token of 0.1 s
  BOOST_TEST(pass(1, rate(10, 2), 0) == Verdict::kRateLimited);          // read before the last one
  // From 0.1 s to 0.2 s: one token, not the two of 0 s to 0.2 s.
  BOOST_TEST(pass(1, rate(10, 2), kSecond / 5) == Verdict::kAdmitted);
  BOOST_TEST(pass(1, rate(10, 2), kSecond / 5) == Verdict::kRateLimited);
}

BOOST_AUTO_TEST_CASE(a_refusal_spends_no_token) {
  pass(1, rate(1, 1), 0);
  for (int i = 0; i < 100; ++i) pass(1, rate(1, 1), kSecond / 2);
  BOOST_TEST(pass(1, rate(1, 1), kSecond) == Verdict::kAdmitted);
}

// BLK-12: a bulk request's further operations are charged after it was
// admitted; the debt is paid before the tenant's next request passes.
BOOST_AUTO_TEST_CASE(a_charge_may_overdraw_the_bucket_and_is_paid_by_waiting) {
  BOOST_TEST(pass(1, rate(2, 4), 0) == Verdict::kAdmitted);  // the bulk request itself
  http::charge(*table, 1, rate(2, 4), 0, 9);                 // its other 9 operations: 3 - 9 = -6
  http::Admission refused = admit(1, rate(2, 4), 0);
  BOOST_TEST(refused.verdict == Verdict::kRateLimited);
  BOOST_TEST(refused.retry_after == 4);                                            // 7 tokens at 2 a second
  BOOST_TEST(admit(1, rate(2, 4), 3 * kSecond).verdict == Verdict::kRateLimited);  // 0 tokens
  BOOST_TEST(pass(1, rate(2, 4), 4 * kSecond) == Verdict::kAdmitted);
  BOOST_TEST(pass(2, rate(2, 4), 0) == Verdict::kAdmitted);  // another tenant is not charged
}

BOOST_AUTO_TEST_CASE(a_charge_without_a_rate_limit_changes_nothing) {
  http::charge(*table, 1, cap(1), 0, 1000);
  BOOST_TEST(pass(1, cap(1), 0) == Verdict::kAdmitted);
}

BOOST_AUTO_TEST_CASE(caps_the_requests_in_flight_until_one_ends) {
  http::Admission a = admit(1, cap(2), 0);
  http::Admission b = admit(1, cap(2), 0);
  BOOST_TEST(b.in_flight == 2);
  http::Admission c = admit(1, cap(2), 0);
  BOOST_TEST(c.verdict == Verdict::kTooBusy);
  BOOST_TEST(c.retry_after == 1);
  release(1, a);
  BOOST_TEST(admit(1, cap(2), 0).verdict == Verdict::kAdmitted);
  (void)b;
}

BOOST_AUTO_TEST_CASE(tenants_have_buckets_and_caps_of_their_own) {
  pass(1, rate(1, 1), 0);
  BOOST_TEST(pass(1, rate(1, 1), 0) == Verdict::kRateLimited);
  BOOST_TEST(pass(2, rate(1, 1), 0) == Verdict::kAdmitted);
  admit(3, cap(1), 0);
  BOOST_TEST(admit(3, cap(1), 0).verdict == Verdict::kTooBusy);
  BOOST_TEST(admit(4, cap(1), 0).verdict == Verdict::kAdmitted);
}

// A worker that crashed mid-request must not hold the tenant's slots forever.
BOOST_AUTO_TEST_CASE(leases_of_a_dead_process_are_reclaimed) {
  admit(1, cap(2), 0, 7);
  admit(1, cap(2), 0, 7);
  BOOST_TEST(admit(1, cap(2), 0, 8).verdict == Verdict::kTooBusy);
  dead.insert(7);
  http::Admission after = admit(1, cap(2), 0, 8);
  BOOST_TEST(after.verdict == Verdict::kAdmitted);
  BOOST_TEST(after.in_flight == 1);
}

// Covers a process id reused by an unrelated process.
BOOST_AUTO_TEST_CASE(leases_older_than_the_limit_are_reclaimed) {
  admit(1, cap(1), 0);
  BOOST_TEST(admit(1, cap(1), kLeaseMax).verdict == Verdict::kTooBusy);
  BOOST_TEST(admit(1, cap(1), kLeaseMax + 1).verdict == Verdict::kAdmitted);
}

BOOST_AUTO_TEST_CASE(releasing_a_reclaimed_lease_leaves_its_successor_alone) {
  http::Admission old = admit(1, cap(1), 0, 7);
  dead.insert(7);
  http::Admission fresh = admit(1, cap(1), 5, 8);
  BOOST_TEST(fresh.verdict == Verdict::kAdmitted);
  release(1, old, 7);
  BOOST_TEST(admit(1, cap(1), 6, 8).verdict == Verdict::kTooBusy);
  release(1, fresh, 8);
  BOOST_TEST(admit(1, cap(1), 7, 8).verdict == Verdict::kAdmitted);
}

// Tenant ids that share a home slot: the least recently used idle tenant
// gives its slot up; when every probed tenant is busy, the newcomer is let
// through untracked rather than refused for others' load.
BOOST_AUTO_TEST_CASE(a_full_probe_window_reuses_the_least_recently_used_idle_slot) {
  for (int i = 0; i < http::kProbeLength; ++i) {
    BOOST_TEST(pass(1 + i * http::kTenantSlots, rate(1, 1), i) == Verdict::kAdmitted);
  }
  // Tenant 1 (used first) loses its slot; coming back it has a full bucket again.
  int64_t newcomer = 1 + http::kProbeLength * http::kTenantSlots;
  BOOST_TEST(pass(newcomer, rate(1, 1), 100) == Verdict::kAdmitted);
  BOOST_TEST(pass(1, rate(1, 1), 101) == Verdict::kAdmitted);
  // Tenants that kept their slots kept their empty buckets.
  BOOST_TEST(pass(1 + 2 * http::kTenantSlots, rate(1, 1), 102) == Verdict::kRateLimited);

  auto fresh = std::make_unique<http::LimitTable>();
  for (int i = 0; i < http::kProbeLength; ++i) {
    http::admit(*fresh, 1 + i * http::kTenantSlots, cap(1), 0, 100, alive, kLeaseMax);
  }
  http::Admission untracked = http::admit(*fresh, newcomer, cap(1), 0, 100, alive, kLeaseMax);
  BOOST_TEST(untracked.verdict == Verdict::kUntracked);
}

BOOST_AUTO_TEST_CASE(recount_rebuilds_the_counts_from_the_leases) {
  admit(1, cap(2), 0);
  admit(2, cap(2), 0);
  for (auto& slot : table->tenants) slot.in_flight = 99;  // a half-done change of a dead process
  http::recount(*table);
  BOOST_TEST(admit(1, cap(2), 0).verdict == Verdict::kAdmitted);
  BOOST_TEST(admit(1, cap(2), 0).verdict == Verdict::kTooBusy);
}

BOOST_AUTO_TEST_SUITE_END()

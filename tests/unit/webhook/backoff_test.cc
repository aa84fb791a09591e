#include "webhook/backoff.h"

#include <boost/test/unit_test.hpp>

using fastscim::webhook::retry_delay_ms;
using fastscim::webhook::RetryPolicy;
using fastscim::webhook::should_disable;

BOOST_AUTO_TEST_SUITE(backoff_test)

BOOST_AUTO_TEST_CASE(delay_doubles_per_failure_within_the_jitter_band) {
  RetryPolicy policy;
  policy.base_ms = 1000;
  policy.max_ms = 1000000;
  BOOST_TEST(retry_delay_ms(policy, 1, 0.0) == 500);
  BOOST_TEST(retry_delay_ms(policy, 1, 0.99) >= 990);
  BOOST_TEST(retry_delay_ms(policy, 1, 0.99) < 1000);
  BOOST_TEST(retry_delay_ms(policy, 2, 0.0) == 1000);
  BOOST_TEST(retry_delay_ms(policy, 4, 0.0) == 4000);
}

BOOST_AUTO_TEST_CASE(delay_is_capped_and_never_overflows) {
  RetryPolicy policy;
  policy.base_ms = 10000;
  policy.max_ms = 3600000;
  BOOST_TEST(retry_delay_ms(policy, 30, 0.0) == 1800000);
  BOOST_TEST(retry_delay_ms(policy, 1000000, 0.5) < 3600000);
  BOOST_TEST(retry_delay_ms(policy, 1000000, 0.5) >= 1800000);
}

BOOST_AUTO_TEST_CASE(defaults_retry_for_longer_than_a_day_before_disabling) {
  RetryPolicy policy;
  std::int64_t waited_ms = 0;
  int failures = 0;
  while (!should_disable(policy, failures, waited_ms / 1000)) {
    ++failures;
    waited_ms += retry_delay_ms(policy, failures, 0.0);  // the shortest delays jitter allows
  }
  BOOST_TEST(waited_ms >= 24LL * 3600 * 1000);
}

BOOST_AUTO_TEST_CASE(disabling_needs_both_enough_failures_and_enough_time) {
  RetryPolicy policy;
  policy.disable_after_failures = 5;
  policy.disable_after_seconds = 60;
  BOOST_TEST(!should_disable(policy, 4, 3600));
  BOOST_TEST(!should_disable(policy, 50, 59));
  BOOST_TEST(should_disable(policy, 5, 60));
}

BOOST_AUTO_TEST_SUITE_END()

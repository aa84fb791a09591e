// Retry timing for a failing webhook endpoint: exponential backoff with
// jitter, capped, and when to give up and disable the endpoint.
//
// The n-th consecutive failure waits base * 2^(n-1), at most `max`, of which
// a random part (the upper half) is jitter, so that endpoints that failed
// together do not retry together.  With the defaults (10 s base, 1 h cap)
// an endpoint is retried about 80 times over the three days before it is
// disabled.
//
// Thread-safety: pure functions.
#ifndef FASTSCIM_WEBHOOK_BACKOFF_H_
#define FASTSCIM_WEBHOOK_BACKOFF_H_

#include <cstdint>

namespace fastscim::webhook {

struct RetryPolicy {
  std::int64_t base_ms = 10000;                 // the first retry's delay (before jitter)
  std::int64_t max_ms = 3600000;                // the cap on one delay
  std::int64_t disable_after_seconds = 259200;  // failing this long (3 days) …
  int disable_after_failures = 10;              // … and this many times in a row: disable
};

// The delay before the next attempt after `failures` (>= 1) consecutive
// failures; `jitter` is a uniform random number in [0, 1).  The result lies
// in [d/2, d) for d = min(max_ms, base_ms * 2^(failures-1)), and is >= 1.
std::int64_t retry_delay_ms(const RetryPolicy& policy, int failures, double jitter);

// True when an endpoint that has now failed `failures` times in a row,
// the first of them `failing_seconds` ago, is to be disabled.
bool should_disable(const RetryPolicy& policy, int failures, std::int64_t failing_seconds);

}  // namespace fastscim::webhook

#endif  // FASTSCIM_WEBHOOK_BACKOFF_H_

#include "webhook/backoff.h"

#include <algorithm>

namespace fastscim::webhook {

std::int64_t retry_delay_ms(const RetryPolicy& policy, int failures, double jitter) {
  std::int64_t delay = std::max<std::int64_t>(policy.base_ms, 1);
  // Doubling stops at the cap, so a long outage cannot overflow.
  for (int i = 1; i < failures && delay < policy.max_ms; ++i) delay *= 2;
  delay = std::min(delay, std::max<std::int64_t>(policy.max_ms, 1));
  jitter = std::clamp(jitter, 0.0, 0.999999);
  auto half = delay / 2;
  return std::max<std::int64_t>(1, half + static_cast<std::int64_t>(static_cast<double>(delay - half) * jitter));
}

bool should_disable(const RetryPolicy& policy, int failures, std::int64_t failing_seconds) {
  return failures >= policy.disable_after_failures && failing_seconds >= policy.disable_after_seconds;
}

}  // namespace fastscim::webhook

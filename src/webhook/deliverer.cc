#include "webhook/deliverer.h"

#include <chrono>
#include <random>

#include "auth/signature.h"
#include "util/log.h"

namespace fastscim::webhook {

namespace {

std::int64_t system_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string describe_failure(const HttpResult& response) {
  if (response.status == 0) return response.error;
  std::string text = "HTTP " + std::to_string(response.status);
  if (response.status >= 300 && response.status < 400) text += " (redirects are not followed)";
  if (!response.body_start.empty()) {
    std::string start;
    for (char c : response.body_start) start.push_back(static_cast<unsigned char>(c) < 0x20 ? ' ' : c);
    text += ": " + start;
  }
  return text;
}

}  // namespace

std::string batch_body(const std::vector<FeedEvent>& events) {
  // The payloads are JSON documents already; pasting them keeps each one
  // byte for byte what the feed holds.
  std::string body = "{\"cursor\":\"" + std::to_string(events.back().position) + "\",\"events\":[";
  for (size_t i = 0; i < events.size(); ++i) {
    if (i > 0) body += ',';
    body += events[i].payload;
  }
  body += "]}";
  return body;
}

Deliverer::Deliverer(DeliveryStore& store, HttpClient& client, DeliverySettings settings,
                     std::function<std::int64_t()> now, std::function<double()> random)
    : store_(store), client_(client), settings_(settings), now_(std::move(now)), random_(std::move(random)) {
  if (!now_) now_ = &system_now;
  if (!random_) {
    random_ = [engine = std::mt19937_64(std::random_device{}())]() mutable {
      return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
    };
  }
}

PassResult Deliverer::run_pass() {
  PassResult result;
  auto claims = store_.claim_due(settings_.endpoints_per_pass, settings_.lease_seconds);
  if (!claims) {
    result.error = claims.error();
    return result;
  }
  result.endpoints = static_cast<int>(claims->size());
  for (auto& claim : *claims) deliver(std::move(claim), &result);
  return result;
}

void Deliverer::deliver(Claim claim, PassResult* result) {
  auto claimed_at = std::chrono::steady_clock::now();
  for (int batch = 0; batch < settings_.max_batches_per_claim; ++batch) {
    // Past half the lease, hand the endpoint back rather than risk another
    // deliverer taking it over while a request is in flight.
    if (std::chrono::steady_clock::now() - claimed_at > std::chrono::seconds(settings_.lease_seconds) / 2) break;
    auto events = store_.events_after(claim.tenant_id, claim.cursor, settings_.batch_size);
    if (!events) {
      result->error = events.error();
      break;
    }
    if (events->empty()) break;

    std::string body = batch_body(*events);
    Headers headers = {{"Content-Type", "application/json"},
                       {auth::kSignatureHeader, auth::webhook_signature(claim.secret, now_(), body)},
                       {"Fastscim-Webhook-Id", std::to_string(claim.endpoint_id)}};
    HttpResult response = client_.post(claim.url, body, headers);

    Attempt attempt;
    attempt.first_position = events->front().position;
    attempt.last_position = events->back().position;
    attempt.event_count = static_cast<int>(events->size());
    attempt.attempt = claim.failures + 1;
    attempt.http_status = response.status;
    attempt.latency_ms = response.latency_ms;

    if (response.status >= 200 && response.status < 300) {
      auto kept = store_.acknowledge(claim, attempt);
      if (!kept) {
        result->error = kept.error();
        return;
      }
      if (!*kept) return;  // the lease was lost: whoever holds it now goes on
      result->delivered += attempt.event_count;
      claim.cursor = attempt.last_position;
      claim.failures = 0;
      claim.failing_seconds = 0;
      continue;
    }

    attempt.error = describe_failure(response);
    int failures = claim.failures + 1;
    std::int64_t failing_seconds =
        claim.failing_seconds +
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - claimed_at).count();
    std::string reason;
    if (should_disable(settings_.retry, failures, failing_seconds)) {
      reason = "disabled after " + std::to_string(failures) + " failed attempts over " +
               std::to_string(failing_seconds) + " s; last: " + attempt.error;
      util::log::warn("webhook " + std::to_string(claim.endpoint_id) + " of tenant " + std::to_string(claim.tenant_id) +
                      " " + reason);
    }
    ++result->failed;
    auto failed = store_.fail(claim, attempt, retry_delay_ms(settings_.retry, failures, random_()), reason);
    if (!failed) result->error = failed.error();
    return;
  }
  auto released = store_.release(claim, 0);
  if (!released) result->error = released.error();
}

}  // namespace fastscim::webhook

#include "webhook/deliverer.h"

#include <deque>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "auth/signature.h"

namespace webhook = fastscim::webhook;

namespace {

constexpr std::int64_t kNow = 1700000000;

// One endpoint of one tenant, with a feed in memory.
class FakeStore : public webhook::DeliveryStore {
 public:
  webhook::StoreResult<std::vector<webhook::Claim>> claim_due(int, int) override {
    if (leased || disabled || !due) return std::vector<webhook::Claim>{};
    leased = true;
    webhook::Claim claim;
    claim.endpoint_id = 7;
    claim.tenant_id = 3;
    claim.url = "https://receiver.example/hook";
    claim.secret = "whsec_test";
    claim.cursor = cursor;
    claim.failures = failures;
    claim.failing_seconds = failing_seconds;
    claim.lease_token = "lease";
    return std::vector<webhook::Claim>{claim};
  }
  webhook::StoreResult<std::vector<webhook::FeedEvent>> events_after(std::int64_t tenant, std::uint64_t after,
                                                                     int limit) override {
    BOOST_TEST(tenant == 3);
    std::vector<webhook::FeedEvent> out;
    for (const auto& e : feed) {
      if (e.position > after && static_cast<int>(out.size()) < limit) out.push_back(e);
    }
    return out;
  }
  webhook::StoreResult<bool> acknowledge(const webhook::Claim&, const webhook::Attempt& attempt) override {
    log.push_back(attempt);
    if (lose_lease) return false;
    cursor = attempt.last_position;
    failures = 0;
    return true;
  }
  webhook::StoreResult<void> fail(const webhook::Claim&, const webhook::Attempt& attempt, std::int64_t retry_in_ms,
                                  const std::string& reason) override {
    log.push_back(attempt);
    ++failures;
    retry = retry_in_ms;
    if (!reason.empty()) {
      disabled = true;
      disabled_reason = reason;
    }
    leased = false;
    return {};
  }
  webhook::StoreResult<void> release(const webhook::Claim&, std::int64_t) override {
    leased = false;
    ++releases;
    return {};
  }

  std::vector<webhook::FeedEvent> feed;
  std::uint64_t cursor = 0;
  int failures = 0;
  std::int64_t failing_seconds = 0;
  bool due = true;
  bool leased = false;
  bool lose_lease = false;
  bool disabled = false;
  std::string disabled_reason;
  std::int64_t retry = 0;
  int releases = 0;
  std::vector<webhook::Attempt> log;
};

class FakeClient : public webhook::HttpClient {
 public:
  webhook::HttpResult post(const std::string& url, const std::string& body, const webhook::Headers& headers) override {
    BOOST_TEST(url == "https://receiver.example/hook");
    bodies.push_back(body);
    sent_headers.push_back(headers);
    webhook::HttpResult r;
    r.latency_ms = 5;
    if (statuses.empty()) {
      r.status = 200;
    } else {
      r.status = statuses.front();
      statuses.pop_front();
      if (r.status == 0) r.error = "Connection refused";
    }
    return r;
  }
  std::deque<int> statuses;
  std::vector<std::string> bodies;
  std::vector<webhook::Headers> sent_headers;
};

std::string header(const webhook::Headers& headers, const std::string& name) {
  for (const auto& [n, v] : headers) {
    if (n == name) return v;
  }
  return "";
}

void fill(FakeStore* store, int n) {
  for (int i = 1; i <= n; ++i)
    store->feed.push_back({static_cast<std::uint64_t>(i), "{\"n\":" + std::to_string(i) + "}"});
}

webhook::DeliverySettings settings(int batch) {
  webhook::DeliverySettings s;
  s.batch_size = batch;
  s.retry.base_ms = 1000;
  s.retry.max_ms = 60000;
  s.retry.disable_after_failures = 3;
  s.retry.disable_after_seconds = 0;
  return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(deliverer_test)

BOOST_AUTO_TEST_CASE(batches_carry_the_payloads_in_position_order_with_the_last_as_cursor) {
  std::vector<webhook::FeedEvent> events = {{4, "{\"a\":1}"}, {5, "{\"b\":[2]}"}};
  BOOST_TEST(webhook::batch_body(events) == "{\"cursor\":\"5\",\"events\":[{\"a\":1},{\"b\":[2]}]}");
}

BOOST_AUTO_TEST_CASE(delivers_everything_in_order_and_advances_the_cursor) {
  FakeStore store;
  fill(&store, 5);
  FakeClient client;
  webhook::Deliverer deliverer(
      store, client, settings(2), [] { return kNow; }, [] { return 0.0; });
  auto pass = deliverer.run_pass();
  BOOST_TEST(pass.delivered == 5);
  BOOST_TEST(store.cursor == 5u);
  BOOST_TEST_REQUIRE(client.bodies.size() == 3u);
  BOOST_TEST(client.bodies[0] == "{\"cursor\":\"2\",\"events\":[{\"n\":1},{\"n\":2}]}");
  BOOST_TEST(client.bodies[2] == "{\"cursor\":\"5\",\"events\":[{\"n\":5}]}");
  BOOST_TEST(store.releases == 1);
}

BOOST_AUTO_TEST_CASE(each_post_is_signed_json) {
  FakeStore store;
  fill(&store, 1);
  FakeClient client;
  webhook::Deliverer deliverer(
      store, client, settings(10), [] { return kNow; }, [] { return 0.0; });
  (void)deliverer.run_pass();
  BOOST_TEST_REQUIRE(client.bodies.size() == 1u);
  const auto& headers = client.sent_headers[0];
  BOOST_TEST(header(headers, "Content-Type") == "application/json");
  std::string signature = header(headers, "Fastscim-Signature");
  BOOST_TEST(signature == fastscim::auth::webhook_signature("whsec_test", kNow, client.bodies[0]));
  BOOST_TEST(fastscim::auth::verify_webhook_signature("whsec_test", signature, client.bodies[0], kNow, 300));
  BOOST_TEST(header(headers, "Fastscim-Webhook-Id") == "7");
}

BOOST_AUTO_TEST_CASE(a_failure_keeps_the_cursor_and_schedules_a_retry_of_the_same_batch) {
  FakeStore store;
  fill(&store, 3);
  FakeClient client;
  client.statuses = {200, 500};
  webhook::Deliverer deliverer(
      store, client, settings(1), [] { return kNow; }, [] { return 0.0; });
  auto pass = deliverer.run_pass();
  BOOST_TEST(pass.delivered == 1);
  BOOST_TEST(pass.failed == 1);
  BOOST_TEST(store.cursor == 1u);
  BOOST_TEST(store.failures == 1);
  BOOST_TEST(store.retry == 500);  // base 1000 ms, lower jitter bound
  BOOST_TEST_REQUIRE(store.log.size() == 2u);
  BOOST_TEST(store.log[1].http_status == 500);
  BOOST_TEST(store.log[1].first_position == 2u);
  BOOST_TEST(store.log[1].attempt == 1);
  BOOST_TEST(store.log[1].error.rfind("HTTP 500", 0) == 0u);

  auto again = deliverer.run_pass();  // the retry: same batch, attempt 2
  BOOST_TEST(again.delivered == 2);
  BOOST_TEST(client.bodies[2] == client.bodies[1]);
  BOOST_TEST(store.log[2].attempt == 2);
  BOOST_TEST(store.cursor == 3u);
}

BOOST_AUTO_TEST_CASE(redirects_and_refused_connections_are_failures) {
  FakeStore store;
  fill(&store, 1);
  FakeClient client;
  client.statuses = {302, 0};
  webhook::Deliverer deliverer(
      store, client, settings(1), [] { return kNow; }, [] { return 0.0; });
  (void)deliverer.run_pass();
  (void)deliverer.run_pass();
  BOOST_TEST(store.cursor == 0u);
  BOOST_TEST_REQUIRE(store.log.size() == 2u);
  BOOST_TEST(store.log[0].error.find("redirects are not followed") != std::string::npos);
  BOOST_TEST(store.log[1].http_status == 0);
  BOOST_TEST(store.log[1].error == "Connection refused");
}

BOOST_AUTO_TEST_CASE(persistent_failure_disables_the_endpoint) {
  FakeStore store;
  fill(&store, 1);
  FakeClient client;
  client.statuses = {500, 500, 500};
  webhook::Deliverer deliverer(
      store, client, settings(1), [] { return kNow; }, [] { return 0.0; });
  (void)deliverer.run_pass();
  (void)deliverer.run_pass();
  BOOST_TEST(!store.disabled);
  (void)deliverer.run_pass();
  BOOST_TEST(store.disabled);
  BOOST_TEST(store.disabled_reason.find("3 failed attempts") != std::string::npos);
  BOOST_TEST(deliverer.run_pass().endpoints == 0);
  BOOST_TEST(store.cursor == 0u);
}

BOOST_AUTO_TEST_CASE(a_lost_lease_stops_the_delivery) {
  FakeStore store;
  fill(&store, 4);
  store.lose_lease = true;
  FakeClient client;
  webhook::Deliverer deliverer(
      store, client, settings(1), [] { return kNow; }, [] { return 0.0; });
  auto pass = deliverer.run_pass();
  BOOST_TEST(client.bodies.size() == 1u);
  BOOST_TEST(pass.delivered == 0);
  BOOST_TEST(store.releases == 0);
}

BOOST_AUTO_TEST_CASE(nothing_pending_sends_nothing) {
  FakeStore store;
  FakeClient client;
  webhook::Deliverer deliverer(
      store, client, settings(1), [] { return kNow; }, [] { return 0.0; });
  auto pass = deliverer.run_pass();
  BOOST_TEST(pass.endpoints == 1);
  BOOST_TEST(client.bodies.empty());
  BOOST_TEST(store.releases == 1);
}

BOOST_AUTO_TEST_SUITE_END()

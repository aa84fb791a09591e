#include "app/delivery.h"

#include <signal.h>
#include <time.h>

#include <algorithm>
#include <chrono>

#include "store/deleted_users.h"
#include "store/webhook_repository.h"
#include "util/log.h"
#include "util/metrics.h"
#include "webhook/http_client.h"

namespace fastscim::app {

namespace {

volatile sig_atomic_t g_stop = 0;
volatile sig_atomic_t g_reopen = 0;

void on_signal(int signo) {
  if (signo == SIGUSR1) {
    g_reopen = 1;
  } else {
    g_stop = 1;
  }
}

// Sleeps up to `ms`; a signal cuts it short.
void nap(int ms) {
  struct timespec pause {};
  pause.tv_sec = ms / 1000;
  pause.tv_nsec = static_cast<long>(ms % 1000) * 1000000L;
  ::nanosleep(&pause, nullptr);
}

void add(const webhook::PassResult& pass, webhook::PassResult* total) {
  total->endpoints += pass.endpoints;
  total->delivered += pass.delivered;
  total->failed += pass.failed;
  if (!pass.error.empty()) total->error = pass.error;
}

}  // namespace

webhook::DeliverySettings delivery_settings(const Config& config) {
  webhook::DeliverySettings s;
  s.batch_size = config.webhook_batch_size;
  s.retry.base_ms = config.webhook_backoff_base_ms;
  s.retry.max_ms = config.webhook_backoff_max_ms;
  s.retry.disable_after_seconds = config.webhook_disable_after_seconds;
  s.retry.disable_after_failures = config.webhook_disable_after_failures;
  // The lease outlives the longest request twice over, so a live deliverer
  // never loses an endpoint in the middle of a POST (it hands the endpoint
  // back once half the lease is spent).
  s.lease_seconds = std::max(config.webhook_lease_seconds, 2 * ((config.webhook_timeout_ms + 999) / 1000) + 1);
  return s;
}

int run_delivery_process(const Config& config) {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  for (int s : {SIGTERM, SIGINT, SIGQUIT, SIGUSR1}) sigaction(s, &action, nullptr);
  ::signal(SIGHUP, SIG_IGN);  // the supervisor replaces this process on reload
  ::signal(SIGPIPE, SIG_IGN);
  webhook::init_http();

  store::Database db(config.db);
  store::WebhookRepository repository(db);
  webhook::CurlClient client(config.webhook_connect_timeout_ms, config.webhook_timeout_ms);
  webhook::Deliverer deliverer(repository, client, delivery_settings(config));
  util::log::info("webhook delivery started");

  int idle_ms = config.webhook_poll_ms;
  auto next_purge = std::chrono::steady_clock::now();
  while (!g_stop) {
    if (g_reopen) {
      g_reopen = 0;
      util::log::reopen();
    }
    webhook::PassResult pass = deliverer.run_pass();
    util::metrics::add(util::metrics::Counter::kWebhookFailures, static_cast<uint64_t>(pass.failed));
    util::metrics::add(util::metrics::Counter::kWebhookDeliveries, static_cast<uint64_t>(pass.delivered));
    if (!pass.error.empty()) {
      // The database is away: say so once per outage-length wait, not per pass.
      util::log::warn("webhook delivery: " + pass.error);
      idle_ms = std::min(std::max(idle_ms * 2, config.webhook_poll_ms), 30000);
      nap(idle_ms);
      continue;
    }
    idle_ms = config.webhook_poll_ms;
    if (std::chrono::steady_clock::now() >= next_purge) {
      auto purged = repository.purge_deliveries(config.webhook_log_days);
      if (!purged) util::log::warn("webhook delivery log purge: " + purged.error().detail());
      // Deleted users past their tenant's retention (doc/policies.md).
      auto users = store::purge_deleted_users(db, config.events);
      if (!users) util::log::warn("deleted users purge: " + users.error().detail());
      next_purge = std::chrono::steady_clock::now() + std::chrono::hours(1);
    }
    if (pass.delivered == 0) nap(config.webhook_poll_ms);
  }
  util::log::info("webhook delivery stopped");
  return 0;
}

webhook::PassResult deliver_until_idle(const Config& config, store::Database& db, int max_seconds) {
  webhook::init_http();
  store::WebhookRepository repository(db);
  webhook::CurlClient client(config.webhook_connect_timeout_ms, config.webhook_timeout_ms);
  webhook::Deliverer deliverer(repository, client, delivery_settings(config));
  webhook::PassResult total;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(max_seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    webhook::PassResult pass = deliverer.run_pass();
    add(pass, &total);
    if (!pass.error.empty() || pass.delivered == 0) break;
  }
  auto purged = repository.purge_deliveries(config.webhook_log_days);
  if (!purged && total.error.empty()) total.error = purged.error().detail();
  return total;
}

}  // namespace fastscim::app

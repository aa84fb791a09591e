// store::WebhookRepository — webhook endpoints and their delivery log on
// MySQL: webhook::DeliveryStore for the deliverer, plus the operations of
// `fastscim-admin webhook …` (and, later, of the management API), each
// scoped by tenant.
//
// The signing secret is stored in clear (the deliverer signs with it) and
// leaves this class only in WebhookSecret (from add and rotate_secret, to
// be shown once) and in webhook::Claim (to the deliverer); list() and the
// delivery log never carry it.
//
// claim_due() is the one query that spans tenants: the deliverer serves
// every tenant, as the token lookup does.
//
// Thread-safety: as Database (one instance per thread).
#ifndef FASTSCIM_STORE_WEBHOOK_REPOSITORY_H_
#define FASTSCIM_STORE_WEBHOOK_REPOSITORY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scim/error.h"
#include "store/database.h"
#include "webhook/delivery_store.h"

namespace fastscim::store {

struct WebhookSecret {
  std::int64_t id = 0;
  std::string url;
  std::string secret;  // show once
  std::uint64_t cursor = 0;
};

struct WebhookRow {
  std::int64_t id = 0;
  std::string url;
  std::uint64_t cursor = 0;
  int failures = 0;
  std::string next_attempt;     // ISO 8601 UTC
  std::string disabled;         // "" when enabled
  std::string disabled_reason;  // "" when enabled
  std::string last_success;     // "" when never
  std::string created;
};

struct DeliveryRow {
  std::int64_t id = 0;
  std::int64_t webhook_id = 0;
  std::uint64_t first_position = 0;
  std::uint64_t last_position = 0;
  int event_count = 0;
  int attempt = 0;
  int http_status = 0;  // 0: no response
  std::int64_t latency_ms = 0;
  std::string error;  // "" on success
  std::string attempted;
};

class WebhookRepository : public webhook::DeliveryStore {
 public:
  // Requires: `db` outlives the repository.
  explicit WebhookRepository(Database& db) : db_(db) {}

  // Adds an endpoint with a new secret.  Its cursor starts at the tenant's
  // current event position (only events committed from now on are sent),
  // or at `from` when given (0 = the whole retained feed).  404 for an
  // unknown tenant.  The URL must already be checked
  // (webhook::endpoint_url_problem).
  scim::Result<WebhookSecret> add(const std::string& tenant, const std::string& url, std::optional<std::uint64_t> from);
  scim::Result<std::vector<WebhookRow>> list(const std::string& tenant);
  // Each of these answers 404 when the tenant has no endpoint `id`.
  scim::Result<void> remove(const std::string& tenant, std::int64_t id);
  // Re-enables a disabled endpoint: due at once, failure count cleared, the
  // cursor where it stopped.
  scim::Result<void> enable(const std::string& tenant, std::int64_t id);
  // A new secret, effective for the next delivery.
  scim::Result<WebhookSecret> rotate_secret(const std::string& tenant, std::int64_t id);
  // Moves the cursor to `from`: events after it are delivered again.  A
  // deliverer holding the endpoint loses its lease.
  scim::Result<void> redeliver(const std::string& tenant, std::int64_t id, std::uint64_t from);
  // The newest `limit` attempts, of one endpoint or (id 0) all of them.
  scim::Result<std::vector<DeliveryRow>> deliveries(const std::string& tenant, std::int64_t id, int limit);

  // webhook::DeliveryStore
  webhook::StoreResult<std::vector<webhook::Claim>> claim_due(int limit, int lease_seconds) override;
  webhook::StoreResult<std::vector<webhook::FeedEvent>> events_after(std::int64_t tenant_id,
                                                                     std::uint64_t after_position, int limit) override;
  webhook::StoreResult<bool> acknowledge(const webhook::Claim& claim, const webhook::Attempt& attempt) override;
  webhook::StoreResult<void> fail(const webhook::Claim& claim, const webhook::Attempt& attempt,
                                  std::int64_t retry_in_ms, const std::string& disable_reason) override;
  webhook::StoreResult<void> release(const webhook::Claim& claim, std::int64_t due_in_ms) override;

  // Deletes delivery log entries older than `days` (all tenants; run by the
  // deliverer now and then).
  scim::Result<void> purge_deliveries(int days);

 private:
  scim::Result<std::int64_t> tenant_id(const std::string& tenant);
  // Inside run(): throws AbortTransaction (404) when the tenant has no
  // endpoint `id`; locks the row otherwise.
  void require_endpoint(std::int64_t tenant_id, const std::string& tenant, std::int64_t id);

  Database& db_;
};

}  // namespace fastscim::store

#endif  // FASTSCIM_STORE_WEBHOOK_REPOSITORY_H_

// store::WebhookRepository — webhook endpoints and their delivery log on
// MySQL: webhook::DeliveryStore for the deliverer, plus the endpoint
// operations manage::Repository declares (ManagementRepository hands them
// here; manage::Api makes them for /manage/v1 and `fastscim-admin
// webhook …`), each scoped by tenant.
//
// The signing secret is stored in clear (the deliverer signs with it); it
// comes in from manage::Api and leaves this class only in webhook::Claim
// (to the deliverer): endpoints and the delivery log never carry it.
//
// claim_due() is the one query that spans tenants: the deliverer serves
// every tenant, as the token lookup does.
//
// Thread-safety: as Database (one instance per thread).
#ifndef FASTSCIM_STORE_WEBHOOK_REPOSITORY_H_
#define FASTSCIM_STORE_WEBHOOK_REPOSITORY_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "manage/repository.h"
#include "scim/error.h"
#include "store/database.h"
#include "webhook/delivery_store.h"

namespace fastscim::store {

class WebhookRepository : public webhook::DeliveryStore {
 public:
  // Requires: `db` outlives the repository.
  explicit WebhookRepository(Database& db) : db_(db) {}

  // manage::Repository's webhook calls, as declared there (each but add and
  // list answers 404 when the tenant has no endpoint `id`).  add: the
  // cursor starts at the tenant's current event position (only events
  // committed from now on are sent), or at `from` (0 = the whole retained
  // feed).
  scim::Result<manage::Webhook> add(std::int64_t tenant_id, const std::string& url, const std::string& secret,
                                    std::optional<long long> from);
  scim::Result<std::vector<manage::Webhook>> list(std::int64_t tenant_id);
  scim::Result<manage::Webhook> find(std::int64_t tenant_id, std::int64_t id);
  scim::Result<void> remove(std::int64_t tenant_id, std::int64_t id);
  // Enabled: due at once, failure count cleared, the cursor where it
  // stopped.  Disabled: with `reason`, until enabled.
  scim::Result<void> set_enabled(std::int64_t tenant_id, std::int64_t id, bool enabled, const std::string& reason);
  scim::Result<void> set_secret(std::int64_t tenant_id, std::int64_t id, const std::string& secret);
  // A deliverer holding the endpoint loses its lease.
  scim::Result<void> rewind(std::int64_t tenant_id, std::int64_t id, long long from);
  // The newest `limit` attempts with an id below `before` (0: the newest).
  scim::Result<std::vector<manage::WebhookDelivery>> deliveries(std::int64_t tenant_id, std::int64_t id,
                                                                long long before, int limit);

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
  // Inside run(): throws AbortTransaction (404) when the tenant has no
  // endpoint `id`; locks the row otherwise.
  void require_endpoint(std::int64_t tenant_id, std::int64_t id);
  // Runs the UPDATE `sql` (its last two placeholders tenant_id and id,
  // those before set by `bind`) on an existing endpoint, in a transaction.
  scim::Result<void> change(std::int64_t tenant_id, std::int64_t id, const char* sql,
                            const std::function<void(sql::PreparedStatement&)>& bind, int bound);

  Database& db_;
};

// The events of the feed that enabled endpoints have not acknowledged yet,
// summed over every tenant (the metrics' event backlog; one indexed join
// over the endpoints).  kUnavailable when the database is away.
scim::Result<long long> event_backlog(Database& db);

}  // namespace fastscim::store

#endif  // FASTSCIM_STORE_WEBHOOK_REPOSITORY_H_

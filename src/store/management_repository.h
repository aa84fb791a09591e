// store::ManagementRepository — manage::Repository on MySQL: tenants and
// their settings (tenants), SCIM tokens (tokens), API keys (api_keys,
// sql/005_management.sql) and seat counts; the event feed, webhooks and
// the provisioning log are read and changed through EventRepository,
// WebhookRepository and ProvisioningLogRepository.
//
// Names of tenants, tokens and keys are unique through the database's
// unique keys (a duplicate answers 409), never check-then-insert; a
// rotation locks the token it replaces, so two rotations of one token
// cannot both succeed.  Every statement on a tenant's data is scoped by
// its tenant_id.
//
// Thread-safety: as Database (one instance per thread).
#ifndef FASTSCIM_STORE_MANAGEMENT_REPOSITORY_H_
#define FASTSCIM_STORE_MANAGEMENT_REPOSITORY_H_

#include <optional>
#include <string>
#include <vector>

#include "manage/repository.h"
#include "store/database.h"

namespace fastscim::store {

class ManagementRepository : public manage::Repository {
 public:
  // Requires: `db` outlives the repository.
  explicit ManagementRepository(Database& db) : db_(db) {}

  scim::Result<manage::Tenant> create_tenant(const std::string& name) override;
  scim::Result<manage::Tenant> find_tenant(const std::string& name) override;
  scim::Result<std::vector<manage::Tenant>> list_tenants() override;
  scim::Result<void> delete_tenant(long long tenant_id) override;
  scim::Result<manage::Settings> settings(long long tenant_id) override;
  scim::Result<void> set_settings(long long tenant_id, const std::vector<manage::SettingChange>& changes) override;

  scim::Result<std::vector<manage::Token>> list_tokens(long long tenant_id) override;
  scim::Result<void> insert_token(long long tenant_id, const manage::NewSecret& token) override;
  scim::Result<void> revoke_token(long long tenant_id, const std::string& name) override;
  scim::Result<void> rotate_token(long long tenant_id, const std::string& name, const std::string& old_expires_at,
                                  const manage::NewSecret& replacement) override;

  // Active users now and the daily history, newest first, as the event
  // feed keeps them (store::EventRepository::seats).
  scim::Result<manage::Seats> seats(long long tenant_id, const std::string& from_day,
                                    const std::string& to_day) override;
  // The feed as store::EventRepository::list reads it.
  scim::Result<std::vector<manage::FeedEvent>> events(long long tenant_id, long long after, int limit) override;

  scim::Result<manage::Webhook> add_webhook(long long tenant_id, const std::string& url, const std::string& secret,
                                            std::optional<long long> from) override;
  scim::Result<std::vector<manage::Webhook>> list_webhooks(long long tenant_id) override;
  scim::Result<manage::Webhook> find_webhook(long long tenant_id, long long id) override;
  scim::Result<void> remove_webhook(long long tenant_id, long long id) override;
  scim::Result<void> set_webhook_enabled(long long tenant_id, long long id, bool enabled,
                                         const std::string& reason) override;
  scim::Result<void> set_webhook_secret(long long tenant_id, long long id, const std::string& secret) override;
  scim::Result<void> rewind_webhook(long long tenant_id, long long id, long long from) override;
  scim::Result<std::vector<manage::WebhookDelivery>> webhook_deliveries(long long tenant_id, long long id,
                                                                        long long before, int limit) override;

  scim::Result<std::vector<manage::LogEntry>> provisioning_log(long long tenant_id,
                                                               const manage::LogQuery& query) override;

  scim::Result<void> insert_api_key(std::optional<long long> tenant_id, const manage::NewSecret& key) override;
  scim::Result<std::vector<manage::ApiKey>> list_api_keys() override;
  scim::Result<void> revoke_api_key(const std::string& name) override;
  scim::Result<std::optional<manage::ApiKeyRecord>> find_api_key(const auth::Digest& hash) override;
  void touch_api_key(long long key_id) override;

 private:
  Database& db_;
};

}  // namespace fastscim::store

#endif  // FASTSCIM_STORE_MANAGEMENT_REPOSITORY_H_

// An in-memory manage::Repository for unit tests: tenants, tokens and API
// keys in vectors, enough behaviour (unique names, revocation, rotation)
// for manage::Api's logic to be tested without MySQL.
//
// Thread-safety: none; one test at a time.
#ifndef FASTSCIM_TESTS_SUPPORT_MEMORY_MANAGEMENT_REPOSITORY_H_
#define FASTSCIM_TESTS_SUPPORT_MEMORY_MANAGEMENT_REPOSITORY_H_

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "manage/repository.h"

namespace fastscim::testing {

class MemoryManagementRepository : public manage::Repository {
 public:
  struct StoredToken {
    long long tenant_id;
    manage::NewSecret secret;
    bool revoked = false;
    bool rotated = false;
  };
  struct StoredKey {
    long long id;
    std::optional<long long> tenant_id;
    manage::NewSecret secret;
    bool revoked = false;
  };

  std::vector<manage::Tenant> tenants;
  std::vector<manage::Settings> settings_of;  // parallel to tenants
  std::vector<StoredToken> tokens;
  std::vector<StoredKey> keys;
  long long active_users = 0;
  std::vector<std::pair<long long, manage::FeedEvent>> feed;  // (tenant id, event), in position order
  std::string last_rotation_expiry;
  std::string last_seat_days;
  int event_reads = 0;
  std::function<void(int reads)> on_event_read;  // called at each events() read  // "from..to" of the last seats() call
  struct StoredWebhook {
    long long tenant_id;
    manage::Webhook webhook;
    std::string secret;
  };
  std::vector<StoredWebhook> webhooks;
  std::vector<std::pair<long long, manage::LogEntry>> log;  // (tenant id, entry), oldest first
  manage::LogQuery last_log_query;

  scim::Result<manage::Tenant> create_tenant(const std::string& name) override {
    for (const auto& t : tenants) {
      if (t.name == name) return scim::fail(scim::Error::conflict("taken"));
    }
    tenants.push_back({static_cast<long long>(tenants.size()) + 1, name, "2025-01-01T00:00:00Z", 0, 1});
    settings_of.emplace_back();
    return tenants.back();
  }
  scim::Result<manage::Tenant> find_tenant(const std::string& name) override {
    for (const auto& t : tenants) {
      if (t.name == name) return t;
    }
    return scim::fail(scim::Error::not_found("no tenant named \"" + name + "\""));
  }
  scim::Result<std::vector<manage::Tenant>> list_tenants() override { return tenants; }
  scim::Result<void> delete_tenant(long long tenant_id) override {
    for (size_t i = 0; i < tenants.size(); ++i) {
      if (tenants[i].id == tenant_id) tenants[i].name = "(deleted)";
    }
    return {};
  }
  scim::Result<manage::Settings> settings(long long tenant_id) override {
    return settings_of.at(static_cast<size_t>(tenant_id - 1));
  }
  scim::Result<void> set_settings(long long tenant_id, const std::vector<manage::SettingChange>& changes) override {
    manage::Settings& s = settings_of.at(static_cast<size_t>(tenant_id - 1));
    for (const auto& c : changes) {
      if (c.setting == manage::Setting::kProvisioning) s.provisioning = c.value == "on";
      if (c.setting == manage::Setting::kInvitations) s.invitations = c.value;
      if (c.setting == manage::Setting::kUnknownAttributes) s.unknown_attributes = c.value;
      if (c.setting == manage::Setting::kUnknownExtensions) s.unknown_extensions = c.value;
      if (c.setting == manage::Setting::kLinkExisting) {
        s.link_existing = c.value;
        continue;
      }
      long long n = c.value.empty() ? 0 : std::stoll(c.value);
      if (c.setting == manage::Setting::kRateLimit) s.rate_limit_per_minute = n;
      if (c.setting == manage::Setting::kRateBurst) s.rate_burst = n;
      if (c.setting == manage::Setting::kMaxConcurrent) s.max_concurrent = n;
    }
    return {};
  }
  scim::Result<std::vector<manage::Token>> list_tokens(long long tenant_id) override {
    std::vector<manage::Token> out;
    for (const auto& t : tokens) {
      if (t.tenant_id == tenant_id)
        out.push_back({t.secret.name, t.secret.prefix, "", "", "", t.secret.expires_at, ""});
    }
    return out;
  }
  scim::Result<void> insert_token(long long tenant_id, const manage::NewSecret& token) override {
    for (const auto& t : tokens) {
      if (t.tenant_id == tenant_id && !t.rotated && t.secret.name == token.name) {
        return scim::fail(scim::Error::conflict("taken"));
      }
    }
    tokens.push_back({tenant_id, token});
    return {};
  }
  scim::Result<void> revoke_token(long long tenant_id, const std::string& name) override {
    bool any = false;
    for (auto& t : tokens) {
      if (t.tenant_id == tenant_id && t.secret.name == name && !t.revoked) any = t.revoked = true;
    }
    if (!any) return scim::fail(scim::Error::not_found("no token"));
    return {};
  }
  scim::Result<void> rotate_token(long long tenant_id, const std::string& name, const std::string& old_expires_at,
                                  const manage::NewSecret& replacement) override {
    for (auto& t : tokens) {
      if (t.tenant_id == tenant_id && t.secret.name == name && !t.rotated && !t.revoked) {
        t.rotated = true;
        t.secret.expires_at = old_expires_at;
        last_rotation_expiry = old_expires_at;
        tokens.push_back({tenant_id, replacement});
        return {};
      }
    }
    return scim::fail(scim::Error::not_found("no token"));
  }
  scim::Result<manage::Seats> seats(long long, const std::string& from_day, const std::string& to_day) override {
    last_seat_days = from_day + ".." + to_day;
    return manage::Seats{active_users, "2030-03-17", {}};
  }
  scim::Result<std::vector<manage::FeedEvent>> events(long long tenant_id, long long after, int limit) override {
    ++event_reads;
    if (on_event_read) on_event_read(event_reads);
    std::vector<manage::FeedEvent> page;
    for (const auto& [tenant, event] : feed) {
      if (tenant == tenant_id && event.position > after && static_cast<int>(page.size()) < limit) page.push_back(event);
    }
    return page;
  }
  scim::Result<manage::Webhook> add_webhook(long long tenant_id, const std::string& url, const std::string& secret,
                                            std::optional<long long> from) override {
    manage::Webhook w;
    w.id = static_cast<long long>(webhooks.size()) + 1;
    w.url = url;
    w.cursor = from.value_or(static_cast<long long>(feed.size()));
    webhooks.push_back({tenant_id, w, secret});
    return w;
  }
  scim::Result<std::vector<manage::Webhook>> list_webhooks(long long tenant_id) override {
    std::vector<manage::Webhook> out;
    for (const auto& w : webhooks) {
      if (w.tenant_id == tenant_id) out.push_back(w.webhook);
    }
    return out;
  }
  StoredWebhook* stored_webhook(long long tenant_id, long long id) {
    for (auto& w : webhooks) {
      if (w.tenant_id == tenant_id && w.webhook.id == id) return &w;
    }
    return nullptr;
  }
  scim::Result<manage::Webhook> find_webhook(long long tenant_id, long long id) override {
    if (StoredWebhook* w = stored_webhook(tenant_id, id)) return w->webhook;
    return scim::fail(scim::Error::not_found("no webhook"));
  }
  scim::Result<void> remove_webhook(long long tenant_id, long long id) override {
    if (StoredWebhook* w = stored_webhook(tenant_id, id)) {
      w->tenant_id = 0;
      return {};
    }
    return scim::fail(scim::Error::not_found("no webhook"));
  }
  scim::Result<void> set_webhook_enabled(long long tenant_id, long long id, bool enabled,
                                         const std::string& reason) override {
    StoredWebhook* w = stored_webhook(tenant_id, id);
    if (w == nullptr) return scim::fail(scim::Error::not_found("no webhook"));
    w->webhook.disabled = enabled ? "" : "2030-03-17T17:46:40Z";
    w->webhook.disabled_reason = enabled ? "" : reason;
    return {};
  }
  scim::Result<void> set_webhook_secret(long long tenant_id, long long id, const std::string& secret) override {
    StoredWebhook* w = stored_webhook(tenant_id, id);
    if (w == nullptr) return scim::fail(scim::Error::not_found("no webhook"));
    w->secret = secret;
    return {};
  }
  scim::Result<void> rewind_webhook(long long tenant_id, long long id, long long from) override {
    StoredWebhook* w = stored_webhook(tenant_id, id);
    if (w == nullptr) return scim::fail(scim::Error::not_found("no webhook"));
    w->webhook.cursor = from;
    return {};
  }
  scim::Result<std::vector<manage::WebhookDelivery>> webhook_deliveries(long long tenant_id, long long id, long long,
                                                                        int) override {
    if (id != 0 && stored_webhook(tenant_id, id) == nullptr) return scim::fail(scim::Error::not_found("no webhook"));
    return std::vector<manage::WebhookDelivery>();
  }
  scim::Result<std::vector<manage::LogEntry>> provisioning_log(long long tenant_id,
                                                               const manage::LogQuery& query) override {
    last_log_query = query;
    std::vector<manage::LogEntry> out;
    for (auto it = log.rbegin(); it != log.rend() && static_cast<long long>(out.size()) < query.limit; ++it) {
      const manage::LogEntry& e = it->second;
      if (it->first == tenant_id && (query.before == 0 || e.seq < query.before) && e.status >= query.status_low &&
          e.status <= query.status_high) {
        out.push_back(e);
      }
    }
    return out;
  }
  scim::Result<void> insert_api_key(std::optional<long long> tenant_id, const manage::NewSecret& key) override {
    for (const auto& k : keys) {
      if (k.secret.name == key.name) return scim::fail(scim::Error::conflict("taken"));
    }
    keys.push_back({static_cast<long long>(keys.size()) + 1, tenant_id, key});
    return {};
  }
  scim::Result<std::vector<manage::ApiKey>> list_api_keys() override {
    std::vector<manage::ApiKey> out;
    for (const auto& k : keys) out.push_back({k.secret.name, k.secret.prefix, "", "", "", k.revoked ? "now" : ""});
    return out;
  }
  scim::Result<void> revoke_api_key(const std::string& name) override {
    for (auto& k : keys) {
      if (k.secret.name == name && !k.revoked) {
        k.revoked = true;
        return {};
      }
    }
    return scim::fail(scim::Error::not_found("no key"));
  }
  scim::Result<std::optional<manage::ApiKeyRecord>> find_api_key(const auth::Digest& hash) override {
    for (const auto& k : keys) {
      if (k.secret.hash == hash) {
        return std::optional<manage::ApiKeyRecord>(
            manage::ApiKeyRecord{k.id, k.secret.name, k.tenant_id, k.secret.hash, k.revoked, false});
      }
    }
    return std::optional<manage::ApiKeyRecord>();
  }
  void touch_api_key(long long) override {}
};

}  // namespace fastscim::testing

#endif  // FASTSCIM_TESTS_SUPPORT_MEMORY_MANAGEMENT_REPOSITORY_H_

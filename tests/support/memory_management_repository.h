// An in-memory manage::Repository for unit tests: tenants, tokens and API
// keys in vectors, enough behaviour (unique names, revocation, rotation)
// for manage::Api's logic to be tested without MySQL.
//
// Thread-safety: none; one test at a time.
#ifndef FASTSCIM_TESTS_SUPPORT_MEMORY_MANAGEMENT_REPOSITORY_H_
#define FASTSCIM_TESTS_SUPPORT_MEMORY_MANAGEMENT_REPOSITORY_H_

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
  scim::Result<manage::Seats> seats(long long) override { return manage::Seats{active_users, {}}; }
  scim::Result<std::vector<manage::FeedEvent>> events(long long tenant_id, long long after, int limit) override {
    std::vector<manage::FeedEvent> page;
    for (const auto& [tenant, event] : feed) {
      if (tenant == tenant_id && event.position > after && static_cast<int>(page.size()) < limit) page.push_back(event);
    }
    return page;
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

#include "store/management_repository.h"

#include <memory>

#include <cppconn/exception.h>

#include "store/digest.h"
#include "store/event_repository.h"
#include "store/policy_statements.h"
#include "store/provisioning_log_repository.h"
#include "store/statements.h"
#include "store/webhook_repository.h"
#include "util/strings.h"

namespace fastscim::store {

namespace {

using scim::Error;

manage::Tenant read_tenant(sql::ResultSet& rows) {
  return manage::Tenant{rows.getInt64(1), rows.getString(2), rows.getString(3), rows.getInt64(4), rows.getInt64(5)};
}

void bind_optional_time(sql::PreparedStatement& s, int index, const std::string& time) {
  if (time.empty()) {
    s.setNull(index, sql::DataType::TIMESTAMP);
  } else {
    s.setString(index, time);
  }
}

void insert_token_row(Database& db, long long tenant_id, const manage::NewSecret& token) {
  auto& s = db.prepare(sql_text::kInsertToken);
  s.setInt64(1, tenant_id);
  s.setString(2, token.name);
  s.setString(3, token.prefix);
  DigestStream blob(token.hash);
  s.setBlob(4, blob.get());
  bind_optional_time(s, 5, token.expires_at);
  s.executeUpdate();
}

// 1062 (duplicate key) arrives as kUniqueness; here it means a name is taken.
scim::Result<void> name_taken_as_conflict(scim::Result<void> result, const std::string& detail) {
  if (!result && result.error().kind() == scim::ErrorKind::kUniqueness) return scim::fail(Error::conflict(detail));
  return result;
}

}  // namespace

scim::Result<manage::Tenant> ManagementRepository::find_tenant(const std::string& name) {
  std::optional<manage::Tenant> tenant;
  auto result = db_.run(Idempotence::kRead, [&](sql::Connection&) {
    auto& s = db_.prepare(sql_text::kFindTenantByName);
    s.setString(1, name);
    std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
    tenant.reset();
    if (rows->next()) tenant = read_tenant(*rows);
  });
  if (!result) return scim::fail(result.error());
  if (!tenant) return scim::fail(Error::not_found("no tenant named \"" + name + "\""));
  return *tenant;
}

scim::Result<manage::Tenant> ManagementRepository::create_tenant(const std::string& name) {
  auto result = db_.run(Idempotence::kWrite, [&](sql::Connection&) {
    auto& s = db_.prepare(sql_text::kInsertTenant);
    s.setString(1, name);
    s.executeUpdate();
  });
  result = name_taken_as_conflict(std::move(result), "a tenant named \"" + name + "\" already exists");
  if (!result) return scim::fail(result.error());
  return find_tenant(name);
}

scim::Result<std::vector<manage::Tenant>> ManagementRepository::list_tenants() {
  std::vector<manage::Tenant> tenants;
  auto result = db_.run(Idempotence::kRead, [&](sql::Connection&) {
    tenants.clear();
    auto& s = db_.prepare(sql_text::kListTenants);
    std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
    while (rows->next()) tenants.push_back(read_tenant(*rows));
  });
  if (!result) return scim::fail(result.error());
  return tenants;
}

scim::Result<void> ManagementRepository::delete_tenant(long long tenant_id) {
  return db_.run(Idempotence::kWrite, [&](sql::Connection&) {
    auto& s = db_.prepare(sql_text::kDeleteTenant);
    s.setInt64(1, tenant_id);
    if (s.executeUpdate() > 0) db_.bump_auth_epoch();  // its tokens go with it
  });
}

scim::Result<manage::Settings> ManagementRepository::settings(long long tenant_id) {
  std::optional<manage::Settings> found;
  auto result = db_.run(Idempotence::kRead, [&](sql::Connection&) {
    found.reset();
    auto& s = db_.prepare(sql_text::kSelectTenantManagement);
    s.setInt64(1, tenant_id);
    std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
    if (!rows->next()) return;
    manage::Settings settings;
    settings.generation = rows->getInt64(1);
    settings.unknown_attributes = string_or_empty(*rows, 2);
    settings.unknown_extensions = string_or_empty(*rows, 3);
    settings.provisioning = rows->getBoolean(4);
    settings.invitations = rows->getString(5);
    settings.rate_limit_per_minute = rows->getInt64(6);  // NULL reads as 0: the default
    settings.rate_burst = rows->getInt64(7);
    settings.max_concurrent = rows->getInt64(8);
    settings.dialect = string_or_empty(*rows, 9);
    rows.reset();
    auto& link = db_.prepare(sql_text::kSelectTenantLinkExisting);
    link.setInt64(1, tenant_id);
    std::unique_ptr<sql::ResultSet> linking(link.executeQuery());
    if (linking->next() && !linking->isNull(1)) settings.link_existing = linking->getString(1);
    linking.reset();
    auto& guard = db_.prepare(sql_text::kSelectTenantDeprovisionGuard);
    guard.setInt64(1, tenant_id);
    std::unique_ptr<sql::ResultSet> guarded(guard.executeQuery());
    if (guarded->next() && !guarded->isNull(1)) settings.deprovision_guard = guarded->getInt64(1);
    found = std::move(settings);
  });
  if (!result) return scim::fail(result.error());
  if (!found) return scim::fail(Error::not_found("no tenant with id " + std::to_string(tenant_id)));
  return *found;
}

scim::Result<void> ManagementRepository::set_settings(long long tenant_id,
                                                      const std::vector<manage::SettingChange>& changes) {
  return db_.run(Idempotence::kWrite, [&](sql::Connection& c) {
    Transaction tx(c);
    auto& lock = db_.prepare(sql_text::kLockTenant);
    lock.setInt64(1, tenant_id);
    std::unique_ptr<sql::ResultSet> locked(lock.executeQuery());
    if (!locked->next()) throw AbortTransaction{Error::not_found("no tenant with id " + std::to_string(tenant_id))};
    for (const auto& change : changes) {
      switch (change.setting) {
        case manage::Setting::kUnknownAttributes:
        case manage::Setting::kUnknownExtensions:
        case manage::Setting::kDialect: {
          // These change how requests are read: the statements raise the
          // configuration generation, so workers rebuild the tenant.
          auto& s = db_.prepare(
              change.setting == manage::Setting::kUnknownAttributes   ? sql_text::kSetTenantUnknownAttributes
              : change.setting == manage::Setting::kUnknownExtensions ? sql_text::kSetTenantUnknownExtensions
                                                                      : sql_text::kSetTenantDialect);
          if (change.value.empty()) {
            s.setNull(1, sql::DataType::VARCHAR);
          } else {
            s.setString(1, change.value);
          }
          s.setInt64(2, tenant_id);
          s.executeUpdate();
          break;
        }
        case manage::Setting::kProvisioning: {
          auto& s = db_.prepare(sql_text::kSetTenantProvisioning);
          s.setBoolean(1, change.value == "on");
          s.setInt64(2, tenant_id);
          s.executeUpdate();
          break;
        }
        case manage::Setting::kInvitations: {
          auto& s = db_.prepare(sql_text::kSetTenantInvitations);
          s.setString(1, change.value);
          s.setInt64(2, tenant_id);
          s.executeUpdate();
          break;
        }
        case manage::Setting::kRateLimit:
        case manage::Setting::kRateBurst:
        case manage::Setting::kMaxConcurrent: {
          auto& s = db_.prepare(change.setting == manage::Setting::kRateLimit   ? sql_text::kSetTenantRateLimit
                                : change.setting == manage::Setting::kRateBurst ? sql_text::kSetTenantRateBurst
                                                                                : sql_text::kSetTenantMaxConcurrent);
          long long n = 0;
          if (change.value.empty() || !util::parse_int(change.value, &n)) {
            s.setNull(1, sql::DataType::INTEGER);
          } else {
            s.setInt64(1, n);
          }
          s.setInt64(2, tenant_id);
          s.executeUpdate();
          break;
        }
        case manage::Setting::kLinkExisting: {  // read by each create (store/account_linking.h)
          auto& s = db_.prepare(sql_text::kSetTenantLinkExisting);
          if (change.value == "off") {
            s.setNull(1, sql::DataType::VARCHAR);
          } else {
            s.setString(1, change.value);
          }
          s.setInt64(2, tenant_id);
          s.executeUpdate();
          break;
        }
        case manage::Setting::kDeprovisionGuard: {  // read by each deprovision (store/deprovision_guard.h)
          auto& s = db_.prepare(sql_text::kSetTenantDeprovisionGuard);
          long long limit = 0;
          if (change.value.empty() || !util::parse_int(change.value, &limit)) {
            s.setNull(1, sql::DataType::INTEGER);
          } else {
            s.setInt64(1, limit);
          }
          s.setInt64(2, tenant_id);
          s.executeUpdate();
          break;
        }
        case manage::Setting::kDeletedRetention: {
          auto& s = db_.prepare(sql_text::kSetTenantDeletedRetention);
          long long days = 0;
          if (change.value.empty() || !util::parse_int(change.value, &days)) {
            s.setNull(1, sql::DataType::INTEGER);
          } else {
            s.setInt64(1, days);
          }
          s.setInt64(2, tenant_id);
          s.executeUpdate();
          break;
        }
      }
    }
    db_.bump_auth_epoch();  // the token lookup reads the tenant's settings
    tx.commit();
  });
}

scim::Result<std::vector<manage::Token>> ManagementRepository::list_tokens(long long tenant_id) {
  std::vector<manage::Token> tokens;
  auto result = db_.run(Idempotence::kRead, [&](sql::Connection&) {
    tokens.clear();
    auto& s = db_.prepare(sql_text::kListTokens);
    s.setInt64(1, tenant_id);
    std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
    while (rows->next()) {
      tokens.push_back({rows->getString(1), rows->getString(2), rows->getString(3), string_or_empty(*rows, 4),
                        string_or_empty(*rows, 5), string_or_empty(*rows, 6), string_or_empty(*rows, 7)});
    }
  });
  if (!result) return scim::fail(result.error());
  return tokens;
}

scim::Result<void> ManagementRepository::insert_token(long long tenant_id, const manage::NewSecret& token) {
  auto result = db_.run(Idempotence::kWrite, [&](sql::Connection&) { insert_token_row(db_, tenant_id, token); });
  return name_taken_as_conflict(std::move(result), "the tenant already has a token named \"" + token.name + "\"");
}

scim::Result<void> ManagementRepository::revoke_token(long long tenant_id, const std::string& name) {
  int changed = 0;
  auto result = db_.run(Idempotence::kWrite, [&](sql::Connection&) {
    auto& s = db_.prepare(sql_text::kRevokeToken);
    s.setInt64(1, tenant_id);
    s.setString(2, name);
    changed = s.executeUpdate();
    if (changed > 0) db_.bump_auth_epoch();
  });
  if (!result) return scim::fail(result.error());
  if (changed == 0) return scim::fail(Error::not_found("the tenant has no active token named \"" + name + "\""));
  return {};
}

scim::Result<void> ManagementRepository::rotate_token(long long tenant_id, const std::string& name,
                                                      const std::string& old_expires_at,
                                                      const manage::NewSecret& replacement) {
  return db_.run(Idempotence::kWrite, [&](sql::Connection& c) {
    Transaction tx(c);
    auto& lock = db_.prepare(sql_text::kLockCurrentToken);
    lock.setInt64(1, tenant_id);
    lock.setString(2, name);
    std::unique_ptr<sql::ResultSet> rows(lock.executeQuery());
    if (!rows->next()) {
      throw AbortTransaction{Error::not_found("the tenant has no active token named \"" + name + "\"")};
    }
    const long long old_id = rows->getInt64(1);
    if (rows->getBoolean(2)) {
      throw AbortTransaction{
          Error::conflict("the token \"" + name + "\" has expired; issue a new one instead of rotating it")};
    }
    auto& out = db_.prepare(sql_text::kRotateOutToken);
    out.setString(1, old_expires_at);
    out.setString(2, old_expires_at);
    out.setInt64(3, old_id);
    out.executeUpdate();
    insert_token_row(db_, tenant_id, replacement);
    db_.bump_auth_epoch();  // the old secret now expires
    tx.commit();
  });
}

scim::Result<std::vector<manage::FeedEvent>> ManagementRepository::events(long long tenant_id, long long after,
                                                                          int limit) {
  auto stored = EventRepository(db_).list(tenant_id, after, limit);
  if (!stored) return scim::fail(stored.error());
  std::vector<manage::FeedEvent> events;
  events.reserve(stored->size());
  for (auto& e : *stored) events.push_back({e.position, std::move(e.payload)});
  return events;
}

scim::Result<manage::Seats> ManagementRepository::seats(long long tenant_id, const std::string& from_day,
                                                        const std::string& to_day) {
  // The event feed keeps the counts (tenant_counters, seat_days) in each
  // write's transaction; this is their management view, newest day first
  // (one row per day with a change, so the whole history stays small).
  auto counted = EventRepository(db_).seats(tenant_id, from_day, to_day);
  if (!counted) return scim::fail(counted.error());
  manage::Seats seats;
  seats.active_users = counted->active_users;
  seats.today = counted->today;
  for (auto day = counted->days.rbegin(); day != counted->days.rend(); ++day) {
    seats.history.push_back({day->day, day->active_max, day->active_end});
  }
  return seats;
}

scim::Result<manage::Webhook> ManagementRepository::add_webhook(long long tenant_id, const std::string& url,
                                                                const std::string& secret,
                                                                std::optional<long long> from) {
  return WebhookRepository(db_).add(tenant_id, url, secret, from);
}

scim::Result<std::vector<manage::Webhook>> ManagementRepository::list_webhooks(long long tenant_id) {
  return WebhookRepository(db_).list(tenant_id);
}

scim::Result<manage::Webhook> ManagementRepository::find_webhook(long long tenant_id, long long id) {
  return WebhookRepository(db_).find(tenant_id, id);
}

scim::Result<void> ManagementRepository::remove_webhook(long long tenant_id, long long id) {
  return WebhookRepository(db_).remove(tenant_id, id);
}

scim::Result<void> ManagementRepository::set_webhook_enabled(long long tenant_id, long long id, bool enabled,
                                                             const std::string& reason) {
  return WebhookRepository(db_).set_enabled(tenant_id, id, enabled, reason);
}

scim::Result<void> ManagementRepository::set_webhook_secret(long long tenant_id, long long id,
                                                            const std::string& secret) {
  return WebhookRepository(db_).set_secret(tenant_id, id, secret);
}

scim::Result<void> ManagementRepository::rewind_webhook(long long tenant_id, long long id, long long from) {
  return WebhookRepository(db_).rewind(tenant_id, id, from);
}

scim::Result<std::vector<manage::WebhookDelivery>> ManagementRepository::webhook_deliveries(long long tenant_id,
                                                                                            long long id,
                                                                                            long long before,
                                                                                            int limit) {
  return WebhookRepository(db_).deliveries(tenant_id, id, before, limit);
}

scim::Result<std::vector<manage::LogEntry>> ManagementRepository::provisioning_log(long long tenant_id,
                                                                                   const manage::LogQuery& query) {
  return ProvisioningLogRepository(db_).list(tenant_id, query);
}

scim::Result<void> ManagementRepository::insert_api_key(std::optional<long long> tenant_id,
                                                        const manage::NewSecret& key) {
  auto result = db_.run(Idempotence::kWrite, [&](sql::Connection&) {
    auto& s = db_.prepare(sql_text::kInsertApiKey);
    if (tenant_id) {
      s.setInt64(1, *tenant_id);
    } else {
      s.setNull(1, sql::DataType::BIGINT);
    }
    s.setString(2, key.name);
    s.setString(3, key.prefix);
    DigestStream blob(key.hash);
    s.setBlob(4, blob.get());
    s.executeUpdate();
  });
  return name_taken_as_conflict(std::move(result), "an API key named \"" + key.name + "\" already exists");
}

scim::Result<std::vector<manage::ApiKey>> ManagementRepository::list_api_keys() {
  std::vector<manage::ApiKey> keys;
  auto result = db_.run(Idempotence::kRead, [&](sql::Connection&) {
    keys.clear();
    auto& s = db_.prepare(sql_text::kListApiKeys);
    std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
    while (rows->next()) {
      keys.push_back({rows->getString(1), rows->getString(2), string_or_empty(*rows, 3), rows->getString(4),
                      string_or_empty(*rows, 5), string_or_empty(*rows, 6)});
    }
  });
  if (!result) return scim::fail(result.error());
  return keys;
}

scim::Result<void> ManagementRepository::revoke_api_key(const std::string& name) {
  int changed = 0;
  auto result = db_.run(Idempotence::kWrite, [&](sql::Connection&) {
    auto& s = db_.prepare(sql_text::kRevokeApiKey);
    s.setString(1, name);
    changed = s.executeUpdate();
  });
  if (!result) return scim::fail(result.error());
  if (changed == 0) return scim::fail(Error::not_found("there is no active API key named \"" + name + "\""));
  return {};
}

scim::Result<std::optional<manage::ApiKeyRecord>> ManagementRepository::find_api_key(const auth::Digest& hash) {
  std::optional<manage::ApiKeyRecord> found;
  auto result = db_.run(Idempotence::kRead, [&](sql::Connection&) {
    found.reset();
    auto& s = db_.prepare(sql_text::kFindApiKeyByHash);
    DigestStream blob(hash);
    s.setBlob(1, blob.get());
    std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
    if (!rows->next()) return;
    manage::ApiKeyRecord record;
    record.id = rows->getInt64(1);
    record.name = rows->getString(2);
    if (!rows->isNull(3)) record.tenant_id = rows->getInt64(3);
    record.hash = read_digest(*rows, 4);
    record.revoked = rows->getBoolean(5);
    record.stale_last_used = rows->getBoolean(6);
    found = std::move(record);
  });
  if (!result) return scim::fail(result.error());
  return found;
}

void ManagementRepository::touch_api_key(long long key_id) {
  auto ignored = db_.run(Idempotence::kWrite, [&](sql::Connection&) {
    auto& s = db_.prepare(sql_text::kTouchApiKey);
    s.setInt64(1, key_id);
    s.executeUpdate();
  });
  (void)ignored;  // best effort, as for tokens
}

}  // namespace fastscim::store

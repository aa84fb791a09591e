#include "store/webhook_repository.h"

#include <limits>
#include <memory>

#include <cppconn/resultset.h>

#include "auth/token.h"
#include "store/event_repository.h"
#include "store/event_sequencer.h"
#include "store/statements.h"

namespace fastscim::store {

namespace {

scim::Error no_endpoint(std::int64_t id) { return scim::Error::not_found("no webhook " + std::to_string(id)); }

manage::Webhook read_webhook(sql::ResultSet& rows) {
  manage::Webhook w;
  w.id = rows.getInt64(1);
  w.url = rows.getString(2);
  w.cursor = static_cast<long long>(rows.getUInt64(3));
  w.failures = rows.getInt(4);
  w.next_attempt = string_or_empty(rows, 5);
  w.disabled = string_or_empty(rows, 6);
  w.disabled_reason = string_or_empty(rows, 7);
  w.last_success = string_or_empty(rows, 8);
  w.created = string_or_empty(rows, 9);
  return w;
}

void log_attempt(Database& db, const webhook::Claim& claim, const webhook::Attempt& attempt) {
  auto& statement = db.prepare(sql_text::kInsertWebhookDelivery);
  statement.setInt64(1, claim.tenant_id);
  statement.setInt64(2, claim.endpoint_id);
  statement.setUInt64(3, attempt.first_position);
  statement.setUInt64(4, attempt.last_position);
  statement.setInt(5, attempt.event_count);
  statement.setInt(6, attempt.attempt);
  if (attempt.http_status > 0) {
    statement.setInt(7, attempt.http_status);
  } else {
    statement.setNull(7, 0);
  }
  statement.setInt64(8, attempt.latency_ms);
  if (attempt.error.empty()) {
    statement.setNull(9, 0);
  } else {
    statement.setString(9, attempt.error.substr(0, 1024));
  }
  statement.executeUpdate();
}

template <typename T>
webhook::StoreResult<T> store_error(const scim::Error& error) {
  return util::Unexpected(error.detail());
}

}  // namespace

scim::Result<manage::Webhook> WebhookRepository::add(std::int64_t tenant_id, const std::string& url,
                                                     const std::string& secret, std::optional<long long> from) {
  std::int64_t id = 0;
  // "From now" means after every event committed so far, numbered or not.
  if (!from) {
    if (auto numbered = sequence_events(db_, tenant_id); !numbered) return scim::fail(numbered.error());
  }
  auto result = db_.run(Idempotence::kWrite, [&](sql::Connection& connection) {
    Transaction transaction(connection);
    std::uint64_t cursor = 0;
    if (from) {
      cursor = static_cast<std::uint64_t>(*from);
    } else {
      auto& position = db_.prepare(sql_text::kTenantEventPosition);
      position.setInt64(1, tenant_id);
      std::unique_ptr<sql::ResultSet> rows(position.executeQuery());
      cursor = rows->next() ? rows->getUInt64(1) : 0;
    }
    auto& insert = db_.prepare(sql_text::kInsertWebhook);
    insert.setInt64(1, tenant_id);
    insert.setString(2, url);
    insert.setString(3, secret);
    insert.setUInt64(4, cursor);
    insert.executeUpdate();
    auto& last = db_.prepare(sql_text::kLastInsertId);
    std::unique_ptr<sql::ResultSet> rows(last.executeQuery());
    if (rows->next()) id = rows->getInt64(1);
    transaction.commit();
  });
  if (!result) return scim::fail(result.error());
  return find(tenant_id, id);
}

scim::Result<std::vector<manage::Webhook>> WebhookRepository::list(std::int64_t tenant_id) {
  std::vector<manage::Webhook> endpoints;
  auto result = db_.run(Idempotence::kRead, [&](sql::Connection&) {
    endpoints.clear();
    auto& statement = db_.prepare(sql_text::kListWebhooks);
    statement.setInt64(1, tenant_id);
    std::unique_ptr<sql::ResultSet> rows(statement.executeQuery());
    while (rows->next()) endpoints.push_back(read_webhook(*rows));
  });
  if (!result) return scim::fail(result.error());
  return endpoints;
}

scim::Result<manage::Webhook> WebhookRepository::find(std::int64_t tenant_id, std::int64_t id) {
  std::optional<manage::Webhook> found;
  auto result = db_.run(Idempotence::kRead, [&](sql::Connection&) {
    found.reset();
    auto& statement = db_.prepare(sql_text::kShowWebhook);
    statement.setInt64(1, tenant_id);
    statement.setInt64(2, id);
    std::unique_ptr<sql::ResultSet> rows(statement.executeQuery());
    if (rows->next()) found = read_webhook(*rows);
  });
  if (!result) return scim::fail(result.error());
  if (!found) return scim::fail(no_endpoint(id));
  return std::move(*found);
}

void WebhookRepository::require_endpoint(std::int64_t tenant_id, std::int64_t id) {
  auto& find = db_.prepare(sql_text::kFindWebhook);
  find.setInt64(1, tenant_id);
  find.setInt64(2, id);
  std::unique_ptr<sql::ResultSet> rows(find.executeQuery());
  if (!rows->next()) throw AbortTransaction{no_endpoint(id)};
}

scim::Result<void> WebhookRepository::change(std::int64_t tenant_id, std::int64_t id, const char* sql,
                                             const std::function<void(sql::PreparedStatement&)>& bind, int bound) {
  return db_.run(Idempotence::kWrite, [&](sql::Connection& connection) {
    Transaction transaction(connection);
    require_endpoint(tenant_id, id);
    auto& statement = db_.prepare(sql);
    bind(statement);
    statement.setInt64(bound + 1, tenant_id);
    statement.setInt64(bound + 2, id);
    statement.executeUpdate();
    transaction.commit();
  });
}

scim::Result<void> WebhookRepository::remove(std::int64_t tenant_id, std::int64_t id) {
  return change(
      tenant_id, id, sql_text::kDeleteWebhook, [](sql::PreparedStatement&) {}, 0);
}

scim::Result<void> WebhookRepository::set_enabled(std::int64_t tenant_id, std::int64_t id, bool enabled,
                                                  const std::string& reason) {
  if (enabled)
    return change(
        tenant_id, id, sql_text::kEnableWebhook, [](sql::PreparedStatement&) {}, 0);
  return change(
      tenant_id, id, sql_text::kDisableWebhookByOperator,
      [&](sql::PreparedStatement& s) { s.setString(1, reason.substr(0, 512)); }, 1);
}

scim::Result<void> WebhookRepository::set_secret(std::int64_t tenant_id, std::int64_t id, const std::string& secret) {
  return change(
      tenant_id, id, sql_text::kSetWebhookSecret, [&](sql::PreparedStatement& s) { s.setString(1, secret); }, 1);
}

scim::Result<void> WebhookRepository::rewind(std::int64_t tenant_id, std::int64_t id, long long from) {
  return change(
      tenant_id, id, sql_text::kRewindWebhook,
      [&](sql::PreparedStatement& s) { s.setUInt64(1, static_cast<std::uint64_t>(from)); }, 1);
}

scim::Result<std::vector<manage::WebhookDelivery>> WebhookRepository::deliveries(std::int64_t tenant_id,
                                                                                 std::int64_t id, long long before,
                                                                                 int limit) {
  std::vector<manage::WebhookDelivery> log;
  auto result = db_.run(Idempotence::kRead, [&](sql::Connection&) {
    log.clear();
    if (id != 0) {
      // A plain read: the log is read while deliverers write it.
      auto& exists = db_.prepare(sql_text::kWebhookExists);
      exists.setInt64(1, tenant_id);
      exists.setInt64(2, id);
      std::unique_ptr<sql::ResultSet> found(exists.executeQuery());
      if (!found->next()) throw AbortTransaction{no_endpoint(id)};
    }
    auto& statement = db_.prepare(sql_text::kListWebhookDeliveries);
    statement.setInt64(1, tenant_id);
    statement.setInt64(2, id);
    statement.setInt64(3, id);
    statement.setInt64(4, before > 0 ? before : std::numeric_limits<std::int64_t>::max());
    statement.setInt(5, limit);
    std::unique_ptr<sql::ResultSet> rows(statement.executeQuery());
    while (rows->next()) {
      manage::WebhookDelivery row;
      row.id = rows->getInt64(1);
      row.webhook_id = rows->getInt64(2);
      row.first_position = static_cast<long long>(rows->getUInt64(3));
      row.last_position = static_cast<long long>(rows->getUInt64(4));
      row.event_count = rows->getInt(5);
      row.attempt = rows->getInt(6);
      row.http_status = rows->isNull(7) ? 0 : rows->getInt(7);
      row.latency_ms = rows->getInt64(8);
      row.error = string_or_empty(*rows, 9);
      row.attempted = string_or_empty(*rows, 10);
      log.push_back(std::move(row));
    }
  });
  if (!result) return scim::fail(result.error());
  return log;
}

webhook::StoreResult<std::vector<webhook::Claim>> WebhookRepository::claim_due(int limit, int lease_seconds) {
  std::vector<webhook::Claim> claims;
  auto result = db_.run(Idempotence::kWrite, [&](sql::Connection&) {
    claims.clear();
    std::vector<std::int64_t> due;
    {
      auto& list = db_.prepare(sql_text::kListDueWebhooks);
      list.setInt(1, limit);
      std::unique_ptr<sql::ResultSet> rows(list.executeQuery());
      while (rows->next()) due.push_back(rows->getInt64(1));
    }
    for (std::int64_t id : due) {
      std::string token = auth::random_hex(16);
      auto& lease = db_.prepare(sql_text::kLeaseWebhook);
      lease.setInt(1, lease_seconds);
      lease.setString(2, token);
      lease.setInt64(3, id);
      if (lease.executeUpdate() != 1) continue;  // another deliverer was faster
      auto& read = db_.prepare(sql_text::kSelectLeasedWebhook);
      read.setInt64(1, id);
      read.setString(2, token);
      std::unique_ptr<sql::ResultSet> rows(read.executeQuery());
      if (!rows->next()) continue;
      webhook::Claim claim;
      claim.endpoint_id = id;
      claim.tenant_id = rows->getInt64(1);
      claim.url = rows->getString(2);
      claim.secret = rows->getString(3);
      claim.cursor = rows->getUInt64(4);
      claim.failures = rows->getInt(5);
      claim.failing_seconds = rows->getInt64(6);
      claim.lease_token = token;
      claims.push_back(std::move(claim));
    }
  });
  if (!result) return store_error<std::vector<webhook::Claim>>(result.error());
  return claims;
}

webhook::StoreResult<std::vector<webhook::FeedEvent>> WebhookRepository::events_after(std::int64_t tenant_id,
                                                                                      std::uint64_t after_position,
                                                                                      int limit) {
  auto stored = EventRepository(db_).list(tenant_id, static_cast<long long>(after_position), limit);
  if (!stored) return store_error<std::vector<webhook::FeedEvent>>(stored.error());
  std::vector<webhook::FeedEvent> events;
  events.reserve(stored->size());
  for (auto& e : *stored) events.push_back({static_cast<std::uint64_t>(e.position), std::move(e.payload)});
  return events;
}

webhook::StoreResult<bool> WebhookRepository::acknowledge(const webhook::Claim& claim,
                                                          const webhook::Attempt& attempt) {
  bool kept = false;
  auto result = db_.run(Idempotence::kWrite, [&](sql::Connection& connection) {
    // The endpoint's row first: logging first would take a shared lock on
    // it (the log's foreign key) and then upgrade it, which deadlocks
    // against an operator's `webhook enable` or `remove`.
    Transaction transaction(connection);
    auto& advance = db_.prepare(sql_text::kAdvanceWebhook);
    advance.setUInt64(1, attempt.last_position);
    advance.setInt64(2, claim.endpoint_id);
    advance.setString(3, claim.lease_token);
    kept = advance.executeUpdate() == 1;
    log_attempt(db_, claim, attempt);
    transaction.commit();
  });
  if (!result) return store_error<bool>(result.error());
  return kept;
}

webhook::StoreResult<void> WebhookRepository::fail(const webhook::Claim& claim, const webhook::Attempt& attempt,
                                                   std::int64_t retry_in_ms, const std::string& disable_reason) {
  auto result = db_.run(Idempotence::kWrite, [&](sql::Connection& connection) {
    Transaction transaction(connection);  // row first, then the log: see acknowledge()
    if (!disable_reason.empty()) {
      auto& disable = db_.prepare(sql_text::kDisableWebhook);
      disable.setString(1, disable_reason.substr(0, 512));
      disable.setInt64(2, claim.endpoint_id);
      disable.setString(3, claim.lease_token);
      disable.executeUpdate();
    }
    auto& failed = db_.prepare(sql_text::kFailWebhook);
    failed.setInt64(1, retry_in_ms * 1000);
    failed.setInt64(2, claim.endpoint_id);
    failed.setString(3, claim.lease_token);
    failed.executeUpdate();
    log_attempt(db_, claim, attempt);
    transaction.commit();
  });
  if (!result) return store_error<void>(result.error());
  return {};
}

webhook::StoreResult<void> WebhookRepository::release(const webhook::Claim& claim, std::int64_t due_in_ms) {
  auto result = db_.run(Idempotence::kWrite, [&](sql::Connection&) {
    auto& statement = db_.prepare(sql_text::kReleaseWebhook);
    statement.setInt64(1, due_in_ms * 1000);
    statement.setInt64(2, claim.endpoint_id);
    statement.setString(3, claim.lease_token);
    statement.executeUpdate();
  });
  if (!result) return store_error<void>(result.error());
  return {};
}

scim::Result<void> WebhookRepository::purge_deliveries(int days) {
  return db_.run(Idempotence::kWrite, [&](sql::Connection&) {
    auto& statement = db_.prepare(sql_text::kPurgeWebhookDeliveries);
    statement.setInt(1, days);
    statement.executeUpdate();
  });
}

scim::Result<long long> event_backlog(Database& db) {
  long long backlog = 0;
  auto read = db.run(Idempotence::kRead, [&](sql::Connection&) {
    std::unique_ptr<sql::ResultSet> rows(db.prepare(sql_text::kEventBacklog).executeQuery());
    if (rows->next()) backlog = rows->getInt64(1);
  });
  if (!read) return scim::fail(read.error());
  return backlog;
}

}  // namespace fastscim::store

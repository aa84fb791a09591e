#include "store/provisioning_log_repository.h"

#include <memory>

#include <cppconn/resultset.h>

#include "store/retention.h"
#include "store/statements.h"

namespace fastscim::store {

namespace {

constexpr long long kNoCursor = 9223372036854775807LL;
constexpr char kEarliest[] = "1000-01-01 00:00:00.000";
constexpr char kLatest[] = "9999-12-31 23:59:59.999";

// `text` cut to at most `bytes` bytes without splitting a UTF-8 character:
// strict mode refuses both an over-long value and a broken character.
std::string clip(const std::string& text, size_t bytes) {
  if (text.size() <= bytes) return text;
  size_t end = bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

}  // namespace

void insert_log_entry(Database& db, long long tenant_id, const LogEntry& entry) {
  auto& s = db.prepare(sql_text::kInsertLogEntry);
  s.setInt64(1, tenant_id);
  s.setString(2, clip(entry.method, 8));
  s.setString(3, clip(entry.resource_type, 64));
  s.setString(4, clip(entry.resource_id, 255));
  s.setString(5, clip(entry.name, 255));
  s.setInt(6, entry.status);
  s.setString(7, clip(entry.scim_type, 32));
  s.setString(8, clip(entry.detail, 1024));
  s.setString(9, clip(entry.user_agent, 255));
  s.executeUpdate();
}

void record_write_log(Database& db, long long tenant_id, const scim::EventDraft& draft,
                      const scim::StoredResource& resource) {
  if (draft.log == nullptr) return;
  LogEntry entry;
  entry.method = draft.log->method;
  entry.resource_type = resource.resource_type;
  entry.resource_id = resource.id;
  for (const char* key : {"userName", "displayName"}) {
    if (auto name = resource.document.get(key).as_string()) {
      entry.name = std::string(*name);
      break;
    }
  }
  entry.status = draft.log->status_of ? draft.log->status_of(draft.outcome) : 0;
  entry.user_agent = draft.log->user_agent;
  entry.detail = draft.log->applied;
  if (!draft.template_name.empty()) {
    entry.detail += (entry.detail.empty() ? "" : "; ") + std::string("template \"") + draft.template_name +
                    "\" applied";
  }
  insert_log_entry(db, tenant_id, entry);
  draft.log->status = entry.status;
}

void mark_write_logged(const scim::EventDraft& draft, bool committed) {
  if (draft.log != nullptr) draft.log->recorded = committed;
}

scim::Result<void> ProvisioningLogRepository::insert(long long tenant_id, const LogEntry& entry) {
  return db_.run(Idempotence::kWrite, [&](sql::Connection&) { insert_log_entry(db_, tenant_id, entry); });
}

scim::Result<std::vector<manage::LogEntry>> ProvisioningLogRepository::list(long long tenant_id,
                                                                            const manage::LogQuery& query) {
  std::vector<manage::LogEntry> entries;
  auto read = db_.run(Idempotence::kRead, [&](sql::Connection&) {
    entries.clear();
    auto& s = db_.prepare(sql_text::kListLogEntries);
    s.setInt64(1, tenant_id);
    s.setInt64(2, query.before > 0 ? query.before : kNoCursor);
    s.setString(3, query.since.empty() ? kEarliest : query.since);
    s.setString(4, query.until.empty() ? kLatest : query.until);
    s.setInt(5, query.status_low);
    s.setInt(6, query.status_high);
    s.setInt64(7, query.limit);
    std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
    while (rows->next()) {
      manage::LogEntry e;
      e.seq = rows->getInt64(1);
      std::string at = rows->getString(2);  // microseconds: keep milliseconds
      e.occurred_at = at.size() > 23 ? at.substr(0, 23) + "Z" : at;
      e.method = rows->getString(3);
      e.resource_type = rows->getString(4);
      e.resource_id = rows->getString(5);
      e.name = rows->getString(6);
      e.status = rows->getInt(7);
      e.scim_type = rows->getString(8);
      e.detail = rows->getString(9);
      e.user_agent = rows->getString(10);
      entries.push_back(std::move(e));
    }
  });
  if (!read) return scim::fail(read.error());
  return entries;
}

scim::Result<long long> ProvisioningLogRepository::purge(int retention_days, int batch) {
  return purge_per_tenant(db_, sql_text::kPurgeLogEntries, retention_days, batch);
}

}  // namespace fastscim::store

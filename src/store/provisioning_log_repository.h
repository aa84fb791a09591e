// store::ProvisioningLogRepository — the provisioning log: one row per SCIM
// write of a tenant (sql/007_provisioning_log.sql), written by fastscimd
// after each write's response is decided, read through manage::Api (GET
// /manage/v1/tenants/{t}/log and `fastscim-admin log`), and purged after
// the retention period.
//
// Each insert is one prepared INSERT in autocommit, apart from the write's
// own transaction (a failed write has none).  Texts longer than their
// column are cut at a UTF-8 character boundary.  Nothing here ever sees a
// header other than the User-Agent or a request body.
//
// Thread-safety: as Database (one instance per thread).
#ifndef FASTSCIM_STORE_PROVISIONING_LOG_REPOSITORY_H_
#define FASTSCIM_STORE_PROVISIONING_LOG_REPOSITORY_H_

#include <string>
#include <vector>

#include "manage/repository.h"
#include "scim/error.h"
#include "scim/event.h"
#include "scim/repository.h"
#include "store/database.h"

namespace fastscim::store {

// The log's entry is the management API's: a write fills in what the
// database does not number and date itself (seq and occurred_at are ignored).
using LogEntry = manage::LogEntry;

class ProvisioningLogRepository {
 public:
  // Requires: `db` outlives the repository.
  explicit ProvisioningLogRepository(Database& db) : db_(db) {}

  // Appends `entry` (its seq and occurred_at are ignored: the database
  // numbers and dates it).  kUnavailable when the database cannot be
  // reached; the caller decides whether that matters.
  scim::Result<void> insert(long long tenant_id, const LogEntry& entry);

  // At most query.limit of the tenant's entries matching `query`, newest
  // first.  The next page: the same query with before = the last seq.
  // Requires limit > 0.
  scim::Result<std::vector<manage::LogEntry>> list(long long tenant_id, const manage::LogQuery& query);

  // Deletes every tenant's entries older than `retention_days`, `batch`
  // rows per autocommitted statement.  Returns how many were deleted.
  scim::Result<long long> purge(int retention_days, int batch = 1000);

 private:
  Database& db_;
};

// Appends `entry` inside the caller's transaction.  Only valid inside
// Database::run(); SQL errors propagate to it.
void insert_log_entry(Database& db, long long tenant_id, const LogEntry& entry);

// A write's own entry (scim::WriteLog), appended in its transaction just
// before COMMIT: method, client and status from draft.log, the resource's
// type, id and userName or displayName from `resource` (for a delete, the
// last record).  Nothing when draft.log is null.
void record_write_log(Database& db, long long tenant_id, const scim::EventDraft& draft,
                      const scim::StoredResource& resource);

// After the write's Database::run(): marks draft.log recorded when the
// write `committed`, so the answering layer does not log it again.
void mark_write_logged(const scim::EventDraft& draft, bool committed);

}  // namespace fastscim::store

#endif  // FASTSCIM_STORE_PROVISIONING_LOG_REPOSITORY_H_

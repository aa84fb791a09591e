// store::purge_per_tenant — the retention purge that the event feed and the
// provisioning log share: old rows go tenant by tenant, a batch per
// statement, each statement committing on its own, so a purge holds its row
// locks only for one short DELETE and never blocks writers for long.
//
// Thread-safety: as Database (one instance per thread).
#ifndef FASTSCIM_STORE_RETENTION_H_
#define FASTSCIM_STORE_RETENTION_H_

#include "scim/error.h"
#include "store/database.h"

namespace fastscim::store {

// Runs `statement` — a DELETE taking (tenant_id, retention_days, batch)
// that removes at most `batch` rows older than `retention_days` — for every
// tenant until it removes fewer than `batch`.  Returns the rows deleted;
// 503 unavailable when the database is lost (batches already committed
// stay deleted: a purge may be repeated).  Requires batch > 0.
scim::Result<long long> purge_per_tenant(Database& db, const char* statement, int retention_days, int batch);

}  // namespace fastscim::store

#endif  // FASTSCIM_STORE_RETENTION_H_

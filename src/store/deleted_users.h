// Safe deletion in the store (doc/policies.md, "Safe deletion"): a user
// deleted through SCIM is kept in deleted_users, in the delete's own
// transaction, until the tenant's retention period has passed; the purge
// then removes it with its overrides and records user.purged.
//
// Thread-safety: as Database.
#ifndef FASTSCIM_STORE_DELETED_USERS_H_
#define FASTSCIM_STORE_DELETED_USERS_H_

#include "scim/error.h"
#include "store/database.h"

namespace fastscim::store {

// Keeps the user of row `seq` (its last record, at the version its delete
// gives it) for restoring.  Only inside a delete's transaction, before the
// row goes.
void keep_deleted_user(Database& db, long long seq);

// Removes every kept user whose tenant's retention has passed, each in its
// own short transaction with its overrides and a user.purged event (data:
// its id and userName) unless `record_events` is false.  Returns how many;
// 503 when the database is lost (those already purged stay purged).
scim::Result<long long> purge_deleted_users(Database& db, bool record_events = true);

}  // namespace fastscim::store

#endif  // FASTSCIM_STORE_DELETED_USERS_H_

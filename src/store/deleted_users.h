// Safe deletion in the store (doc/policies.md, "Safe deletion"): a user
// deleted through SCIM is kept in deleted_users, in the delete's own
// transaction, until the tenant's retention period has passed; the purge
// then removes it with its overrides and records user.purged.  A user
// whose deletion the deprovisioning guard holds is not purged until the
// hold is decided (store/deprovision_guard.h).
//
// Thread-safety: as Database.
#ifndef FASTSCIM_STORE_DELETED_USERS_H_
#define FASTSCIM_STORE_DELETED_USERS_H_

#include <string>

#include "scim/error.h"
#include "scim/repository.h"
#include "store/database.h"

namespace fastscim::store {

// Keeps the user of row `seq` (its last record, at the version its delete
// gives it) for restoring.  Only inside a delete's transaction, before the
// row goes.
void keep_deleted_user(Database& db, long long seq);

// Puts the kept user `id` back under its id — its last record at a new
// version, its emails, not its group memberships — and forgets it; the user
// as restored, with its userName in `user_name` and whether it takes a seat
// in `seat`.  Throws AbortTransaction 404 when none is kept; a userName
// taken again fails the INSERT (uniqueness; the caller names it).  Only
// inside a transaction.
scim::StoredResource restore_kept_user(Database& db, long long tenant_id, const std::string& id, std::string* user_name,
                                       bool* seat);

// Removes every kept user whose tenant's retention has passed, each in its
// own short transaction with its overrides and a user.purged event (data:
// its id and userName) unless `record_events` is false.  Returns how many;
// 503 when the database is lost (those already purged stay purged).
scim::Result<long long> purge_deleted_users(Database& db, bool record_events = true);

}  // namespace fastscim::store

#endif  // FASTSCIM_STORE_DELETED_USERS_H_

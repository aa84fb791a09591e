// PolicyRepository's part of the deprovisioning guard (policy_store.h,
// doc/policies.md): listing the changes store/deprovision_guard.h held and
// deciding them.  Kept apart from policy_repository.cc: deciding is its own
// transaction over its own tables.
#include <algorithm>
#include <memory>
#include <utility>

#include <cppconn/resultset.h>

#include "scim/overrides.h"
#include "scim/resource_type.h"
#include "store/deleted_users.h"
#include "store/deprovision_guard.h"
#include "store/outbox.h"
#include "store/policy_repository.h"
#include "store/policy_statements.h"
#include "store/provisioning_log_repository.h"
#include "store/resource_rows.h"
#include "store/statements.h"

namespace fastscim::store {

namespace {

using scim::Error;

manage::HeldChange read_hold(sql::ResultSet& rows) {
  manage::HeldChange hold;
  hold.id = rows.getInt64(1);
  hold.user_id = rows.getString(2);
  hold.user_name = string_or_empty(rows, 3);
  hold.change = rows.getString(4);
  hold.held = rows.getString(5);
  return hold;
}

// Locks the holds to decide, oldest first; 404 naming an id not held.
std::vector<manage::HeldChange> lock_holds(Database& db, long long tenant_id, std::vector<long long> ids) {
  std::vector<manage::HeldChange> holds;
  if (ids.empty()) {
    auto& all = db.prepare(sql_text::kLockAllHeldChanges);
    all.setInt64(1, tenant_id);
    std::unique_ptr<sql::ResultSet> rows(all.executeQuery());
    while (rows->next()) holds.push_back(read_hold(*rows));
    return holds;
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  for (long long id : ids) {
    auto& one = db.prepare(sql_text::kLockHeldChange);
    one.setInt64(1, tenant_id);
    one.setInt64(2, id);
    std::unique_ptr<sql::ResultSet> rows(one.executeQuery());
    if (!rows->next()) {
      throw AbortTransaction{Error::not_found("the tenant has no held change " + std::to_string(id) +
                                              " (decided already, or undone by the provider)")};
    }
    holds.push_back(read_hold(*rows));
  }
  return holds;
}

// Approving: the events go to the feed now, in the order they were held,
// and the product's view follows SCIM.
void approve(Database& db, long long tenant_id, const manage::HeldChange& hold) {
  auto& release = db.prepare(sql_text::kReleaseHeldEvents);
  release.setInt64(1, tenant_id);
  release.setInt64(2, hold.id);
  release.executeUpdate();
  if (hold.change == deprovision_name(Deprovision::kDeactivation)) {
    auto& gone = db.prepare(sql_text::kDeleteSourcedOverride);
    gone.setInt64(1, tenant_id);
    gone.setString(2, hold.user_id);
    gone.setString(3, "active");
    gone.setString(4, kHoldSource);
    gone.executeUpdate();
  } else {
    // The retention counts from the moment the product learns of the delete.
    auto& restart = db.prepare(sql_text::kRestartDeletedRetention);
    restart.setInt64(1, tenant_id);
    restart.setString(2, hold.user_id);
    restart.executeUpdate();
  }
}

// Rejecting: the product keeps the user (a deactivation: the hold override
// becomes the admin's; a deletion: the user is restored, safe deletion's
// restore); returns the user's version now (0: not known).
long long reject(Database& db, long long tenant_id, const manage::HeldChange& hold, std::string* user_name) {
  if (hold.change == deprovision_name(Deprovision::kDeactivation)) {
    auto& keep = db.prepare(sql_text::kResourceOverride);
    keep.setString(1, scim::kAdminSource);
    keep.setInt64(2, tenant_id);
    keep.setString(3, hold.user_id);
    keep.setString(4, "active");
    keep.setString(5, kHoldSource);
    keep.executeUpdate();
    // A plain read: a provider's write of the user holds its row and waits
    // for this hold's row, so locking the user here could deadlock.
    auto& read = db.prepare(sql_text::kSelectResource);
    read.setInt64(1, tenant_id);
    read.setString(2, scim::user_resource_type().name);
    read.setString(3, hold.user_id);
    std::unique_ptr<sql::ResultSet> rows(read.executeQuery());
    long long ignored = 0;
    return rows->next() ? read_row(*rows, &ignored).version : 0;
  }
  bool seat = false;
  // The held events' seat change is dropped with them: the seats still
  // count the user, so the restore adds none.
  return restore_kept_user(db, tenant_id, hold.user_id, user_name, &seat).version;
}

scim::Event rejected_event(const manage::HeldChange& hold, long long version, const std::string& by) {
  scim::Event event;
  event.type = "provisioning.hold_rejected";
  event.resource_type = scim::user_resource_type().name;
  event.resource_id = hold.user_id;
  event.version = version;
  event.data = json::Value::object();
  event.data.set("policy", json::Value::string("deprovision-guard"));
  event.data.set("hold", json::Value::integer(hold.id));
  event.data.set("change", json::Value::string(hold.change));
  event.data.set("userName", json::Value::string(hold.user_name));
  event.data.set("held", json::Value::string(hold.held));
  event.data.set("decidedBy", json::Value::string(by));
  return event;
}

}  // namespace

scim::Result<std::vector<manage::HeldChange>> PolicyRepository::held_changes(long long tenant_id, long long limit) {
  std::vector<manage::HeldChange> holds;
  auto read = db_.run(Idempotence::kRead, [&](sql::Connection&) {
    holds.clear();
    auto& s = db_.prepare(sql_text::kListHeldChanges);
    s.setInt64(1, tenant_id);
    s.setInt64(2, limit);
    std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
    while (rows->next()) {
      manage::HeldChange hold = read_hold(*rows);
      hold.events = rows->getInt64(6);
      holds.push_back(std::move(hold));
    }
  });
  if (!read) return scim::fail(read.error());
  return holds;
}

scim::Result<std::vector<manage::HeldChange>> PolicyRepository::decide_held(long long tenant_id,
                                                                            const std::vector<long long>& ids,
                                                                            bool approving, const std::string& by) {
  std::vector<manage::HeldChange> decided;
  std::string user_name;
  auto done = db_.run(Idempotence::kWrite, [&](sql::Connection& c) {
    Transaction tx(c);
    decided = lock_holds(db_, tenant_id, ids);
    Outbox outbox(db_, tenant_id, record_events_);
    for (const manage::HeldChange& hold : decided) {
      LogEntry entry;
      entry.method = approving ? "APPROVE" : "REJECT";
      entry.resource_type = scim::user_resource_type().name;
      entry.resource_id = hold.user_id;
      entry.name = hold.user_name;
      entry.status = 200;
      entry.detail = "deprovision-guard: the held " + hold.change + " (hold " + std::to_string(hold.id) + ", " +
                     hold.held + ") " + (approving ? "approved" : "rejected") + " by " + by;
      if (approving) {
        approve(db_, tenant_id, hold);
      } else {
        long long version = reject(db_, tenant_id, hold, &user_name);
        entry.detail += hold.change == deprovision_name(Deprovision::kDeactivation)
                            ? "; the product keeps the user active (an admin override of active)"
                            : "; the user is restored";
        outbox.add(rejected_event(hold, version, by));
      }
      auto& forget = db_.prepare(sql_text::kForgetHeldChange);
      forget.setInt64(1, tenant_id);
      forget.setInt64(2, hold.id);
      forget.executeUpdate();
      insert_log_entry(db_, tenant_id, entry);
    }
    outbox.flush();
    tx.commit();
  });
  if (!done && done.error().kind() == scim::ErrorKind::kUniqueness) {
    return scim::fail(Error::uniqueness("the deleted user's userName \"" + user_name +
                                        "\" belongs to another user now, so its deletion cannot be rejected; "
                                        "delete or rename that user first (nothing was decided)"));
  }
  if (!done) return scim::fail(done.error());
  return decided;
}

scim::Result<std::optional<scim::StoredResource>> PolicyRepository::held_deleted_user(long long tenant_id,
                                                                                      const std::string& id) {
  std::optional<scim::StoredResource> found;
  auto read = db_.run(Idempotence::kRead, [&](sql::Connection&) {
    found.reset();
    auto& s = db_.prepare(sql_text::kSelectHeldDeletedUser);
    s.setInt64(1, tenant_id);
    s.setString(2, id);
    std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
    if (!rows->next()) return;
    long long ignored = 0;
    found = read_row(*rows, &ignored);
  });
  if (!read) return scim::fail(read.error());
  return found;
}

}  // namespace fastscim::store

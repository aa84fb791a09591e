// The deprovisioning guard inside a provider's user write (doc/policies.md,
// "Deprovisioning guard"): a tenant's setting `deprovision-guard N` lets N
// deactivations and deletions of users through in any hour; each one beyond
// them still changes what SCIM shows, but its effect on the product is held
// for an admin: its events go to held_events instead of the feed, and the
// user stays active (a deactivation: an `active` override with source
// "hold") or present (a deletion: kept in deleted_users, never purged while
// held) in the product's view.  The decisions are PolicyRepository's
// (held_changes.cc).
//
// The count is taken under the tenant's tenant_counters row lock (the
// sequencer's), inside the write's transaction: two writes racing at the
// threshold are counted one after the other, so exactly N get through.
//
// Thread-safety: as Database; only inside Database::run() with the write's
// transaction open and the user's row locked.
#ifndef FASTSCIM_STORE_DEPROVISION_GUARD_H_
#define FASTSCIM_STORE_DEPROVISION_GUARD_H_

#include <string>

#include "scim/event.h"
#include "store/database.h"
#include "store/outbox.h"

namespace fastscim::store {

enum class Deprovision { kDeactivation, kDeletion };

// "deactivation" or "deletion": held_changes.kind.
const char* deprovision_name(Deprovision kind);

class DeprovisionGuard {
 public:
  DeprovisionGuard(Database& db, long long tenant_id) : db_(db), tenant_id_(tenant_id) {}

  // A provider's deactivation or deletion of user `user_id`, whose events
  // are queued in `outbox` (not flushed yet).  With the tenant's guard on it
  // is counted, and held when N were counted in the last hour already; it
  // is held too, guard on or off, when an earlier change of the user is
  // held, so the user's events keep their order.  Held: the hold is
  // recorded, `outbox` withholds the events, a deactivation gets the
  // `active` hold override (unless the product overrides `active`
  // already), and the draft's provisioning-log entry says so.  Returns
  // whether the write is held.
  bool check(Deprovision kind, const std::string& user_id, const std::string& user_name, Outbox* outbox,
             const scim::EventDraft& draft);

  // A provider's reactivation (kDeactivation) or the product's restore
  // (kDeletion) of user `user_id` undoes its held changes of that kind:
  // their events are dropped (their seat change added to `outbox`'s: it was
  // never counted, and the write's own counts from the stored state), a deactivation's hold override removed, the holds
  // forgotten.  Call before the write's events are made (they then show the
  // provider's record).  Returns how many holds it dropped.
  int supersede(Deprovision kind, const std::string& user_id, Outbox* outbox);

 private:
  Database& db_;
  long long tenant_id_;
};

// The source of the `active` override a held deactivation keeps.
inline constexpr char kHoldSource[] = "hold";

}  // namespace fastscim::store

#endif  // FASTSCIM_STORE_DEPROVISION_GUARD_H_

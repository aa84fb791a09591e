// manage::PolicyStore — what the provisioning policies' operations need
// from storage (doc/policies.md): a tenant's creation templates and its
// users' overrides, the deleted users kept and the deprovisioning guard's
// held changes.  Declared by its consumer, like manage::Repository;
// implemented by store::PolicyRepository.
//
// Errors: every call may fail with kUnavailable or kInternal; others are
// listed per call.
//
// Thread-safety: an implementation instance is used by one thread at a time.
#ifndef FASTSCIM_MANAGE_POLICY_STORE_H_
#define FASTSCIM_MANAGE_POLICY_STORE_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "scim/error.h"
#include "scim/event.h"
#include "scim/override.h"
#include "scim/repository.h"

namespace fastscim::manage {

// A creation template as stored: checked (scim/templates.h) before it is.
struct TemplateRow {
  std::string name;
  long long position = 0;  // 1 = evaluated first
  std::string when;        // the SCIM filter
  std::string body;        // the JSON object of the values it sets
  std::string created;     // ISO 8601 UTC
};

// The event an override change records, from the user as stored (in the
// change's transaction) and its overrides before and after; nullopt when
// the product sees no difference.
using OverrideEventFn = std::function<std::optional<scim::Event>(
    const scim::StoredResource& user, const scim::Overrides& before, const scim::Overrides& after)>;

// A user deleted through SCIM and kept restorable (doc/policies.md).
struct DeletedUser {
  std::string id;
  std::string user_name;
  std::string deleted;      // ISO 8601 UTC
  std::string purge_after;  // when the purge may remove it, by the tenant's retention
};

// The event a restore records (user.restored), from the user as restored
// (in the restore's transaction) and its overrides.
using RestoreEventFn = std::function<scim::Event(const scim::StoredResource& user, const scim::Overrides& overrides)>;

// A change the deprovisioning guard holds (doc/policies.md): the provider's
// deactivation or deletion of a user, committed in SCIM, whose events wait
// for an admin.
struct HeldChange {
  long long id = 0;  // the hold's number
  std::string user_id;
  std::string user_name;
  std::string change;    // "deactivation" or "deletion"
  std::string held;      // ISO 8601 UTC
  long long events = 0;  // events withheld
};

class PolicyStore {
 public:
  virtual ~PolicyStore() = default;

  // In evaluation order.
  virtual scim::Result<std::vector<TemplateRow>> list_templates(long long tenant_id) = 0;
  // Inserts at row.position (1-based; 0 or past the end: last), moving the
  // later ones down, and raises the tenant's configuration generation, in
  // one transaction.  409 when the tenant has a template of that name.
  virtual scim::Result<void> add_template(long long tenant_id, const TemplateRow& row) = 0;
  // 404 when there is none of that name.  Raises the generation.
  virtual scim::Result<void> remove_template(long long tenant_id, const std::string& name) = 0;

  // The user's overrides (none for an unknown id).
  virtual scim::Result<scim::Overrides> overrides(long long tenant_id, const std::string& user_id) = 0;
  // Sets `value` at its path (or, with only `path`, removes the override
  // there) for the user, in one transaction that locks the user (404 when
  // the tenant has no such user), advances its version and records the
  // event `make_event` gives.  Removing an override that does not exist is
  // 404 too.
  virtual scim::Result<void> change_override(long long tenant_id, const std::string& user_id, const std::string& path,
                                             const std::optional<scim::Override>& value,
                                             const OverrideEventFn& make_event) = 0;

  // The tenant's deleted users still restorable, newest first, at most `limit`.
  virtual scim::Result<std::vector<DeletedUser>> deleted_users(long long tenant_id, long long limit) = 0;
  // Puts the deleted user back under its id, with its last record and
  // overrides (not its group memberships), at a new version, and records
  // `make_event`'s event, in one transaction.  404 when the tenant keeps no
  // deleted user `id`; 409 (uniqueness) when its userName is taken again.
  virtual scim::Result<void> restore_user(long long tenant_id, const std::string& id,
                                          const RestoreEventFn& make_event) = 0;

  // The tenant's held changes, oldest first, at most `limit`.
  virtual scim::Result<std::vector<HeldChange>> held_changes(long long tenant_id, long long limit) = 0;
  // Decides the held changes `ids` (empty: every one the tenant has), in
  // the order they were held, in one transaction, and writes each decision
  // to the provisioning log naming `by`.  Approving releases their events
  // into the feed and lets the product's view follow SCIM; rejecting drops
  // the events, keeps a deactivated user active for the product (an admin
  // override of `active`) and restores a deleted one, and records
  // provisioning.hold_rejected.  Returns the changes decided.  404 naming
  // an id the tenant holds nothing under; 409 (uniqueness) when a rejected
  // deletion's userName is taken again; either way nothing is decided.
  virtual scim::Result<std::vector<HeldChange>> decide_held(long long tenant_id, const std::vector<long long>& ids,
                                                            bool approve, const std::string& by) = 0;
  // The user `id` if its deletion is held (the product still has it), as
  // last stored; nullopt otherwise.
  virtual scim::Result<std::optional<scim::StoredResource>> held_deleted_user(long long tenant_id,
                                                                              const std::string& id) = 0;
};

}  // namespace fastscim::manage

#endif  // FASTSCIM_MANAGE_POLICY_STORE_H_

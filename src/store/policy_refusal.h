// store::record_refusal — the `provisioning.refused` event of a write a
// provisioning policy refused (doc/policies.md, doc/events.md).
//
// A refused write rolls back whole (nothing of it is written); the event
// that tells the product about it is then committed on its own, in a
// transaction of its own, so that the product can tell the customer's
// named contact.  Its data says which policy refused, the detail the
// client was answered, and which user the request was about — never
// anything of another tenant.
//
// Thread-safety: as Database.  Call outside Database::run().
#ifndef FASTSCIM_STORE_POLICY_REFUSAL_H_
#define FASTSCIM_STORE_POLICY_REFUSAL_H_

#include <string>

#include "json/value.h"
#include "scim/event.h"
#include "store/database.h"

namespace fastscim::store {

struct PolicyRefusal {
  std::string policy;         // "unique-across-tenants", "link-existing"
  std::string detail;         // the error's detail, as answered
  std::string resource_type;  // "User"
  std::string resource_id;    // the user a replace was for; "" for a create
  json::Value document;       // the document the write would have stored
  json::Value facts;          // more of what the policy found (an object), or absent
};

// The event's type.
extern const char kProvisioningRefused[];

// The event of `refusal` (its data: {"policy", "reason", "operation",
// "userName", "externalId", …facts}); `draft` says which operation it was.
scim::Event refusal_event(const PolicyRefusal& refusal, const scim::EventDraft& draft);

// Commits refusal_event() to the tenant's feed (nothing when `recording`
// is false: configuration `events = off`).  A failure is logged as a
// warning, never returned: the client's answer is the refusal.
void record_refusal(Database& db, long long tenant_id, bool recording, const PolicyRefusal& refusal,
                    const scim::EventDraft& draft);

}  // namespace fastscim::store

#endif  // FASTSCIM_STORE_POLICY_REFUSAL_H_

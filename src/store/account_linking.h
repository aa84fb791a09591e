// store::AccountLinking — the link-existing policy (doc/policies.md,
// "Accounts that existed before provisioning") inside the transaction of
// an identity provider's user create.
//
// The tenant's setting is read in the transaction (tenants.link_existing),
// so a change applies from the next request.  Candidates are the tenant's
// users with origin 'local' (imported by the product, not yet adopted)
// whose work email (an email of type "work" or without a type; compared
// case-insensitively, as resource_emails is) or employee number matches
// what the new user offers (scim::link_probe).  They are found with a plain
// read and then locked one by one by primary key, and the locking read
// re-checks that each is still 'local': a second POST for the same person
// waits for the first to commit, then finds the user adopted and goes on
// to create (where the userName the first gave it collides).  No gap lock
// is taken, so creates of different people never wait for each other here.
//
// Thread-safety: as Database; find() only inside Database::run().
#ifndef FASTSCIM_STORE_ACCOUNT_LINKING_H_
#define FASTSCIM_STORE_ACCOUNT_LINKING_H_

#include <optional>
#include <string>
#include <vector>

#include "json/value.h"
#include "scim/event.h"
#include "store/database.h"

namespace fastscim::store {

// The local user a create adopts, locked.
struct LinkCandidate {
  long long seq = 0;
  std::string id;
  long long version = 0;
  json::Value document;
  bool seat = false;       // it takes a seat now (outbox.h)
  std::string matched_by;  // "email" or "employeeNumber"
  std::string matched_value;
};

class AccountLinking {
 public:
  // Requires: `db` outlives this object.
  explicit AccountLinking(Database& db) : db_(db) {}

  // Before a provider's user create writes anything: the one local user
  // `document` matches, locked; nullopt when the tenant does not link or
  // nothing matches.  Throws AbortTransaction with 409 uniqueness when two
  // or more match (the detail names them by id and userName, so the
  // tenant's admin can act); ambiguous() is then true.
  // `link_existing`: the tenant's setting as stored, read in this
  // transaction (tenants.link_existing).
  std::optional<LinkCandidate> find(long long tenant_id, const json::Value& document, const std::string& link_existing);

  // After a create failed: when find() refused it, commits the
  // provisioning.refused event (policy_refusal.h) and returns true.
  bool report_refusal(long long tenant_id, bool recording, const json::Value& document,
                      const scim::EventDraft& draft) const;

  bool ambiguous() const { return !refusal_detail_.empty(); }

 private:
  Database& db_;
  std::string refusal_detail_;
  json::Value candidates_;  // the refusal's candidates: [{"id", "userName"}]
};

// The event data's record of an adoption: {"policy": "link-existing",
// "matchedBy": "email", "value": "…", "localId": "…"}.
json::Value link_record(const LinkCandidate& candidate);

}  // namespace fastscim::store

#endif  // FASTSCIM_STORE_ACCOUNT_LINKING_H_

// store::IdentifierClaims — the unique-across-tenants policy
// (doc/policies.md, "Identifiers owned by another tenant") inside a user
// write's transaction, and the deployment-wide setting that switches it.
//
// Which tenant owns an email address or a mobile number is a row of
// identifier_claims whose primary key is (kind, normalised key)
// (sql/014_policies.sql); the users of that tenant holding it are rows of
// identifier_holders.  A write claims what its user's new document holds
// with an INSERT on that key: when two tenants race for one identifier the
// unique index makes the second wait for the first's commit and then find
// the row, so exactly one wins — no check-then-insert window.  Each write
// reads the setting with a shared lock, so `policy set` (which rebuilds the
// claims of every existing user under the row's exclusive lock) never
// interleaves with a write, and a change applies from the next request.
//
// Thread-safety: as Database (one instance per thread); the in-transaction
// calls are only valid inside Database::run() with a transaction open.
#ifndef FASTSCIM_STORE_IDENTIFIER_CLAIMS_H_
#define FASTSCIM_STORE_IDENTIFIER_CLAIMS_H_

#include <optional>
#include <string>
#include <vector>

#include "json/value.h"
#include "scim/error.h"
#include "scim/event.h"
#include "scim/identifiers.h"
#include "store/database.h"

namespace fastscim::store {

// The setting's name in deployment_settings.
extern const char kUniqueAcrossTenants[];

// A write the policy refused: the identifier and the error answered.
struct ClaimRefusal {
  scim::Identifier identifier;
  scim::Error error;
};

class IdentifierClaims {
 public:
  // Requires: `db` outlives this object.
  explicit IdentifierClaims(Database& db) : db_(db) {}

  // In a user write's transaction, after the user's row `seq` is written:
  // makes the claims held by that user exactly those of `document` within
  // the policy's scope (none when the policy is off).  `setting_read` is
  // kUniqueAcrossTenants's value ("" when unset) as the transaction read it
  // with a shared lock, together with what else the write reads (a
  // creation with the tenant's settings, an update with the user's groups:
  // resource_repository.cc), saving a round trip.  Throws
  // AbortTransaction with 409 uniqueness when another tenant owns one of
  // them; refusal() then names it.  The detail names the attribute and the
  // value the client sent, never the owner.
  void hold(long long tenant_id, long long seq, const json::Value& document, const std::string& setting_read);

  // In a user delete's transaction, before the row goes: lets go of every
  // identifier the user holds (a claim with no holder left is deleted, so
  // another tenant may take it).
  void release_all(long long tenant_id, long long seq);

  // The refusal of the last hold(), if it refused.
  const std::optional<ClaimRefusal>& refusal() const { return refusal_; }

  // After a write failed with `error`: when hold() refused it, commits the
  // provisioning.refused event (policy_refusal.h; `resource_id` is "" for a
  // create) and returns true; otherwise false.
  bool report_refusal(long long tenant_id, bool recording, const std::string& resource_id, const json::Value& document,
                      const scim::EventDraft& draft) const;

 private:
  scim::IdentifierScope scope_shared();
  void release(long long tenant_id, long long seq, const std::string& kind, const std::string& key);

  Database& db_;
  std::optional<ClaimRefusal> refusal_;
};

// The deployment-wide settings (fastscim-admin policy show).
struct DeploymentSetting {
  std::string name;
  std::string value;
  std::string changed;  // "2026-12-01T10:00:00Z"
};

// Every deployment-wide setting, by name.  kUnavailable when the database
// cannot be reached.
scim::Result<std::vector<DeploymentSetting>> deployment_settings(Database& db);

// Sets unique-across-tenants to `scope` and, in the same transaction,
// rebuilds every claim from the users that exist now (all are deleted when
// the scope is off).  409 uniqueness when identifiers in the new scope are
// already held by users of two or more tenants: the detail lists the first
// twenty with their tenants (the operator sees every tenant), and nothing
// changes.
scim::Result<void> set_unique_across_tenants(Database& db, const scim::IdentifierScope& scope);

}  // namespace fastscim::store

#endif  // FASTSCIM_STORE_IDENTIFIER_CLAIMS_H_

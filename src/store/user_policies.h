// The provisioning policies' part of a SCIM write, inside the write's own
// transaction (resource_repository.cc calls these; doc/policies.md):
// storing a creation template's values as the new user's overrides, and
// recording a user's event as the product sees it — the effective record
// (scim/overrides.h), the paths overridden, the template that applied.
//
// Thread-safety: as Database; only valid inside Database::run() with a
// transaction open.
#ifndef FASTSCIM_STORE_USER_POLICIES_H_
#define FASTSCIM_STORE_USER_POLICIES_H_

#include <string>

#include <cppconn/resultset.h>

#include "scim/event.h"
#include "scim/override.h"
#include "scim/repository.h"
#include "store/database.h"
#include "store/outbox.h"

namespace fastscim::store {

// The user's overrides, in the order they were set.
scim::Overrides read_overrides(Database& db, long long tenant_id, const std::string& resource_id);

// The override a row holds from `column`: path, value as stored, source
// (`what` names the user in an error).
scim::Override override_at(sql::ResultSet& rows, int column, const std::string& what);

// Sets (or replaces) one override of the user.
void store_override(Database& db, long long tenant_id, const std::string& resource_id, const scim::Override& o);

// Removes one override; whether there was one.
bool remove_override(Database& db, long long tenant_id, const std::string& resource_id, const std::string& path);

// Removes every override of the user (its purge).
void remove_overrides(Database& db, long long tenant_id, const std::string& resource_id);

// A create: stores the draft's template values as the new user's overrides.
void store_template_values(Database& db, long long tenant_id, const std::string& resource_id,
                           const scim::EventDraft& draft);

// Adds the resource event of a write to `outbox`, as add_resource_event()
// does, but a user's as the product sees it: the overrides read in this
// transaction (a create: the draft's template values; `overrides_read`
// when the caller has read them already) written over its data, with
// `overridden` and the template (listed in `policies` on the wire); an
// update the product does not see is left out (scim::effective_event).
void add_product_event(Database& db, Outbox* outbox, long long tenant_id, scim::ChangeKind kind,
                       const scim::StoredResource& r, const scim::EventDraft& draft,
                       const scim::Overrides* overrides_read = nullptr);

}  // namespace fastscim::store

#endif  // FASTSCIM_STORE_USER_POLICIES_H_

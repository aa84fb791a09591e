// The two steps every change to a tenant's configuration (its extension
// schemas, settings, creation templates) takes inside its transaction:
// lock the tenant's row, so changes to one tenant are serialised, and raise
// its configuration generation, so every worker rebuilds the tenant's
// service (app/tenant_services.h).  Internal to the store.
//
// Thread-safety: as the Database passed in (one per thread).
#ifndef FASTSCIM_STORE_TENANT_CONFIG_H_
#define FASTSCIM_STORE_TENANT_CONFIG_H_

#include "store/database.h"

namespace fastscim::store {

// SELECT … FOR UPDATE of the tenant's row.  Throws AbortTransaction with
// kNotFound when there is no such tenant.  Only inside Database::run().
void lock_tenant_config(Database& db, long long tenant_id);

// Raises the tenant's config_generation, and the auth epoch: the generation
// is read with each token, so cached token lookups must be refreshed
// (doc/auth-cache.md).  Only inside Database::run().
void raise_tenant_generation(Database& db, long long tenant_id);

}  // namespace fastscim::store

#endif  // FASTSCIM_STORE_TENANT_CONFIG_H_

// The two steps every change to a tenant's configuration (its extension
// schemas, settings, creation templates) takes inside its transaction:
// lock the tenant's row, so changes to one tenant are serialised, and raise
// its configuration generation, so every worker rebuilds the tenant's
// service (app/tenant_services.h); and reading the tenant's SCIM settings
// from the columns statements.cc selects for them.  Internal to the store.
//
// Thread-safety: as the Database passed in (one per thread).
#ifndef FASTSCIM_STORE_TENANT_CONFIG_H_
#define FASTSCIM_STORE_TENANT_CONFIG_H_

#include <cppconn/resultset.h>

#include "auth/token_store.h"
#include "store/database.h"

namespace fastscim::store {

// SELECT … FOR UPDATE of the tenant's row.  Throws AbortTransaction with
// kNotFound when there is no such tenant.  Only inside Database::run().
void lock_tenant_config(Database& db, long long tenant_id);

// Raises the tenant's config_generation, and the auth epoch: the generation
// is read with each token, so cached token lookups must be refreshed
// (doc/auth-cache.md).  Only inside Database::run().
void raise_tenant_generation(Database& db, long long tenant_id);

// The five columns of FASTSCIM_TENANT_SCIM_SETTINGS (statements.cc), the
// first at `column`: the three settings (NULL reads as "") and the two flags.
auth::TenantScimSettings read_scim_settings(sql::ResultSet& rows, int column);

}  // namespace fastscim::store

#endif  // FASTSCIM_STORE_TENANT_CONFIG_H_

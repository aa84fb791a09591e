// store::SchemaRepository — a tenant's schema extensions and settings on
// MySQL (tables tenant_schemas and tenants, sql/003_tenant_schemas.sql).
//
// Definitions are stored as JSON text that fastscim-admin has already
// checked with scim::extension_schema_from_json; this class neither parses
// nor validates them.  Every change raises the tenant's config_generation in
// the same transaction, so a worker that cached the tenant's registry under
// the old number rebuilds it on the tenant's next request (the number is
// read with the token, store/statements.cc kFindTokenByHash).
//
// Thread-safety: as Database (one instance per thread).
#ifndef FASTSCIM_STORE_SCHEMA_REPOSITORY_H_
#define FASTSCIM_STORE_SCHEMA_REPOSITORY_H_

#include <string>
#include <vector>

#include "auth/token_store.h"
#include "manage/repository.h"
#include "scim/error.h"
#include "store/database.h"

namespace fastscim::store {

struct TenantSchemaRow {
  std::string urn;
  std::string resource_type;  // "User" or "Group"
  bool required = false;      // EXT-04: every resource of the type must carry it
  std::string definition;     // the RFC 7643 §7 JSON text
  std::string created;        // ISO 8601 UTC
  // A deployment-wide extension (deployment_schemas, doc/policies.md):
  // every tenant, present and future, has it.
  bool deployment_wide = false;
};

// A tenant setting (set through manage::Api, store::ManagementRepository).
using TenantSetting = manage::Setting;

// The tenant's SCIM settings (also read with each token) at a generation;
// has_extensions or has_templates false spares reading them.
struct TenantSettings : auth::TenantScimSettings {
  long long generation = 0;
};

// What a worker needs to build a tenant's schema registry.
struct TenantSchemaConfig {
  TenantSettings settings;
  std::vector<TenantSchemaRow> schemas;  // in registration order
};

class SchemaRepository {
 public:
  // Requires: `db` outlives the repository.
  explicit SchemaRepository(Database& db) : db_(db) {}

  // The tenant's settings and extensions.  The generation is read before
  // the extensions, so a change committed in between is at worst loaded
  // under the older number and loaded again on the next request.  404 for
  // an unknown tenant; 503 when the database is unreachable.
  scim::Result<TenantSchemaConfig> load(long long tenant_id);
  scim::Result<TenantSettings> settings(long long tenant_id);

  // The tenant's extensions: the deployment-wide ones first (flagged), then
  // its own, each in registration order.
  scim::Result<std::vector<TenantSchemaRow>> list(long long tenant_id);
  // The deployment-wide extensions alone.
  scim::Result<std::vector<TenantSchemaRow>> list_deployment_wide();
  // 404 when the tenant has no extension `urn` (matched ignoring case).
  scim::Result<TenantSchemaRow> find(long long tenant_id, const std::string& urn);

  // Registers an extension.  409 when the tenant already has one with that
  // URN (any case), its own or deployment-wide.
  scim::Result<void> add(long long tenant_id, const TenantSchemaRow& row);
  // Registers a deployment-wide extension (schema add --all-tenants) and
  // raises every tenant's config_generation in the same transaction, so
  // each worker rebuilds each tenant's registry on its next request; a
  // tenant created later loads it with its own.  409 when it exists
  // already, or when tenants have their own extension of that URN (the
  // detail names up to twenty of them).
  scim::Result<void> add_deployment_wide(const TenantSchemaRow& row);
  // Removes the deployment-wide extension `urn` and raises every tenant's
  // config_generation.  404 when there is none; 409, changing nothing,
  // while resources of any tenant carry data under it (the detail counts
  // them and their tenants).
  scim::Result<void> remove_deployment_wide(const std::string& urn);

  // Changes whether the extension is required on its resource type.  404
  // when the tenant has no extension `urn`.
  scim::Result<void> set_required(long long tenant_id, const std::string& urn, bool required);

  // How many of the tenant's resources of `resource_type` carry data under
  // `urn` (with = true) or do not (with = false).
  scim::Result<long long> count_resources(long long tenant_id, const std::string& resource_type, const std::string& urn,
                                          bool with);

  // Removes the extension `urn`.  While resources carry data under it,
  // fails with 409 naming how many — unless `purge`: then that data is
  // deleted in the same transaction (the extension object and its URN in
  // "schemas"; each resource's version advances and an "updated" event is
  // written).  Returns the number of resources purged.  404 when the
  // tenant has no extension `urn`.
  scim::Result<long long> remove(long long tenant_id, const std::string& urn, bool purge);

 private:
  Database& db_;
};

}  // namespace fastscim::store

#endif  // FASTSCIM_STORE_SCHEMA_REPOSITORY_H_

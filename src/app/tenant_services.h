// app::TenantServices — one scim::Service per tenant, each over a schema
// registry of the built-ins plus that tenant's extensions, and with the
// tenant's unknown-attribute settings.
//
// A tenant's extensions are visible only to that tenant: its /Schemas,
// /ResourceTypes, validation, PATCH, filters and sorting all resolve
// through the tenant's registry.  Entries are cached per serving thread,
// keyed by tenant id and configuration generation (auth::Principal carries
// the generation, read with the token), so the hot path costs one hash
// lookup; a changed generation rebuilds the entry with one read of the
// tenant's settings and extensions (store::SchemaRepository::load).  The
// cache holds at most `capacity` tenants; when full, it is emptied (tenants
// with traffic come back on their next request).
//
// A stored definition that no longer loads (it was checked when it was
// added, so only a hand-edited row can do this) is logged and left out:
// the tenant keeps its other extensions.
//
// Thread-safety: one instance per serving thread, like the Repository and
// the SchemaRepository it uses.
#ifndef FASTSCIM_APP_TENANT_SERVICES_H_
#define FASTSCIM_APP_TENANT_SERVICES_H_

#include <memory>
#include <unordered_map>

#include "manage/policy_store.h"
#include "scim/repository.h"
#include "scim/schema_registry.h"
#include "scim/service.h"
#include "store/schema_repository.h"

namespace fastscim::app {

class TenantServices {
 public:
  // `defaults` holds the server-wide configuration, including the default
  // policies a tenant setting of "" leaves in force.  Requires: `resources`
  // and `schemas` outlive this object.
  TenantServices(scim::Repository& resources, store::SchemaRepository& schemas, scim::ServiceConfig defaults,
                 size_t capacity = 4096);

  // The Service for `tenant_id` at configuration `generation`; valid until
  // the next call.  Errors: 503 when the configuration cannot be read, 401
  // when the tenant no longer exists.
  scim::Result<scim::Service*> get(long long tenant_id, long long generation);

  // Where the tenants' creation templates are read (doc/policies.md);
  // without it no template applies.  Requires: it outlives this object.
  void set_policies(manage::PolicyStore* policies) { policies_ = policies; }

 private:
  struct Entry {
    long long generation = 0;
    std::unique_ptr<scim::SchemaRegistry> registry;
    std::unique_ptr<scim::Service> service;
  };

  scim::Result<Entry> build(long long tenant_id);

  scim::Repository& resources_;
  store::SchemaRepository& schemas_;
  scim::ServiceConfig defaults_;
  size_t capacity_;
  manage::PolicyStore* policies_ = nullptr;
  std::unordered_map<long long, Entry> entries_;
};

}  // namespace fastscim::app

#endif  // FASTSCIM_APP_TENANT_SERVICES_H_

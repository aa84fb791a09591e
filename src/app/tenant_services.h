// app::TenantServices — one scim::Service per tenant, each over a schema
// registry of the built-ins plus that tenant's extensions, and with the
// tenant's unknown-attribute settings; app::TenantConfigCache — what those
// are built from, read once per worker process.
//
// A tenant's extensions are visible only to that tenant: its /Schemas,
// /ResourceTypes, validation, PATCH, filters and sorting all resolve
// through the tenant's registry.  Services are cached per serving thread,
// keyed by tenant id and configuration generation (auth::Principal carries
// the generation, read with the token), so the hot path costs one hash
// lookup.  A tenant missing from the thread's cache, or cached at an older
// generation, is found in the process's TenantConfigCache without a query
// when that holds the tenant at the generation asked for, and otherwise
// read once, which then goes into the process cache for the other threads:
// its settings, with whether it has extensions or templates
// (store::SchemaRepository::load), then those it has (the extensions, its
// own and the deployment-wide ones; manage::PolicyStore's templates).  The
// token lookup reads the same settings and flags (auth::TokenRecord), so a
// SCIM request of a plain tenant (below) makes none of these reads.
//
// A plain tenant — no extensions, no templates, the common case — has
// nothing a Service keeps of its own: the tenant id comes with each
// request (scim::Context).  Its Service is one of the thread's shared ones,
// one per combination of the three settings a tenant may change (unknown
// attributes, unknown extensions, dialect), over the thread's one registry
// of the built-ins.  Known as plain from the token lookup, it takes no
// entry in the thread's cache (no allocation that outlives its request);
// read from its configuration, the cache holds only the pointer.  So a
// thread serving many more tenants than it caches builds nothing when one
// comes back.  Building a Service per tenant instead (a registry, a copy
// of the configuration, tens of small allocations) at every miss made,
// with 10,000 tenants over 1,024 cached, the allocator's work alone about
// a sixth of a match's CPU (doc/auth-cache.md, "Per-tenant state").
//
// Both caches are bounded and evict the least recently used tenant to make
// room (util::LruMap), so memory stays bounded whatever the number of
// tenants (doc/auth-cache.md, "Per-tenant state"):
//  * a thread's Services: at most `capacity` (kDefaultCapacity = 1,024); a
//    plain tenant's entry, when it has one, is a pointer (under 100 bytes
//    with the map's nodes); a tenant with extensions or templates about
//    1 KB, at most 5 KB once writes have built its validators: at most
//    about 5 MB per thread;
//  * the process's configurations: at most kDefaultConfigs (16,384); a
//    tenant without extensions or templates takes a few hundred bytes, one
//    with them the size of their definitions' text.
//
// A stored definition that no longer loads (it was checked when it was
// added, so only a hand-edited row can do this) is logged and left out:
// the tenant keeps its other extensions.
//
// Thread-safety: TenantServices: one instance per serving thread, like the
// Repository and the SchemaRepository it uses.  TenantConfigCache: any
// thread (one mutex, held for a hash lookup).
#ifndef FASTSCIM_APP_TENANT_SERVICES_H_
#define FASTSCIM_APP_TENANT_SERVICES_H_

#include <map>
#include <memory>
#include <mutex>
#include <tuple>
#include <vector>

#include "auth/token_store.h"
#include "manage/policy_store.h"
#include "scim/repository.h"
#include "scim/schema_registry.h"
#include "scim/service.h"
#include "store/schema_repository.h"
#include "util/lru_map.h"

namespace fastscim::app {

// What a tenant's Service is built from, as read from the database.
struct TenantConfig {
  store::TenantSchemaConfig schema;  // settings (with the generation) and extensions
  std::vector<manage::TemplateRow> templates;
};

class TenantConfigCache {
 public:
  static constexpr size_t kDefaultConfigs = 16384;

  explicit TenantConfigCache(size_t capacity = kDefaultConfigs) : entries_(capacity) {}

  // The tenant's configuration when one read at `generation` or later is
  // kept; nullptr otherwise.
  std::shared_ptr<const TenantConfig> find(long long tenant_id, long long generation);
  // Keeps `config`, unless one of a newer generation is kept already.
  void put(long long tenant_id, std::shared_ptr<const TenantConfig> config);
  size_t size();

 private:
  std::mutex mutex_;
  util::LruMap<long long, std::shared_ptr<const TenantConfig>> entries_;
};

class TenantServices {
 public:
  // Tenants' Services kept per serving thread.
  static constexpr size_t kDefaultCapacity = 1024;

  // `defaults` holds the server-wide configuration, including the default
  // policies a tenant setting of "" leaves in force.  Requires: `resources`
  // and `schemas` outlive this object.
  TenantServices(scim::Repository& resources, store::SchemaRepository& schemas, scim::ServiceConfig defaults,
                 size_t capacity = kDefaultCapacity);

  // The Service for `tenant_id` at configuration `generation`; valid until
  // the next call.  `known`, when given, is the tenant's settings at that
  // generation as the token lookup read them (auth::Principal): a tenant
  // they say has no extensions or templates is then served without reading
  // its configuration.  Errors: 503 when the configuration cannot be read,
  // 401 when the tenant no longer exists.
  scim::Result<scim::Service*> get(long long tenant_id, long long generation,
                                   const auth::TenantScimSettings* known = nullptr);

  // Tenants cached now (at most the capacity), and evicted to make room so far.
  size_t size() const { return entries_.size(); }
  size_t evictions() const { return entries_.evictions(); }
  // Services built so far: each shared one once, a tenant with extensions
  // or templates at each of its misses.
  size_t builds() const { return builds_; }

  // The process's configurations, shared with the other threads; without
  // it every tenant missing from this thread is read from the database.
  // Requires: it outlives this object.
  void set_shared(TenantConfigCache* configs) { configs_ = configs; }

  // Where the tenants' creation templates are read (doc/policies.md);
  // without it no template applies.  Requires: it outlives this object.
  void set_policies(manage::PolicyStore* policies) { policies_ = policies; }

 private:
  struct Entry {
    long long generation = 0;
    scim::Service* service = nullptr;  // `own`, or one of the thread's shared ones
    // A tenant with extensions or templates only.
    std::unique_ptr<scim::SchemaRegistry> registry;
    std::unique_ptr<scim::Service> own;
  };

  scim::Result<std::shared_ptr<const TenantConfig>> read(long long tenant_id);
  Entry build(long long tenant_id, const TenantConfig& config);
  // The three settings a tenant may change (unknown attributes, unknown
  // extensions, dialect), with the server's defaults where it set none:
  // all a plain tenant's Service holds of its own.
  using Settings = std::tuple<scim::UnknownAttributePolicy, scim::UnknownAttributePolicy, scim::Dialect>;
  Settings settings_of(const auth::TenantScimSettings& stored) const;
  scim::ServiceConfig tuned(const Settings& settings) const;
  scim::Service& shared(const auth::TenantScimSettings& stored);
  // A plain tenant's entry: a pointer to the shared Service for its settings.
  Entry shared_entry(long long generation, const auth::TenantScimSettings& stored);

  scim::Repository& resources_;
  store::SchemaRepository& schemas_;
  scim::ServiceConfig defaults_;
  manage::PolicyStore* policies_ = nullptr;
  TenantConfigCache* configs_ = nullptr;
  util::LruMap<long long, Entry> entries_;
  // The plain tenants' Services, by their Settings (at most eight), built
  // on first use over `builtins_`.
  scim::SchemaRegistry builtins_;
  std::map<Settings, std::unique_ptr<scim::Service>> shared_;
  size_t builds_ = 0;
};

}  // namespace fastscim::app

#endif  // FASTSCIM_APP_TENANT_SERVICES_H_

#include "app/tenant_services.h"

#include <tuple>
#include <utility>

#include "json/io.h"
#include "scim/extension_schema.h"
#include "scim/resource_type.h"
#include "scim/templates.h"
#include "util/log.h"

namespace fastscim::app {

namespace {

// A tenant setting overrides the server default only when it is set.
scim::UnknownAttributePolicy policy(const std::string& setting, scim::UnknownAttributePolicy fallback) {
  if (setting == "reject") return scim::UnknownAttributePolicy::kReject;
  if (setting == "ignore") return scim::UnknownAttributePolicy::kIgnore;
  return fallback;
}

// The tenant's creation templates.  A stored template that no longer reads
// (an extension it names was removed) is logged and left out, like a stored
// extension that no longer loads.
std::vector<scim::Template> read_templates(const std::vector<manage::TemplateRow>& rows, long long tenant_id,
                                           const scim::SchemaRegistry& registry) {
  std::vector<scim::Template> templates;
  const scim::ResourceType* users = registry.find_resource_type(scim::user_resource_type().name);
  if (users == nullptr) return templates;
  for (const auto& row : rows) {
    auto body = json::parse(row.body);
    std::string problem = body ? "" : "the stored body is not JSON";
    if (body) {
      auto read = scim::read_template(registry, *users, row.name, row.when, body.value());
      if (read) {
        templates.push_back(std::move(read.value()));
        continue;
      }
      problem = read.error().detail();
    }
    util::log::error("tenant " + std::to_string(tenant_id) + ": template " + row.name + " is left out: " + problem);
  }
  return templates;
}

}  // namespace

std::shared_ptr<const TenantConfig> TenantConfigCache::find(long long tenant_id, long long generation) {
  std::lock_guard<std::mutex> lock(mutex_);
  const std::shared_ptr<const TenantConfig>* kept = entries_.find(tenant_id);
  if (kept == nullptr || (*kept)->schema.settings.generation < generation) return nullptr;
  return *kept;
}

void TenantConfigCache::put(long long tenant_id, std::shared_ptr<const TenantConfig> config) {
  std::lock_guard<std::mutex> lock(mutex_);
  const std::shared_ptr<const TenantConfig>* kept = entries_.find(tenant_id);
  // Another thread may have read a newer one meanwhile.
  if (kept != nullptr && (*kept)->schema.settings.generation > config->schema.settings.generation) return;
  entries_.put(tenant_id, std::move(config));
}

size_t TenantConfigCache::size() {
  std::lock_guard<std::mutex> lock(mutex_);
  return entries_.size();
}

TenantServices::TenantServices(scim::Repository& resources, store::SchemaRepository& schemas,
                               scim::ServiceConfig defaults, size_t capacity)
    : resources_(resources), schemas_(schemas), defaults_(std::move(defaults)), entries_(capacity) {}

scim::Result<scim::Service*> TenantServices::get(long long tenant_id, long long generation,
                                                 const auth::TenantScimSettings* known) {
  // A plain tenant's Service is the shared one for the settings the token
  // lookup read: nothing to keep.  Caching its pointer anyway made every
  // request of a tenant this thread had not kept allocate two map nodes that
  // outlive it, and with thousands of tenants those scattered the heap
  // between requests' own blocks (doc/auth-cache.md, "Per-tenant state").
  if (known != nullptr && !known->has_extensions && !known->has_templates) return &shared(*known);
  Entry* cached = entries_.find(tenant_id);
  // Generations only grow: an entry loaded at or after the one the token
  // lookup saw is current.
  if (cached != nullptr && cached->generation >= generation) return cached->service;
  std::shared_ptr<const TenantConfig> config = configs_ ? configs_->find(tenant_id, generation) : nullptr;
  if (!config) {
    auto loaded = read(tenant_id);
    if (!loaded) return scim::fail(loaded.error());
    config = std::move(loaded.value());
    if (configs_ != nullptr) configs_->put(tenant_id, config);
  }
  return entries_.put(tenant_id, build(tenant_id, *config)).service;
}

scim::Result<std::shared_ptr<const TenantConfig>> TenantServices::read(long long tenant_id) {
  auto loaded = schemas_.load(tenant_id);
  if (!loaded) {
    if (loaded.error().kind() == scim::ErrorKind::kNotFound) {
      return scim::fail(scim::Error::unauthorized("The bearer token's tenant no longer exists."));
    }
    return scim::fail(loaded.error());
  }
  auto config = std::make_shared<TenantConfig>();
  config->schema = std::move(loaded.value());
  if (policies_ != nullptr && config->schema.settings.has_templates) {
    auto templates = policies_->list_templates(tenant_id);
    if (!templates) return scim::fail(templates.error());
    config->templates = std::move(templates.value());
  }
  return std::shared_ptr<const TenantConfig>(std::move(config));
}

TenantServices::Entry TenantServices::build(long long tenant_id, const TenantConfig& config) {
  const store::TenantSchemaConfig& loaded = config.schema;
  if (loaded.schemas.empty() && config.templates.empty()) {
    return shared_entry(loaded.settings.generation, loaded.settings);
  }
  Entry entry;
  entry.generation = loaded.settings.generation;
  entry.registry = std::make_unique<scim::SchemaRegistry>();
  for (const auto& row : loaded.schemas) {
    std::string problem;
    if (auto parsed = json::parse(row.definition); !parsed) {
      problem = "the stored definition is not JSON";
    } else if (auto schema = scim::extension_schema_from_json(parsed.value()); !schema) {
      problem = schema.error().detail();
    } else if (auto added = entry.registry->add_extension(row.resource_type, std::move(schema.value()), row.required);
               !added) {
      problem = added.error().detail();
    }
    if (!problem.empty()) {
      util::log::error("tenant " + std::to_string(tenant_id) + ": schema extension " + row.urn +
                       " is left out: " + problem);
    }
  }
  entry.own = std::make_unique<scim::Service>(resources_, *entry.registry, tuned(settings_of(loaded.settings)));
  if (policies_ != nullptr) entry.own->set_templates(read_templates(config.templates, tenant_id, *entry.registry));
  entry.service = entry.own.get();
  ++builds_;
  return entry;
}

TenantServices::Settings TenantServices::settings_of(const auth::TenantScimSettings& stored) const {
  return {policy(stored.unknown_attributes, defaults_.unknown_attributes),
          policy(stored.unknown_extensions, defaults_.unknown_extensions),
          scim::dialect_from_string(stored.dialect).value_or(defaults_.dialect)};
}

scim::ServiceConfig TenantServices::tuned(const Settings& settings) const {
  scim::ServiceConfig tuned = defaults_;
  std::tie(tuned.unknown_attributes, tuned.unknown_extensions, tuned.dialect) = settings;
  return tuned;
}

TenantServices::Entry TenantServices::shared_entry(long long generation, const auth::TenantScimSettings& stored) {
  Entry entry;
  entry.generation = generation;
  entry.service = &shared(stored);
  return entry;
}

scim::Service& TenantServices::shared(const auth::TenantScimSettings& stored) {
  const Settings settings = settings_of(stored);
  std::unique_ptr<scim::Service>& slot = shared_[settings];
  if (!slot) {
    slot = std::make_unique<scim::Service>(resources_, builtins_, tuned(settings));
    ++builds_;
  }
  return *slot;
}

}  // namespace fastscim::app

#include "app/tenant_services.h"

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

// The tenant's creation templates, read with its configuration.  A stored
// template that no longer reads (an extension it names was removed) is
// logged and left out, like a stored extension that no longer loads.
scim::Result<std::vector<scim::Template>> load_templates(manage::PolicyStore& policies, long long tenant_id,
                                                         const scim::SchemaRegistry& registry) {
  auto rows = policies.list_templates(tenant_id);
  if (!rows) return scim::fail(rows.error());
  std::vector<scim::Template> templates;
  const scim::ResourceType* users = registry.find_resource_type(scim::user_resource_type().name);
  if (users == nullptr) return templates;
  for (const auto& row : *rows) {
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

TenantServices::TenantServices(scim::Repository& resources, store::SchemaRepository& schemas,
                               scim::ServiceConfig defaults, size_t capacity)
    : resources_(resources), schemas_(schemas), defaults_(std::move(defaults)), capacity_(capacity) {}

scim::Result<scim::Service*> TenantServices::get(long long tenant_id, long long generation) {
  auto it = entries_.find(tenant_id);
  // Generations only grow: an entry loaded at or after the one the token
  // lookup saw is current.
  if (it != entries_.end() && it->second.generation >= generation) return it->second.service.get();
  auto built = build(tenant_id);
  if (!built) return scim::fail(built.error());
  if (it == entries_.end() && entries_.size() >= capacity_) entries_.clear();
  Entry& entry = entries_[tenant_id];
  entry = std::move(built.value());
  return entry.service.get();
}

scim::Result<TenantServices::Entry> TenantServices::build(long long tenant_id) {
  auto loaded = schemas_.load(tenant_id);
  if (!loaded) {
    if (loaded.error().kind() == scim::ErrorKind::kNotFound) {
      return scim::fail(scim::Error::unauthorized("The bearer token's tenant no longer exists."));
    }
    return scim::fail(loaded.error());
  }
  Entry entry;
  entry.generation = loaded->settings.generation;
  entry.registry = std::make_unique<scim::SchemaRegistry>();
  for (const auto& row : loaded->schemas) {
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
  scim::ServiceConfig config = defaults_;
  config.unknown_attributes = policy(loaded->settings.unknown_attributes, defaults_.unknown_attributes);
  config.unknown_extensions = policy(loaded->settings.unknown_extensions, defaults_.unknown_extensions);
  config.dialect = scim::dialect_from_string(loaded->settings.dialect).value_or(defaults_.dialect);
  entry.service = std::make_unique<scim::Service>(resources_, *entry.registry, std::move(config));
  if (policies_ != nullptr) {
    auto templates = load_templates(*policies_, tenant_id, *entry.registry);
    if (!templates) return scim::fail(templates.error());
    entry.service->set_templates(std::move(templates.value()));
  }
  return entry;
}

}  // namespace fastscim::app

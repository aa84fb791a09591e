// manage::Api's provisioning-policy operations (api.h, "provisioning
// policies"): creation templates and overrides.  Each is checked against
// the tenant's own schemas, through the tenant's scim::Service.
#include <utility>

#include "json/io.h"
#include "manage/api.h"
#include "scim/overrides.h"
#include "scim/representation.h"
#include "scim/resource_type.h"
#include "scim/templates.h"

namespace fastscim::manage {

namespace {

using scim::Error;

constexpr long long kMaxDeletedListed = 1000;

scim::Error no_policy_store() { return Error::not_implemented("Provisioning policies are not served here."); }

}  // namespace

scim::Result<std::vector<TemplateRow>> Api::list_templates(const Scope& scope, const std::string& tenant_name) {
  if (policies_ == nullptr) return scim::fail(no_policy_store());
  auto tenant = visible_tenant(scope, tenant_name);
  if (!tenant) return scim::fail(tenant.error());
  return policies_->list_templates(tenant->id);
}

scim::Result<TemplateRow> Api::add_template(const Scope& scope, const std::string& tenant_name, const std::string& name,
                                            const std::string& when, const json::Value& body, long long position) {
  if (policies_ == nullptr) return scim::fail(no_policy_store());
  auto tenant = visible_tenant(scope, tenant_name);
  if (!tenant) return scim::fail(tenant.error());
  auto service = service_for(*tenant);
  if (!service) return scim::fail(service.error());
  const scim::ResourceType* users = (*service)->registry().find_resource_type(scim::user_resource_type().name);
  if (users == nullptr) return scim::fail(Error::internal("the tenant's registry has no User type"));
  if (auto checked = scim::read_template((*service)->registry(), *users, name, when, body); !checked) {
    return scim::fail(checked.error());
  }
  if (position < 0) return scim::fail(Error::bad_request("a template's position is 1 or more (0: last)"));
  TemplateRow row;
  row.name = name;
  row.when = when;
  row.body = json::dump(body);
  row.position = position;
  if (auto added = policies_->add_template(tenant->id, row); !added) return scim::fail(added.error());
  auto listed = policies_->list_templates(tenant->id);
  if (!listed) return scim::fail(listed.error());
  for (TemplateRow& stored : *listed) {
    if (stored.name == name) return std::move(stored);
  }
  return scim::fail(Error::internal("the template added is not listed"));
}

scim::Result<void> Api::remove_template(const Scope& scope, const std::string& tenant_name, const std::string& name) {
  if (policies_ == nullptr) return scim::fail(no_policy_store());
  auto tenant = visible_tenant(scope, tenant_name);
  if (!tenant) return scim::fail(tenant.error());
  return policies_->remove_template(tenant->id, name);
}

scim::Result<json::Value> Api::effective_user(const Scope& scope, const std::string& tenant_name, const std::string& id,
                                              const std::string& base_url) {
  if (policies_ == nullptr) return scim::fail(no_policy_store());
  auto tenant = visible_tenant(scope, tenant_name);
  if (!tenant) return scim::fail(tenant.error());
  auto service = service_for(*tenant);
  if (!service) return scim::fail(service.error());
  const scim::ResourceType* users = (*service)->find_resource_type("Users");
  if (users == nullptr) return scim::fail(Error::not_found("no resource type at Users"));
  auto read = (*service)->get(scim::Context{tenant->id, base_url}, *users, id, {}, scim::Preconditions{});
  if (!read) return scim::fail(read.error());
  auto overrides = policies_->overrides(tenant->id, id);
  if (!overrides) return scim::fail(overrides.error());
  json::Value effective = read->body;
  scim::apply_overrides(*overrides, &effective);
  json::Value paths = json::Value::array();
  for (const auto& path : scim::override_paths(*overrides)) paths.append(json::Value::string(path));
  effective.set("overridden", paths);
  return effective;
}

scim::Result<json::Value> Api::change_override(const Scope& scope, const std::string& tenant_name,
                                               const std::string& id, const std::string& path,
                                               const std::optional<json::Value>& body, const std::string& base_url) {
  if (policies_ == nullptr) return scim::fail(no_policy_store());
  auto tenant = visible_tenant(scope, tenant_name);
  if (!tenant) return scim::fail(tenant.error());
  auto service = service_for(*tenant);
  if (!service) return scim::fail(service.error());
  const scim::SchemaRegistry& registry = (*service)->registry();
  const scim::ResourceType* users = (*service)->find_resource_type("Users");
  if (users == nullptr) return scim::fail(Error::not_found("no resource type at Users"));
  auto canonical = scim::override_path(registry, *users, path);
  if (!canonical) return scim::fail(canonical.error());
  std::optional<scim::Override> value;
  if (body) {
    if (!body->is_object() || body->size() != 1 || !body->get("value")) {
      return scim::fail(Error::bad_request("the body of an override is {\"value\": …}"));
    }
    json::Value given = body->get("value");
    if (auto checked = scim::check_override_value(registry, *users, *canonical, given); !checked) {
      return scim::fail(checked.error());
    }
    value = scim::Override{*canonical, given, scim::kAdminSource};
  }
  scim::Representation view(registry, base_url);
  OverrideEventFn make_event = [&](const scim::StoredResource& user, const scim::Overrides& before,
                                   const scim::Overrides& after) {
    return scim::override_change_event(registry, *users, user, view.assemble(*users, user), before, after);
  };
  if (auto changed = policies_->change_override(tenant->id, id, *canonical, value, make_event); !changed) {
    return scim::fail(changed.error());
  }
  return effective_user(scope, tenant_name, id, base_url);
}

scim::Result<std::vector<DeletedUser>> Api::deleted_users(const Scope& scope, const std::string& tenant_name) {
  if (policies_ == nullptr) return scim::fail(no_policy_store());
  auto tenant = visible_tenant(scope, tenant_name);
  if (!tenant) return scim::fail(tenant.error());
  return policies_->deleted_users(tenant->id, kMaxDeletedListed);
}

scim::Result<json::Value> Api::restore_user(const Scope& scope, const std::string& tenant_name, const std::string& id,
                                            const std::string& base_url) {
  if (policies_ == nullptr) return scim::fail(no_policy_store());
  auto tenant = visible_tenant(scope, tenant_name);
  if (!tenant) return scim::fail(tenant.error());
  auto service = service_for(*tenant);
  if (!service) return scim::fail(service.error());
  const scim::ResourceType* users = (*service)->find_resource_type("Users");
  if (users == nullptr) return scim::fail(Error::not_found("no resource type at Users"));
  scim::Representation view((*service)->registry(), base_url);
  RestoreEventFn make_event = [&](const scim::StoredResource& user, const scim::Overrides& overrides) {
    scim::Event event;
    event.type = "user.restored";
    event.resource_type = users->name;
    event.resource_id = user.id;
    event.version = user.version;
    event.data = view.assemble(*users, user);
    scim::apply_overrides(overrides, &event.data);
    event.overridden = scim::override_paths(overrides);
    return event;
  };
  if (auto restored = policies_->restore_user(tenant->id, id, make_event); !restored) {
    return scim::fail(restored.error());
  }
  return effective_user(scope, tenant_name, id, base_url);
}

}  // namespace fastscim::manage

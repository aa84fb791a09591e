// manage::Api's provisioning-policy operations (api.h, "provisioning
// policies"): creation templates, overrides, deleted users and the
// deprovisioning guard's held changes.  Each is checked against
// the tenant's own schemas, through the tenant's scim::Service.
#include <utility>

#include "json/io.h"
#include "manage/api.h"
#include "scim/overrides.h"
#include "scim/representation.h"
#include "scim/resource_type.h"
#include "scim/templates.h"
#include "util/strings.h"

namespace fastscim::manage {

namespace {

using scim::Error;

constexpr long long kMaxDeletedListed = 1000;

constexpr long long kMaxHeldListed = 1000;

scim::Error no_policy_store() { return Error::not_implemented("Provisioning policies are not served here."); }

// Who decided a held change, for the provisioning log and the event.
std::string decided_by(const Scope& scope) {
  if (scope.portal) return "the setup portal";
  if (scope.key_name.empty()) return "fastscim-admin";
  return "API key " + scope.key_name;
}

}  // namespace

scim::Result<Api::TenantUsers> Api::tenant_users(const Scope& scope, const std::string& tenant_name,
                                                 bool needs_policies) {
  if (needs_policies && policies_ == nullptr) return scim::fail(no_policy_store());
  auto tenant = visible_tenant(scope, tenant_name);
  if (!tenant) return scim::fail(tenant.error());
  auto service = service_for(*tenant);
  if (!service) return scim::fail(service.error());
  const scim::ResourceType* users = (*service)->find_resource_type("Users");
  if (users == nullptr) return scim::fail(Error::not_found("the tenant serves no users"));
  return TenantUsers{std::move(tenant.value()), *service, users};
}

scim::Result<std::vector<TemplateRow>> Api::list_templates(const Scope& scope, const std::string& tenant_name) {
  if (policies_ == nullptr) return scim::fail(no_policy_store());
  auto tenant = visible_tenant(scope, tenant_name);
  if (!tenant) return scim::fail(tenant.error());
  return policies_->list_templates(tenant->id);
}

scim::Result<TemplateRow> Api::add_template(const Scope& scope, const std::string& tenant_name, const std::string& name,
                                            const std::string& when, const json::Value& body, long long position) {
  auto found = tenant_users(scope, tenant_name, true);
  if (!found) return scim::fail(found.error());
  if (auto checked = scim::read_template(found->service->registry(), *found->users, name, when, body); !checked) {
    return scim::fail(checked.error());
  }
  if (position < 0) return scim::fail(Error::bad_request("a template's position is 1 or more (0: last)"));
  TemplateRow row;
  row.name = name;
  row.when = when;
  row.body = json::dump(body);
  row.position = position;
  if (auto added = policies_->add_template(found->tenant.id, row); !added) return scim::fail(added.error());
  auto listed = policies_->list_templates(found->tenant.id);
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
  auto users = tenant_users(scope, tenant_name, true);
  if (!users) return scim::fail(users.error());
  const scim::Context context{users->tenant.id, base_url};
  json::Value effective;
  auto read = users->service->get(context, *users->users, id, {}, scim::Preconditions{});
  if (read) {
    effective = read->body;
  } else {
    // A user whose deletion the deprovisioning guard holds is still the
    // product's: its last record, marked held.
    if (read.error().kind() != scim::ErrorKind::kNotFound) return scim::fail(read.error());
    auto held = policies_->held_deleted_user(users->tenant.id, id);
    if (!held) return scim::fail(held.error());
    if (!*held) return scim::fail(read.error());
    effective = scim::Representation(users->service->registry(), base_url).assemble(*users->users, **held);
    effective.set("held", json::Value::string("deletion"));
  }
  auto overrides = policies_->overrides(users->tenant.id, id);
  if (!overrides) return scim::fail(overrides.error());
  scim::apply_overrides(*overrides, &effective);
  json::Value paths = json::Value::array();
  for (const auto& path : scim::override_paths(*overrides)) paths.append(json::Value::string(path));
  effective.set("overridden", paths);
  return effective;
}

scim::Result<json::Value> Api::change_override(const Scope& scope, const std::string& tenant_name,
                                               const std::string& id, const std::string& path,
                                               const std::optional<json::Value>& body, const std::string& base_url) {
  auto found = tenant_users(scope, tenant_name, true);
  if (!found) return scim::fail(found.error());
  const scim::SchemaRegistry& registry = found->service->registry();
  const scim::ResourceType* users = found->users;
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
  if (auto changed = policies_->change_override(found->tenant.id, id, *canonical, value, make_event); !changed) {
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
  auto found = tenant_users(scope, tenant_name, true);
  if (!found) return scim::fail(found.error());
  const scim::ResourceType* users = found->users;
  scim::Representation view(found->service->registry(), base_url);
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
  if (auto restored = policies_->restore_user(found->tenant.id, id, make_event); !restored) {
    return scim::fail(restored.error());
  }
  return effective_user(scope, tenant_name, id, base_url);
}

scim::Result<std::vector<HeldChange>> Api::held_changes(const Scope& scope, const std::string& tenant_name) {
  if (policies_ == nullptr) return scim::fail(no_policy_store());
  auto tenant = visible_tenant(scope, tenant_name);
  if (!tenant) return scim::fail(tenant.error());
  return policies_->held_changes(tenant->id, kMaxHeldListed);
}

scim::Result<std::vector<HeldChange>> Api::decide_held(const Scope& scope, const std::string& tenant_name,
                                                       const std::vector<std::string>& ids, bool approve) {
  if (policies_ == nullptr) return scim::fail(no_policy_store());
  std::vector<long long> numbers;
  for (const std::string& id : ids) {
    long long n = 0;
    if (!util::parse_int(id, &n) || n < 1) {
      return scim::fail(Error::bad_request("a held change is named by its number (held list), not \"" + id + "\""));
    }
    numbers.push_back(n);
  }
  auto tenant = visible_tenant(scope, tenant_name);
  if (!tenant) return scim::fail(tenant.error());
  return policies_->decide_held(tenant->id, numbers, approve, decided_by(scope));
}

}  // namespace fastscim::manage

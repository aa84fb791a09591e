// Api::create_local_user: the product's import of its existing accounts
// (doc/policies.md, "Accounts that existed before provisioning").  Kept
// apart from api.cc: the policy is its own concern, and the import goes
// through the tenant's scim::Service, so what is stored is exactly what a
// provider's POST of the same body would store.
#include "manage/api.h"

namespace fastscim::manage {

scim::Result<scim::Outcome> Api::create_local_user(const Scope& scope, const std::string& tenant_name,
                                                   const json::Value& body, const std::string& base_url) {
  auto tenant = visible_tenant(scope, tenant_name);
  if (!tenant) return scim::fail(tenant.error());
  auto service = service_for(*tenant);
  if (!service) return scim::fail(service.error());
  const scim::ResourceType* users = (*service)->find_resource_type("Users");
  if (users == nullptr) return scim::fail(scim::Error::not_found("the tenant serves no users"));
  scim::Context context{tenant->id, base_url};
  context.local_owner = true;
  return (*service)->create(context, *users, body, scim::QueryParams{});
}

}  // namespace fastscim::manage

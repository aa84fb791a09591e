// Api::create_local_user: the product's import of its existing accounts
// (doc/policies.md, "Accounts that existed before provisioning").  Kept
// apart from api.cc: the policy is its own concern, and the import goes
// through the tenant's scim::Service, so what is stored is exactly what a
// provider's POST of the same body would store.
#include "manage/api.h"

namespace fastscim::manage {

scim::Result<scim::Outcome> Api::create_local_user(const Scope& scope, const std::string& tenant_name,
                                                   const json::Value& body, const std::string& base_url) {
  auto found = tenant_users(scope, tenant_name, false);
  if (!found) return scim::fail(found.error());
  scim::Context context{found->tenant.id, base_url};
  context.local_owner = true;
  return found->service->create(context, *found->users, body, scim::QueryParams{});
}

}  // namespace fastscim::manage

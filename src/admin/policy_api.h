// admin::PolicyApi — the management operations over a database with the
// provisioning policies wired in: each tenant's schemas (to check a template
// or an override against) and the policy tables (store::PolicyRepository).
// The commands that act on policies (template_commands.cc,
// held_commands.cc) run the same manage::Api calls as /manage/v1.
//
// Thread-safety: single-threaded CLI.
#ifndef FASTSCIM_ADMIN_POLICY_API_H_
#define FASTSCIM_ADMIN_POLICY_API_H_

#include "app/tenant_services.h"
#include "manage/api.h"
#include "store/database.h"
#include "store/management_repository.h"
#include "store/policy_repository.h"
#include "store/resource_repository.h"
#include "store/schema_repository.h"

namespace fastscim::admin {

class PolicyApi {
 public:
  // Requires: `db` outlives this.
  explicit PolicyApi(store::Database& db)
      : management_(db),
        resources_(db),
        schemas_(db),
        policies_(db),
        services_(resources_, schemas_, scim::ServiceConfig{}),
        api_(management_,
             [this](const manage::Tenant& tenant) { return services_.get(tenant.id, tenant.generation); }) {
    api_.set_policy_store(&policies_);
  }
  PolicyApi(const PolicyApi&) = delete;
  PolicyApi& operator=(const PolicyApi&) = delete;

  manage::Api& api() { return api_; }

 private:
  store::ManagementRepository management_;
  store::ResourceRepository resources_;
  store::SchemaRepository schemas_;
  store::PolicyRepository policies_;
  app::TenantServices services_;
  manage::Api api_;
};

}  // namespace fastscim::admin

#endif  // FASTSCIM_ADMIN_POLICY_API_H_

#include "store/tenant_config.h"

#include <memory>
#include <string>

#include "store/statements.h"

namespace fastscim::store {

void lock_tenant_config(Database& db, long long tenant_id) {
  auto& s = db.prepare(sql_text::kLockTenant);
  s.setInt64(1, tenant_id);
  std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
  if (!rows->next()) {
    throw AbortTransaction{scim::Error::not_found("no tenant with id " + std::to_string(tenant_id))};
  }
}

void raise_tenant_generation(Database& db, long long tenant_id) {
  auto& s = db.prepare(sql_text::kBumpTenantGeneration);
  s.setInt64(1, tenant_id);
  s.executeUpdate();
  db.bump_auth_epoch();
}

}  // namespace fastscim::store

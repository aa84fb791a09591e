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

auth::TenantScimSettings read_scim_settings(sql::ResultSet& rows, int column) {
  auth::TenantScimSettings read;
  read.unknown_attributes = string_or_empty(rows, column);
  read.unknown_extensions = string_or_empty(rows, column + 1);
  read.dialect = string_or_empty(rows, column + 2);
  read.has_extensions = rows.getBoolean(column + 3);
  read.has_templates = rows.getBoolean(column + 4);
  return read;
}

}  // namespace fastscim::store

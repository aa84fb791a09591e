#include "store/retention.h"

#include <memory>
#include <vector>

#include <cppconn/resultset.h>

#include "store/statements.h"

namespace fastscim::store {

scim::Result<long long> purge_per_tenant(Database& db, const char* statement, int retention_days, int batch) {
  std::vector<long long> tenants;
  auto listed = db.run(Idempotence::kRead, [&](sql::Connection&) {
    tenants.clear();
    std::unique_ptr<sql::ResultSet> rows(db.prepare(sql_text::kListTenantIds).executeQuery());
    while (rows->next()) tenants.push_back(rows->getInt64(1));
  });
  if (!listed) return scim::fail(listed.error());
  long long deleted = 0;
  for (long long tenant_id : tenants) {
    for (;;) {
      int affected = 0;
      auto done = db.run(Idempotence::kWrite, [&](sql::Connection&) {
        auto& s = db.prepare(statement);
        s.setInt64(1, tenant_id);
        s.setInt(2, retention_days);
        s.setInt(3, batch);
        affected = s.executeUpdate();
      });
      if (!done) return scim::fail(done.error());
      deleted += affected;
      if (affected < batch) break;
    }
  }
  return deleted;
}

}  // namespace fastscim::store

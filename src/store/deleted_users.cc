#include "store/deleted_users.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <cppconn/resultset.h>

#include "scim/resource_type.h"
#include "store/outbox.h"
#include "store/policy_statements.h"
#include "store/user_policies.h"

namespace fastscim::store {

namespace {

// Small batches: each purge is its own transaction, and a long backlog
// never holds many locks at once.
constexpr int kPurgeBatch = 100;

}  // namespace

void keep_deleted_user(Database& db, long long seq) {
  auto& s = db.prepare(sql_text::kKeepDeletedUser);
  s.setInt64(1, seq);
  s.executeUpdate();
}

scim::Result<long long> purge_deleted_users(Database& db, bool record_events) {
  long long purged = 0;
  for (;;) {
    std::vector<std::pair<long long, std::string>> due;
    auto listed = db.run(Idempotence::kRead, [&](sql::Connection&) {
      due.clear();
      auto& s = db.prepare(sql_text::kSelectExpiredDeletedUsers);
      s.setInt(1, kPurgeBatch);
      std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
      while (rows->next()) due.emplace_back(rows->getInt64(1), rows->getString(2));
    });
    if (!listed) return scim::fail(listed.error());
    for (const auto& entry : due) {
      const long long tenant_id = entry.first;
      const std::string& id = entry.second;
      auto done = db.run(Idempotence::kWrite, [&](sql::Connection& c) {
        Transaction tx(c);
        auto& lock = db.prepare(sql_text::kLockDeletedUser);
        lock.setInt64(1, tenant_id);
        lock.setString(2, id);
        std::unique_ptr<sql::ResultSet> kept(lock.executeQuery());
        if (!kept->next()) return;  // restored or purged meanwhile
        long long version = kept->getInt64(2);
        std::string user_name = string_or_empty(*kept, 3);
        kept.reset();
        auto& forget = db.prepare(sql_text::kForgetDeletedUser);
        forget.setInt64(1, tenant_id);
        forget.setString(2, id);
        forget.executeUpdate();
        remove_overrides(db, tenant_id, id);
        Outbox outbox(db, tenant_id, record_events);
        scim::Event event;
        event.type = "user.purged";
        event.resource_type = scim::user_resource_type().name;
        event.resource_id = id;
        event.version = version;
        event.data = json::Value::object();
        event.data.set("id", json::Value::string(id));
        event.data.set("userName", json::Value::string(user_name));
        outbox.add(std::move(event));
        outbox.flush();
        tx.commit();
        ++purged;
      });
      if (!done) return scim::fail(done.error());
    }
    if (due.size() < static_cast<size_t>(kPurgeBatch)) break;
  }
  return purged;
}

}  // namespace fastscim::store

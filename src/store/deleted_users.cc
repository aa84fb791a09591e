#include "store/deleted_users.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <cppconn/resultset.h>

#include "scim/resource_type.h"
#include "store/column_table.h"
#include "store/outbox.h"
#include "store/policy_statements.h"
#include "store/resource_rows.h"
#include "store/statements.h"
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

scim::StoredResource restore_kept_user(Database& db, long long tenant_id, const std::string& id, std::string* user_name,
                                       bool* seat) {
  const std::string& user_type = scim::user_resource_type().name;
  auto& lock = db.prepare(sql_text::kLockDeletedUser);
  lock.setInt64(1, tenant_id);
  lock.setString(2, id);
  std::unique_ptr<sql::ResultSet> kept(lock.executeQuery());
  if (!kept->next()) throw AbortTransaction{scim::Error::not_found("no deleted user " + id + " is kept")};
  json::Value document = stored_document(*kept, 1, "deleted user " + id);
  *user_name = string_or_empty(*kept, 3);
  kept.reset();
  // The indexed copies, as the resource writer makes them.
  const ColumnTable& table = ColumnTable::for_type(user_type);
  RowValues values = table.row_values(document);
  auto& ins = db.prepare(sql_text::kRestoreUser);
  ins.setString(1, user_type);
  for (size_t i = 0; i < kWrittenColumnCount; ++i) {
    int index = 2 + static_cast<int>(i);
    const json::Value& v = values[i];
    if (v.is_bool()) {
      ins.setInt(index, *v.as_bool() ? 1 : 0);
    } else if (v.is_string()) {
      ins.setString(index, std::string(*v.as_string()));
    } else {
      ins.setNull(index, static_cast<WrittenColumn>(i) == WrittenColumn::kActive ? sql::DataType::TINYINT
                                                                                 : sql::DataType::VARCHAR);
    }
  }
  ins.setInt64(2 + static_cast<int>(kWrittenColumnCount), tenant_id);
  ins.setString(3 + static_cast<int>(kWrittenColumnCount), id);
  ins.executeUpdate();
  std::unique_ptr<sql::ResultSet> last(db.prepare(sql_text::kLastInsertId).executeQuery());
  last->next();
  long long seq = last->getInt64(1);
  last.reset();
  for (const SideRow& row : table.side_rows(SideTable::Kind::kEmails, document)) {
    auto& email = db.prepare(sql_text::kInsertEmail);
    email.setInt64(1, seq);
    email.setInt64(2, tenant_id);
    email.setString(3, *row[0]);
    if (row[1]) {
      email.setString(4, *row[1]);
    } else {
      email.setNull(4, sql::DataType::VARCHAR);
    }
    email.executeUpdate();
  }
  auto& forget = db.prepare(sql_text::kForgetDeletedUser);
  forget.setInt64(1, tenant_id);
  forget.setString(2, id);
  forget.executeUpdate();
  auto& s = db.prepare(sql_text::kSelectResourceBySeq);
  s.setInt64(1, tenant_id);
  s.setInt64(2, seq);
  std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
  if (!rows->next()) throw AbortTransaction{scim::Error::internal("a restored user vanished inside its transaction")};
  long long ignored = 0;
  scim::StoredResource user = read_row(*rows, &ignored);
  const json::Value& active = values[static_cast<size_t>(WrittenColumn::kActive)];
  *seat = takes_seat(!active.is_bool(), active.as_bool().value_or(false));
  return user;
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

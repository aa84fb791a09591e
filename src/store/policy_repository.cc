#include "store/policy_repository.h"

#include <memory>
#include <utility>

#include <cppconn/resultset.h>

#include "scim/resource_type.h"
#include "store/column_table.h"
#include "store/deleted_users.h"
#include "store/deprovision_guard.h"
#include "store/outbox.h"
#include "store/policy_statements.h"
#include "store/resource_rows.h"
#include "store/statements.h"
#include "store/tenant_config.h"
#include "store/user_policies.h"

namespace fastscim::store {

using scim::Error;

scim::Error user_name_taken(const std::string& user_name) {
  return Error::uniqueness("the user's userName \"" + user_name +
                           "\" belongs to another user now; delete or rename that user first");
}

scim::Result<std::vector<manage::TemplateRow>> PolicyRepository::list_templates(long long tenant_id) {
  std::vector<manage::TemplateRow> rows;
  auto read = db_.run(Idempotence::kRead, [&](sql::Connection&) {
    rows.clear();
    auto& s = db_.prepare(sql_text::kListTemplates);
    s.setInt64(1, tenant_id);
    std::unique_ptr<sql::ResultSet> found(s.executeQuery());
    while (found->next()) {
      rows.push_back({found->getString(1), found->getInt64(2), found->getString(3), found->getString(4),
                      string_or_empty(*found, 5)});
    }
  });
  if (!read) return scim::fail(read.error());
  return rows;
}

scim::Result<void> PolicyRepository::add_template(long long tenant_id, const manage::TemplateRow& row) {
  auto written = db_.run(Idempotence::kWrite, [&](sql::Connection& c) {
    Transaction tx(c);
    lock_tenant_config(db_, tenant_id);
    auto& last = db_.prepare(sql_text::kMaxTemplatePosition);
    last.setInt64(1, tenant_id);
    std::unique_ptr<sql::ResultSet> max(last.executeQuery());
    long long end = max->next() ? max->getInt64(1) + 1 : 1;
    max.reset();
    long long position = row.position <= 0 || row.position > end ? end : row.position;
    auto& shift = db_.prepare(sql_text::kShiftTemplatesFrom);
    shift.setInt64(1, tenant_id);
    shift.setInt64(2, position);
    shift.executeUpdate();
    auto& ins = db_.prepare(sql_text::kInsertTemplate);
    ins.setInt64(1, tenant_id);
    ins.setString(2, row.name);
    ins.setInt64(3, position);
    ins.setString(4, row.when);
    ins.setString(5, row.body);
    ins.executeUpdate();
    raise_tenant_generation(db_, tenant_id);
    tx.commit();
  });
  if (!written && written.error().kind() == scim::ErrorKind::kUniqueness) {
    return scim::fail(Error::conflict("the tenant already has a template named \"" + row.name + "\""));
  }
  return written;
}

scim::Result<void> PolicyRepository::remove_template(long long tenant_id, const std::string& name) {
  return db_.run(Idempotence::kWrite, [&](sql::Connection& c) {
    Transaction tx(c);
    lock_tenant_config(db_, tenant_id);
    auto& find = db_.prepare(sql_text::kSelectTemplatePosition);
    find.setInt64(1, tenant_id);
    find.setString(2, name);
    std::unique_ptr<sql::ResultSet> found(find.executeQuery());
    if (!found->next()) throw AbortTransaction{Error::not_found("no template named \"" + name + "\"")};
    long long position = found->getInt64(1);
    found.reset();
    auto& del = db_.prepare(sql_text::kDeleteTemplate);
    del.setInt64(1, tenant_id);
    del.setString(2, name);
    del.executeUpdate();
    auto& gap = db_.prepare(sql_text::kCloseTemplateGap);
    gap.setInt64(1, tenant_id);
    gap.setInt64(2, position);
    gap.executeUpdate();
    raise_tenant_generation(db_, tenant_id);
    tx.commit();
  });
}

scim::Result<scim::Overrides> PolicyRepository::overrides(long long tenant_id, const std::string& user_id) {
  scim::Overrides found;
  auto read = db_.run(Idempotence::kRead, [&](sql::Connection&) { found = read_overrides(db_, tenant_id, user_id); });
  if (!read) return scim::fail(read.error());
  return found;
}

scim::Result<void> PolicyRepository::change_override(long long tenant_id, const std::string& user_id,
                                                     const std::string& path,
                                                     const std::optional<scim::Override>& value,
                                                     const manage::OverrideEventFn& make_event) {
  const std::string& user_type = scim::user_resource_type().name;
  return db_.run(Idempotence::kWrite, [&](sql::Connection& c) {
    Transaction tx(c);
    auto& lock = db_.prepare(sql_text::kLockResource);
    lock.setInt64(1, tenant_id);
    lock.setString(2, user_type);
    lock.setString(3, user_id);
    std::unique_ptr<sql::ResultSet> locked(lock.executeQuery());
    if (!locked->next()) throw AbortTransaction{Error::not_found(user_type + " " + user_id + " not found")};
    long long seq = locked->getInt64(1);
    locked.reset();
    scim::Overrides before = read_overrides(db_, tenant_id, user_id);
    if (value) {
      store_override(db_, tenant_id, user_id, *value);
    } else if (!remove_override(db_, tenant_id, user_id, path)) {
      throw AbortTransaction{Error::not_found("the user has no override at \"" + path + "\"")};
    }
    scim::Overrides after = read_overrides(db_, tenant_id, user_id);
    auto& bump = db_.prepare(sql_text::kBumpResourceVersion);
    bump.setString(1, write_time_now().column);
    bump.setInt64(2, seq);
    bump.executeUpdate();
    auto& s = db_.prepare(sql_text::kSelectResourceBySeq);
    s.setInt64(1, tenant_id);
    s.setInt64(2, seq);
    std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
    if (!rows->next()) throw AbortTransaction{Error::internal("a user vanished inside its own transaction")};
    long long ignored = 0;
    scim::StoredResource user = read_row(*rows, &ignored);
    rows.reset();
    Outbox outbox(db_, tenant_id, record_events_);
    if (outbox.recording() && make_event) {
      if (auto event = make_event(user, before, after)) outbox.add(std::move(*event));
    }
    outbox.flush();
    tx.commit();
  });
}

scim::Result<std::vector<manage::DeletedUser>> PolicyRepository::deleted_users(long long tenant_id, long long limit) {
  std::vector<manage::DeletedUser> users;
  auto read = db_.run(Idempotence::kRead, [&](sql::Connection&) {
    users.clear();
    auto& s = db_.prepare(sql_text::kListDeletedUsers);
    s.setInt64(1, tenant_id);
    s.setInt64(2, limit);
    std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
    while (rows->next()) {
      users.push_back({rows->getString(1), string_or_empty(*rows, 2), rows->getString(3), rows->getString(4)});
    }
  });
  if (!read) return scim::fail(read.error());
  return users;
}

scim::Result<void> PolicyRepository::restore_user(long long tenant_id, const std::string& id,
                                                  const manage::RestoreEventFn& make_event) {
  std::string user_name;
  auto restored = db_.run(Idempotence::kWrite, [&](sql::Connection& c) {
    Transaction tx(c);
    Outbox outbox(db_, tenant_id, record_events_);
    // A held deletion of the user is undone by the restore (its events
    // dropped): the product never saw the user go.  Its hold is locked
    // before the kept user, in the order deciding a hold takes them.
    DeprovisionGuard(db_, tenant_id).supersede(Deprovision::kDeletion, id, &outbox);
    bool seat = false;
    scim::StoredResource user = restore_kept_user(db_, tenant_id, id, &user_name, &seat);
    if (outbox.recording() && make_event) {
      outbox.add(make_event(user, read_overrides(db_, tenant_id, id)));
      if (seat) outbox.change_active_users(1);
    }
    outbox.flush();
    tx.commit();
  });
  if (!restored && restored.error().kind() == scim::ErrorKind::kUniqueness) {
    return scim::fail(user_name_taken(user_name));
  }
  return restored;
}

}  // namespace fastscim::store

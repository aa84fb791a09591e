#include "store/outbox.h"

#include <memory>

#include <cppconn/resultset.h>

#include "auth/token.h"
#include "json/io.h"
#include "store/statements.h"

namespace fastscim::store {

std::string new_uuid() {
  std::string hex = auth::random_hex(16);
  hex[12] = '4';
  const char variants[] = "89ab";
  hex[16] = variants[(hex[16] - (hex[16] >= 'a' ? 'a' - 10 : '0')) & 3];
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
         hex.substr(20);
}

void Outbox::flush() {
  if (events_.empty() && active_delta_ == 0) return;
  const auto count = static_cast<long long>(events_.size());
  // The row lock taken here is the one that orders the tenant's positions:
  // everything before it in the transaction runs concurrently with other
  // writers of the tenant; only the statements from here to COMMIT don't.
  auto& advance = db_.prepare(sql_text::kAdvanceTenantCounters);
  advance.setInt64(1, tenant_id_);
  advance.setInt64(2, count);
  advance.setInt64(3, active_delta_);
  advance.executeUpdate();

  auto& tenant = db_.prepare(sql_text::kSelectTenantForEvents);
  tenant.setInt64(1, tenant_id_);
  std::unique_ptr<sql::ResultSet> row(tenant.executeQuery());
  row->next();
  const long long last = row->getInt64(1);
  const long long active = row->getInt64(2);
  const std::string name = row->getString(3);
  const std::string invitations = string_or_empty(*row, 4);
  const std::string now = row->getString(5);  // "2026-12-01 10:00:00.123" (UTC session)
  row.reset();

  if (active_delta_ != 0) {
    auto& seats = db_.prepare(sql_text::kRecordSeatDay);
    seats.setInt64(1, tenant_id_);
    seats.setInt64(2, active);
    seats.setInt64(3, active);
    seats.executeUpdate();
  }

  // xsd:dateTime with milliseconds, whatever fraction the driver returned.
  std::string occurred_at = now.substr(0, 19) + "." + (now.size() > 20 ? now.substr(20, 3) : "") + "000";
  occurred_at = occurred_at.substr(0, 23) + "Z";
  if (occurred_at.size() > 10 && occurred_at[10] == ' ') occurred_at[10] = 'T';
  long long position = last - count;
  for (scim::Event& event : events_) {
    event.position = ++position;
    event.id = new_uuid();
    event.tenant = name;
    event.occurred_at = occurred_at;
    if (event.type == "user.created") event.invitations = invitations.empty() ? "off" : invitations;
    auto& insert = db_.prepare(sql_text::kInsertEvent);
    insert.setInt64(1, tenant_id_);
    insert.setInt64(2, event.position);
    insert.setString(3, event.id);
    insert.setString(4, event.type);
    insert.setString(5, event.resource_type);
    insert.setString(6, event.resource_id);
    insert.setInt64(7, event.version);
    insert.setString(8, now);
    insert.setString(9, json::dump(scim::to_json(event)));
    insert.executeUpdate();
  }
  events_.clear();
  active_delta_ = 0;
}

}  // namespace fastscim::store

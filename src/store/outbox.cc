#include "store/outbox.h"

#include <memory>
#include <optional>

#include <cppconn/resultset.h>

#include "auth/token.h"
#include "json/io.h"
#include "store/policy_statements.h"
#include "store/resource_rows.h"
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

namespace {

// What a user.created event says of a stored invitations setting.
std::string invitations_of(const std::string& stored) { return stored.empty() ? "off" : stored; }

// The tenant's invitations setting now (005_management.sql), which a
// user.created event carries; a plain read, no lock.
std::string tenant_invitations(Database& db, long long tenant_id) {
  auto& select = db.prepare(sql_text::kSelectTenantInvitations);
  select.setInt64(1, tenant_id);
  std::unique_ptr<sql::ResultSet> row(select.executeQuery());
  return invitations_of(row->next() ? string_or_empty(*row, 1) : "");
}

}  // namespace

void Outbox::set_invitations(const std::string& stored) { invitations_ = invitations_of(stored); }

void Outbox::flush() {
  if (events_.empty()) {
    if (active_delta_ != 0) {
      throw AbortTransaction{scim::Error::internal("a change of seats without an event to carry it")};
    }
    return;
  }
  const WriteTime now = write_time_now();
  const std::string& occurred_at = now.iso;
  for (scim::Event& event : events_) {
    event.id = new_uuid();
    event.occurred_at = occurred_at;
    if (event.type == "user.created") {
      if (!invitations_) invitations_ = tenant_invitations(db_, tenant_id_);
      event.invitations = *invitations_;
    }
  }
  // The time column is what retention and the seat history go by: the
  // event's own occurred_at.
  const std::string& occurred_column = now.column;
  bool first = true;
  // A held event has the same columns, after the hold's id.
  const int shift = hold_id_ > 0 ? 1 : 0;
  for (const scim::Event& event : events_) {
    auto& insert = db_.prepare(hold_id_ > 0 ? sql_text::kInsertHeldEvent : sql_text::kInsertEvent);
    if (hold_id_ > 0) insert.setInt64(1, hold_id_);
    insert.setInt64(1 + shift, tenant_id_);
    insert.setString(2 + shift, event.id);
    insert.setString(3 + shift, event.type);
    insert.setString(4 + shift, event.resource_type);
    insert.setString(5 + shift, event.resource_id);
    insert.setInt64(6 + shift, event.version);
    insert.setInt(7 + shift, first ? static_cast<int>(active_delta_) : 0);
    insert.setString(8 + shift, occurred_column);
    insert.setString(9 + shift, json::dump(scim::to_json(event)));
    insert.executeUpdate();
    first = false;
  }
  events_.clear();
  active_delta_ = 0;
}

}  // namespace fastscim::store

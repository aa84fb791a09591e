#include "store/user_policies.h"

#include <memory>

#include <cppconn/resultset.h>

#include "json/io.h"
#include "scim/overrides.h"
#include "scim/resource_type.h"
#include "store/change_events.h"
#include "store/policy_statements.h"

namespace fastscim::store {

scim::Overrides read_overrides(Database& db, long long tenant_id, const std::string& resource_id) {
  scim::Overrides overrides;
  auto& s = db.prepare(sql_text::kSelectOverrides);
  s.setInt64(1, tenant_id);
  s.setString(2, resource_id);
  std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
  while (rows->next()) overrides.push_back(override_at(*rows, 1, resource_id));
  return overrides;
}

scim::Override override_at(sql::ResultSet& rows, int column, const std::string& what) {
  scim::Override o;
  o.path = rows.getString(column);
  // Stored as {"value": …}, the body of the management API's PUT.
  o.value = stored_document(rows, column + 1, "override " + o.path + " of " + what).get("value");
  o.source = rows.getString(column + 2);
  return o;
}

void store_override(Database& db, long long tenant_id, const std::string& resource_id, const scim::Override& o) {
  auto& s = db.prepare(sql_text::kUpsertOverride);
  s.setInt64(1, tenant_id);
  s.setString(2, resource_id);
  s.setString(3, o.path);
  json::Value stored = json::Value::object();
  stored.set("value", o.value);
  s.setString(4, json::dump(stored));
  s.setString(5, o.source);
  s.executeUpdate();
}

bool remove_override(Database& db, long long tenant_id, const std::string& resource_id, const std::string& path) {
  auto& s = db.prepare(sql_text::kDeleteOverride);
  s.setInt64(1, tenant_id);
  s.setString(2, resource_id);
  s.setString(3, path);
  return s.executeUpdate() > 0;
}

void remove_overrides(Database& db, long long tenant_id, const std::string& resource_id) {
  auto& s = db.prepare(sql_text::kDeleteOverridesOf);
  s.setInt64(1, tenant_id);
  s.setString(2, resource_id);
  s.executeUpdate();
}

void store_template_values(Database& db, long long tenant_id, const std::string& resource_id,
                           const scim::EventDraft& draft) {
  for (const scim::Override& o : draft.template_values) store_override(db, tenant_id, resource_id, o);
}

void add_product_event(Database& db, Outbox* outbox, long long tenant_id, scim::ChangeKind kind,
                       const scim::StoredResource& r, const scim::EventDraft& draft,
                       const scim::Overrides* overrides_read) {
  if (!outbox->recording()) return;
  scim::Event event = resource_event(kind, r, draft);
  if (r.resource_type == scim::user_resource_type().name) {
    scim::Overrides overrides = kind == scim::ChangeKind::kCreated ? draft.template_values
                                : overrides_read != nullptr        ? *overrides_read
                                                                   : read_overrides(db, tenant_id, r.id);
    if (!draft.template_name.empty()) event.template_name = draft.template_name;
    if (!scim::effective_event(overrides, &event)) return;
  }
  outbox->add(std::move(event));
}

}  // namespace fastscim::store

#include "scim/event.h"

#include <set>
#include <utility>

#include "json/io.h"
#include "util/strings.h"

namespace fastscim::scim {

namespace {

const char* change_name(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kCreated: return "created";
    case ChangeKind::kUpdated: return "updated";
    case ChangeKind::kDeactivated: return "deactivated";
    case ChangeKind::kReactivated: return "reactivated";
    case ChangeKind::kDeleted: return "deleted";
    case ChangeKind::kMemberAdded: return "member_added";
    case ChangeKind::kMemberRemoved: return "member_removed";
    case ChangeKind::kLinked: return "linked";
  }
  return "updated";
}

// Attributes the event does not compare: identity, metadata, and the
// memberships that have events of their own.
bool compared(const std::string& key) {
  for (const char* skip : {"schemas", "id", "meta", "members", "groups"}) {
    if (util::iequals(key, skip)) return false;
  }
  return true;
}

}  // namespace

std::string event_type(const std::string& resource_type, ChangeKind kind) {
  return util::to_lower(resource_type) + "." + change_name(kind);
}

json::Value member_event_data(const std::string& group_id, const std::string& group_display, const Member& member) {
  json::Value group = json::Value::object();
  group.set("id", json::Value::string(group_id));
  group.set("displayName", json::Value::string(group_display));
  json::Value m = json::Value::object();
  m.set("value", json::Value::string(member.value));
  if (!member.type.empty()) m.set("type", json::Value::string(member.type));
  if (!member.display.empty()) m.set("display", json::Value::string(member.display));
  json::Value data = json::Value::object();
  data.set("group", group);
  data.set("member", m);
  return data;
}

json::Value to_json(const Event& event) {
  json::Value v = json::Value::object();
  if (!event.tenant.empty()) v.set("tenant", json::Value::string(event.tenant));
  if (event.position > 0) {
    v.set("position", json::Value::integer(event.position));
    v.set("cursor", json::Value::string(std::to_string(event.position)));
  }
  v.set("id", json::Value::string(event.id));
  v.set("type", json::Value::string(event.type));
  v.set("occurred_at", json::Value::string(event.occurred_at));
  json::Value resource = json::Value::object();
  resource.set("type", json::Value::string(event.resource_type));
  resource.set("id", json::Value::string(event.resource_id));
  resource.set("version", json::Value::integer(event.version));
  v.set("resource", resource);
  v.set("data", event.data ? event.data : json::Value::null());
  if (!event.changed.empty()) {
    json::Value changed = json::Value::array();
    for (const auto& name : event.changed) changed.append(json::Value::string(name));
    v.set("changed", changed);
    v.set("previous", event.previous.is_object() ? event.previous : json::Value::object());
  }
  if (event.invitations) v.set("invitations", json::Value::string(*event.invitations));
  // Every policy that shaped the event in one list, each {"policy": NAME, …}:
  // the creation template and the overrides too (doc/events.md).
  json::Value policies = json::Value::array();
  if (event.policies.is_array()) {
    for (size_t i = 0; i < event.policies.size(); ++i) policies.append(event.policies.at(i));
  }
  if (event.template_name) {
    json::Value applied = json::Value::object();
    applied.set("policy", json::Value::string("template"));
    applied.set("name", json::Value::string(*event.template_name));
    policies.append(applied);
  }
  if (!event.overridden.empty()) {
    json::Value paths = json::Value::array();
    for (const auto& path : event.overridden) paths.append(json::Value::string(path));
    json::Value applied = json::Value::object();
    applied.set("policy", json::Value::string("overrides"));
    applied.set("paths", paths);
    policies.append(applied);
  }
  if (policies.size() > 0) v.set("policies", policies);
  return v;
}

std::string numbered_event_text(std::string_view stored, const std::string& tenant, long long position) {
  json::Value head = json::Value::object();
  head.set("tenant", json::Value::string(tenant));
  head.set("position", json::Value::integer(position));
  head.set("cursor", json::Value::string(std::to_string(position)));
  std::string text = json::dump(head);  // {"tenant":…,"cursor":"17"}
  text.pop_back();
  if (stored.size() > 2) text += ',';
  text.append(stored.substr(1));
  return text;
}

json::Value EventDraft::data(const StoredResource& stored) const {
  if (describe) return describe(stored);
  json::Value v = stored.document.deep_copy();
  if (!v.is_object()) v = json::Value::object();
  v.set("id", json::Value::string(stored.id));
  return v;
}

void attribute_changes(const SchemaRegistry& registry, const ResourceType& type, const json::Value& before,
                       const json::Value& after, EventDraft* draft) {
  draft->changed.clear();
  draft->previous = json::Value::object();
  std::set<std::string> seen;
  auto consider = [&](const std::string& key) {
    if (!compared(key) || !seen.insert(util::to_lower(key)).second) return;
    json::Value old_value = before.get_ci(key);
    json::Value new_value = after.get_ci(key);
    if (old_value && new_value && old_value.equals(new_value)) return;
    if (!old_value && !new_value) return;
    draft->changed.push_back(key);
    if (auto resolved = registry.resolve(type, key); resolved && !resolved->in_extension) {
      const AttributeDefinition& def = resolved->definition();
      if (def.returned == Returned::kNever || def.mutability == Mutability::kWriteOnly) return;  // ATT-18
    }
    draft->previous.set(key, old_value ? old_value.deep_copy() : json::Value::null());
  };
  if (after.is_object()) {
    for (const auto& [key, value] : after.items()) consider(key);
  }
  if (before.is_object()) {
    for (const auto& [key, value] : before.items()) consider(key);
  }
}

}  // namespace fastscim::scim

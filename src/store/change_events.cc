#include "store/change_events.h"

#include <set>

#include "scim/resource_type.h"

namespace fastscim::store {

namespace {

bool is_update(scim::ChangeKind kind) {
  return kind == scim::ChangeKind::kUpdated || kind == scim::ChangeKind::kDeactivated ||
         kind == scim::ChangeKind::kReactivated;
}

}  // namespace

scim::Event resource_event(scim::ChangeKind kind, const scim::StoredResource& r, const scim::EventDraft& draft) {
  scim::Event e;
  e.type = scim::event_type(r.resource_type, kind);
  e.resource_type = r.resource_type;
  e.resource_id = r.id;
  e.version = r.version;
  e.data = draft.data(r);
  if (is_update(kind)) {
    e.changed = draft.changed;
    e.previous = draft.previous;
  }
  return e;
}

void add_resource_event(Outbox* outbox, scim::ChangeKind kind, const scim::StoredResource& r,
                        const scim::EventDraft& draft) {
  if (outbox->recording()) outbox->add(resource_event(kind, r, draft));
}

scim::Event member_event(scim::ChangeKind kind, const std::string& group_id, const std::string& group_display,
                         long long version, const scim::Member& member) {
  scim::Event e;
  e.type = scim::event_type(scim::group_resource_type().name, kind);
  e.resource_type = scim::group_resource_type().name;
  e.resource_id = group_id;
  e.version = version;
  e.data = scim::member_event_data(group_id, group_display, member);
  return e;
}

std::string display_name_of(const scim::StoredResource& group) {
  return std::string(group.document.get("displayName").as_string().value_or(""));
}

bool add_member_events(Outbox* outbox, const scim::StoredResource& group, const std::vector<scim::Member>& removed,
                       const std::vector<scim::Member>& added) {
  std::set<std::string> removed_ids, added_ids;
  for (const auto& m : removed) removed_ids.insert(m.value);
  for (const auto& m : added) added_ids.insert(m.value);
  bool any = false;
  const std::string display = display_name_of(group);
  for (const auto& m : removed) {
    if (added_ids.count(m.value) > 0) continue;
    outbox->add(member_event(scim::ChangeKind::kMemberRemoved, group.id, display, group.version, m));
    any = true;
  }
  for (const auto& m : added) {
    if (removed_ids.count(m.value) > 0) continue;
    outbox->add(member_event(scim::ChangeKind::kMemberAdded, group.id, display, group.version, m));
    any = true;
  }
  return any;
}

}  // namespace fastscim::store

#include "support/memory_repository.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <set>

#include "scim/event.h"
#include "scim/filter_eval.h"
#include "scim/text.h"
#include "util/strings.h"

namespace fastscim::testing {

namespace {

using scim::Error;
using scim::fail;
using scim::quoted;
using scim::Member;
using scim::StoredResource;

// 2026-01-01T00:00:00Z.
constexpr std::time_t kEpoch = 1767225600;

// The attribute that must be unique per tenant and type, if any.
const char* unique_attribute(const std::string& resource_type) {
  if (resource_type == "User") return "userName";
  if (resource_type == "Group") return "displayName";
  return nullptr;
}

std::string string_of(const json::Value& v) {
  auto s = v.as_string();
  return s ? std::string(*s) : std::string();
}

json::Value member_json(const Member& m) {
  json::Value v = json::Value::object();
  v.set("value", json::Value::string(m.value));
  if (!m.type.empty()) v.set("type", json::Value::string(m.type));
  if (!m.display.empty()) v.set("display", json::Value::string(m.display));
  return v;
}

// The value sortBy names in `resource`: a sub-attribute of a multi-valued
// attribute is taken from the primary element, else the first (SRT-02).
json::Value sort_value(const json::Value& resource, const scim::AttributePath& path) {
  json::Value container = resource;
  if (path.has_urn()) {
    json::Value extension = resource.get_ci(path.urn);
    if (extension.is_object()) container = extension;
  }
  json::Value v = container.get_ci(path.attribute);
  if (v.is_array()) {
    json::Value chosen = v.size() > 0 ? v.at(0) : json::Value();
    for (size_t i = 0; i < v.size(); ++i) {
      if (v.at(i).is_object() && v.at(i).get_ci("primary").as_bool().value_or(false)) chosen = v.at(i);
    }
    v = chosen;
  }
  if (path.has_sub_attribute()) v = v.is_object() ? v.get_ci(path.sub_attribute) : json::Value();
  if (v.is_null()) return json::Value();
  return v;
}

// Orders two present values of one attribute; -1, 0 or 1.
int compare_values(const json::Value& a, const json::Value& b, bool case_exact) {
  if (a.is_string() && b.is_string()) {
    std::string x(*a.as_string()), y(*b.as_string());
    if (!case_exact) {
      x = util::to_lower(x);
      y = util::to_lower(y);
    }
    return x < y ? -1 : (y < x ? 1 : 0);
  }
  if (a.is_number() && b.is_number()) {
    double x = *a.as_number(), y = *b.as_number();
    return x < y ? -1 : (y < x ? 1 : 0);
  }
  if (a.is_bool() && b.is_bool()) {
    return static_cast<int>(*a.as_bool()) - static_cast<int>(*b.as_bool());
  }
  return static_cast<int>(a.type()) - static_cast<int>(b.type());
}

}  // namespace

MemoryRepository::MemoryRepository(const scim::SchemaRegistry* registry) : registry_(registry) {}

std::string MemoryRepository::tick() {
  std::time_t t = kEpoch + clock_++;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

std::string MemoryRepository::next_id() {
  char text[40];
  std::snprintf(text, sizeof text, "00000000-0000-4000-8000-%012llx", next_seq_);
  return text;
}

MemoryRepository::Record* MemoryRepository::find(long long tenant_id, const std::string& resource_type,
                                                 const std::string& id) {
  auto it = records_.find(id);
  if (it == records_.end() || it->second.tenant_id != tenant_id || it->second.resource.resource_type != resource_type) {
    return nullptr;
  }
  return &it->second;
}

const MemoryRepository::Record* MemoryRepository::find_any(long long tenant_id, const std::string& id) const {
  auto it = records_.find(id);
  if (it == records_.end() || it->second.tenant_id != tenant_id) return nullptr;
  return &it->second;
}

scim::Result<void> MemoryRepository::check_unique(long long tenant_id, const std::string& resource_type,
                                                  const json::Value& document, const std::string& self_id) const {
  const char* attribute = unique_attribute(resource_type);
  if (attribute == nullptr) return {};
  std::string value = string_of(document.get_ci(attribute));
  if (value.empty()) return {};
  for (const auto& [id, record] : records_) {
    if (record.tenant_id != tenant_id || record.resource.resource_type != resource_type || id == self_id) continue;
    if (util::iequals(string_of(record.resource.document.get_ci(attribute)), value)) {
      return fail(Error::uniqueness(std::string(attribute) + " " + quoted(value) + " is already taken"));
    }
  }
  return {};
}

scim::Result<std::vector<Member>> MemoryRepository::resolve_members(long long tenant_id,
                                                                    const std::vector<Member>& members) const {
  std::vector<Member> resolved;
  std::vector<std::string> missing;
  std::set<std::string> seen;
  for (const Member& m : members) {
    if (!seen.insert(m.value).second) continue;
    const Record* target = find_any(tenant_id, m.value);
    if (target == nullptr || (target->resource.resource_type != "User" && target->resource.resource_type != "Group")) {
      missing.push_back(m.value);
      continue;
    }
    Member out = m;
    out.type = target->resource.resource_type;
    if (out.display.empty()) {
      const json::Value& doc = target->resource.document;
      out.display = string_of(doc.get_ci("displayName"));
      if (out.display.empty()) out.display = string_of(doc.get_ci("userName"));
    }
    resolved.push_back(std::move(out));
  }
  if (!missing.empty()) {
    std::string list;
    for (const auto& id : missing) list += (list.empty() ? "" : ", ") + quoted(id);
    return fail(Error::invalid_value("members: no User or Group with id " + list));
  }
  return resolved;
}

StoredResource MemoryRepository::view(const Record& record, bool load_members, bool load_groups) {
  StoredResource out = record.resource;
  out.document = record.resource.document.deep_copy();
  if (out.resource_type != "Group" || !load_members) out.members.reset();
  out.groups.clear();
  if (out.resource_type == "User" && load_groups) {
    for (const auto& [id, other] : records_) {
      if (other.tenant_id != record.tenant_id || other.resource.resource_type != "Group") continue;
      for (const Member& m : *other.resource.members) {
        if (m.value != record.resource.id) continue;
        out.groups.push_back(Member{id, "direct", string_of(other.resource.document.get_ci("displayName"))});
      }
    }
  }
  return out;
}

json::Value MemoryRepository::filter_view(const Record& record) const {
  json::Value v = record.resource.document.deep_copy();
  v.set("id", json::Value::string(record.resource.id));
  json::Value meta = json::Value::object();
  meta.set("resourceType", json::Value::string(record.resource.resource_type));
  meta.set("created", json::Value::string(record.resource.created));
  meta.set("lastModified", json::Value::string(record.resource.last_modified));
  meta.set("version", json::Value::string("W/\"" + std::to_string(record.resource.version) + "\""));
  v.set("meta", meta);
  if (record.resource.members) {
    json::Value members = json::Value::array();
    for (const Member& m : *record.resource.members) members.append(member_json(m));
    v.set("members", members);
  }
  return v;
}

void MemoryRepository::push(long long tenant_id, scim::Event event) {
  event.position = ++positions_[tenant_id];
  event.id = "event-" + std::to_string(event.position);
  event.tenant = std::to_string(tenant_id);
  if (event.type == "user.created") event.invitations = "off";
  events_.push_back(std::move(event));
}

void MemoryRepository::record_event(const Record& record, scim::ChangeKind kind, const scim::EventDraft& draft) {
  scim::Event e;
  e.type = scim::event_type(record.resource.resource_type, kind);
  e.resource_type = record.resource.resource_type;
  e.resource_id = record.resource.id;
  e.version = record.resource.version;
  e.occurred_at = record.resource.last_modified;
  e.data = draft.data(view(record, false));
  if (!draft.template_name.empty()) e.template_name = draft.template_name;
  if (kind == scim::ChangeKind::kUpdated || kind == scim::ChangeKind::kDeactivated ||
      kind == scim::ChangeKind::kReactivated) {
    e.changed = draft.changed;
    e.previous = draft.previous;
  }
  push(record.tenant_id, std::move(e));
}

void MemoryRepository::record_member_event(const Record& group, scim::ChangeKind kind, const Member& member) {
  scim::Event e;
  e.type = scim::event_type("Group", kind);
  e.resource_type = "Group";
  e.resource_id = group.resource.id;
  e.version = group.resource.version;
  e.occurred_at = group.resource.last_modified;
  e.data = scim::member_event_data(group.resource.id, string_of(group.resource.document.get_ci("displayName")), member);
  push(group.tenant_id, std::move(e));
}

void MemoryRepository::record_member_events(const Record& group, const std::vector<Member>& removed,
                                            const std::vector<Member>& added) {
  auto contains = [](const std::vector<Member>& list, const std::string& id) {
    return std::any_of(list.begin(), list.end(), [&](const Member& m) { return m.value == id; });
  };
  for (const Member& m : removed) {
    if (!contains(added, m.value)) record_member_event(group, scim::ChangeKind::kMemberRemoved, m);
  }
  for (const Member& m : added) {
    if (!contains(removed, m.value)) record_member_event(group, scim::ChangeKind::kMemberAdded, m);
  }
}

long long MemoryRepository::active_users(long long tenant_id) const {
  long long n = 0;
  for (const auto& [id, record] : records_) {
    if (record.tenant_id != tenant_id || record.resource.resource_type != "User") continue;
    json::Value active = record.resource.document.get_ci("active");
    if (!active.is_bool() || *active.as_bool()) ++n;
  }
  return n;
}

scim::Result<StoredResource> MemoryRepository::create(long long tenant_id, const std::string& resource_type,
                                                      const json::Value& document, const std::vector<Member>& members,
                                                      const scim::EventDraft& draft) {
  if (auto unique = check_unique(tenant_id, resource_type, document, ""); !unique) return fail(unique.error());
  std::vector<Member> resolved;
  if (resource_type == "Group") {
    auto r = resolve_members(tenant_id, members);
    if (!r) return fail(r.error());
    resolved = std::move(r.value());
  }
  Record record;
  record.seq = next_seq_;
  record.tenant_id = tenant_id;
  record.resource.id = next_id();
  ++next_seq_;
  record.resource.resource_type = resource_type;
  record.resource.document = document.deep_copy();
  record.resource.version = 1;
  record.resource.created = record.resource.last_modified = tick();
  if (resource_type == "Group") record.resource.members = std::move(resolved);
  ++writes_;
  auto [it, inserted] = records_.emplace(record.resource.id, std::move(record));
  (void)inserted;
  record_event(it->second, scim::ChangeKind::kCreated, draft);
  if (it->second.resource.members) record_member_events(it->second, {}, *it->second.resource.members);
  return view(it->second, true);
}

scim::Result<StoredResource> MemoryRepository::get(long long tenant_id, const std::string& resource_type,
                                                   const std::string& id, bool load_memberships) {
  Record* record = find(tenant_id, resource_type, id);
  if (record == nullptr) return fail(Error::not_found(resource_type + " " + quoted(id) + " not found"));
  if (load_memberships && resource_type == "Group") ++member_loads_;
  if (load_memberships && resource_type == "User") ++groups_loads_;
  return view(*record, load_memberships, load_memberships);
}

scim::Result<StoredResource> MemoryRepository::replace(long long tenant_id, const StoredResource& current,
                                                       const json::Value& document,
                                                       const std::optional<scim::MemberChanges>& members,
                                                       scim::ChangeKind kind, const scim::EventDraft& draft) {
  ++replace_calls_;
  const std::string& resource_type = current.resource_type;
  const std::string& id = current.id;
  Record* record = find(tenant_id, resource_type, id);
  if (record == nullptr) return fail(Error::not_found(resource_type + " " + quoted(id) + " not found"));
  if (current.version != record->resource.version) {
    return fail(Error::precondition_failed(resource_type + " " + quoted(id) + " has changed (version " +
                                           std::to_string(record->resource.version) + ")"));
  }
  if (auto unique = check_unique(tenant_id, resource_type, document, id); !unique) return fail(unique.error());
  std::optional<std::vector<Member>> resolved;
  if (members && resource_type == "Group") {
    auto r = resolve_members(tenant_id, members->add);
    if (!r) return fail(r.error());
    resolved = std::move(r.value());
  }
  record->resource.document = document.deep_copy();
  std::vector<Member> removed, added;
  if (resolved) {
    // As the store: only what changes counts as removed or added.
    std::vector<Member>& stored_members = *record->resource.members;
    std::set<std::string> dropped(members->remove.begin(), members->remove.end());
    std::set<std::string> wanted;
    for (const Member& m : *resolved) wanted.insert(m.value);
    std::vector<Member> kept;
    for (Member& m : stored_members) {
      bool goes = members->remove_all ? wanted.count(m.value) == 0 : dropped.count(m.value) > 0;
      (goes ? removed : kept).push_back(std::move(m));
    }
    std::set<std::string> present;
    for (const Member& m : kept) present.insert(m.value);
    for (Member& m : *resolved) {
      if (!present.insert(m.value).second) continue;
      added.push_back(m);
      kept.push_back(std::move(m));
    }
    stored_members = std::move(kept);
  }
  ++record->resource.version;
  record->resource.last_modified = tick();
  ++writes_;
  // As the store: the document event unless only members changed.
  size_t before = events_.size();
  record_member_events(*record, removed, added);
  if (kind != scim::ChangeKind::kUpdated || !draft.changed.empty() || events_.size() == before) {
    record_event(*record, kind, draft);
  }
  return view(*record, members.has_value());
}

scim::Result<StoredResource> MemoryRepository::modify_members(long long tenant_id, const std::string& group_id,
                                                              const std::vector<Member>& add,
                                                              const std::vector<std::string>& remove, bool remove_all,
                                                              std::optional<long long> expected_version,
                                                              const scim::EventDraft& /*draft*/) {
  ++modify_members_calls_;
  Record* record = find(tenant_id, "Group", group_id);
  if (record == nullptr) return fail(Error::not_found("Group " + quoted(group_id) + " not found"));
  if (expected_version && *expected_version != record->resource.version) {
    return fail(Error::precondition_failed("Group " + quoted(group_id) + " has changed (version " +
                                           std::to_string(record->resource.version) + ")"));
  }
  auto resolved = resolve_members(tenant_id, add);
  if (!resolved) return fail(resolved.error());
  std::vector<Member>& members = *record->resource.members;
  std::vector<Member> removed, added;
  if (remove_all) {
    removed = members;
    members.clear();
  } else {
    for (const std::string& id : remove) {
      auto gone = std::stable_partition(members.begin(), members.end(), [&](const Member& m) { return m.value != id; });
      removed.insert(removed.end(), gone, members.end());
      members.erase(gone, members.end());
    }
  }
  for (Member& m : resolved.value()) {
    bool present = std::any_of(members.begin(), members.end(), [&](const Member& x) { return x.value == m.value; });
    if (present) continue;
    added.push_back(m);
    members.push_back(std::move(m));
  }
  if (!removed.empty() || !added.empty()) {
    ++record->resource.version;
    record->resource.last_modified = tick();
    ++writes_;
    record_member_events(*record, removed, added);
  }
  return view(*record, false);
}

scim::Result<void> MemoryRepository::remove(long long tenant_id, const std::string& resource_type,
                                            const std::string& id, std::optional<long long> expected_version,
                                            const scim::EventDraft& draft) {
  Record* record = find(tenant_id, resource_type, id);
  if (record == nullptr) return fail(Error::not_found(resource_type + " " + quoted(id) + " not found"));
  if (expected_version && *expected_version != record->resource.version) {
    return fail(Error::precondition_failed(resource_type + " " + quoted(id) + " has changed (version " +
                                           std::to_string(record->resource.version) + ")"));
  }
  // DEL-06: the resource leaves every group it was a member of, and each
  // of those groups gets a new version and a member event.
  std::string display = string_of(record->resource.document.get_ci("displayName"));
  if (display.empty()) display = string_of(record->resource.document.get_ci("userName"));
  const Member self{id, resource_type, display};
  scim::StoredResource last = view(*record, false);
  for (auto& [group_id, group] : records_) {
    if (group.tenant_id != tenant_id || !group.resource.members || group_id == id) continue;
    auto& members = *group.resource.members;
    auto gone = std::remove_if(members.begin(), members.end(), [&](const Member& m) { return m.value == id; });
    if (gone == members.end()) continue;
    members.erase(gone, members.end());
    ++group.resource.version;
    group.resource.last_modified = tick();
    record_member_event(group, scim::ChangeKind::kMemberRemoved, self);
  }
  Record& gone = *record;
  ++gone.resource.version;
  gone.resource.last_modified = tick();
  scim::Event e;
  e.type = scim::event_type(resource_type, scim::ChangeKind::kDeleted);
  e.resource_type = resource_type;
  e.resource_id = id;
  e.version = gone.resource.version;
  e.occurred_at = gone.resource.last_modified;
  e.data = draft.data(last);
  push(tenant_id, std::move(e));
  records_.erase(id);
  ++writes_;
  return {};
}

scim::Result<scim::Page> MemoryRepository::search(long long tenant_id, const std::string& resource_type,
                                                  const scim::Query& query) {
  last_query_ = query;
  const scim::SchemaRegistry* registry = query.registry ? query.registry : registry_;
  const scim::ResourceType* type = query.type;
  if (type == nullptr && registry != nullptr) type = registry->find_resource_type(resource_type);
  scim::CaseExactFn case_exact = scim::default_case_exact;
  if (registry != nullptr && type != nullptr) {
    case_exact = [registry, type](const scim::AttributePath& path) { return registry->is_case_exact(*type, path); };
  }

  std::vector<const Record*> matched;
  std::vector<std::pair<long long, const Record*>> ordered;
  for (const auto& [id, record] : records_) {
    if (record.tenant_id == tenant_id && record.resource.resource_type == resource_type) {
      ordered.emplace_back(record.seq, &record);
    }
  }
  std::sort(ordered.begin(), ordered.end());
  for (const auto& [seq, record] : ordered) {
    if (!query.filter || scim::matches(query.filter->filter(), filter_view(*record), case_exact)) {
      matched.push_back(record);
    }
  }

  if (query.sort_by) {
    bool exact = query.sort_by->case_exact();
    std::vector<std::pair<json::Value, const Record*>> keyed;
    keyed.reserve(matched.size());
    for (const Record* r : matched) keyed.emplace_back(sort_value(filter_view(*r), query.sort_by->canonical), r);
    std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
      bool a_missing = !a.first, b_missing = !b.first;
      // SRT-04: values that are missing sort last ascending, first descending.
      if (a_missing || b_missing) return query.descending ? (a_missing && !b_missing) : (!a_missing && b_missing);
      int c = compare_values(a.first, b.first, exact);
      return query.descending ? c > 0 : c < 0;
    });
    matched.clear();
    for (const auto& k : keyed) matched.push_back(k.second);
  }

  scim::Page page;
  page.total_results = static_cast<long long>(matched.size());
  long long offset = std::max(1LL, query.start_index) - 1;
  if (query.cursor) {
    offset = 0;
    if (!query.cursor->empty() && !util::parse_int(*query.cursor, &offset)) {
      return fail(Error::invalid_cursor("cursor " + quoted(*query.cursor) + " was not issued by this server"));
    }
    if (offset < 0 || offset > page.total_results) {
      return fail(Error::invalid_cursor("cursor " + quoted(*query.cursor) + " was not issued by this server"));
    }
  }
  long long count = std::max(0LL, query.count);
  for (long long i = offset; i < page.total_results && i < offset + count; ++i) {
    const Record* r = matched[static_cast<size_t>(i)];
    const bool load = query.load_memberships;
    if (load && r->resource.resource_type == "Group") ++member_loads_;
    if (load && r->resource.resource_type == "User") ++groups_loads_;
    page.resources.push_back(view(*r, load, load));
  }
  if (query.cursor && count > 0 && offset + count < page.total_results) {
    page.next_cursor = std::to_string(offset + count);
  }
  return page;
}

size_t MemoryRepository::size(long long tenant_id) const {
  size_t n = 0;
  for (const auto& [id, record] : records_) n += record.tenant_id == tenant_id ? 1 : 0;
  return n;
}

json::Value MemoryRepository::document_for_testing(long long tenant_id, const std::string& id) const {
  const Record* record = find_any(tenant_id, id);
  return record ? record->resource.document.deep_copy() : json::Value();
}

}  // namespace fastscim::testing

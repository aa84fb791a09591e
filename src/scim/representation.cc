#include "scim/representation.h"

#include <utility>

#include "scim/outcome.h"
#include "util/strings.h"

namespace fastscim::scim {

Representation::Representation(const SchemaRegistry& registry, std::string base_url)
    : registry_(registry), base_url_(std::move(base_url)) {}

std::string Representation::location(const ResourceType& type, const std::string& id) const {
  std::string endpoint = type.endpoint;
  if (endpoint.empty() || endpoint.front() != '/') endpoint.insert(endpoint.begin(), '/');
  return base_url_ + endpoint + "/" + id;
}

json::Value Representation::assemble(const ResourceType& type, const StoredResource& stored) const {
  return build(type, stored, false);
}

json::Value Representation::view(const ResourceType& type, const StoredResource& stored) const {
  return build(type, stored, true);
}

json::Value Representation::build(const ResourceType& type, const StoredResource& stored, bool share) const {
  // A view that only projection reads shares the stored document's values,
  // and so does the projection (projection.h): render() copies nothing.
  auto take = [share](const json::Value& v) { return share ? v : v.deep_copy(); };
  json::Value out = json::Value::object();
  json::Value schemas = stored.document.get("schemas");
  if (!schemas.is_array() || schemas.size() == 0) {
    schemas = json::Value::array();
    schemas.append(json::Value::string(type.schema));
  }
  out.set("schemas", take(schemas));
  out.set("id", json::Value::string(stored.id));
  if (json::Value external = stored.document.get("externalId")) out.set("externalId", take(external));

  for (const auto& [key, value] : stored.document.items()) {
    if (util::iequals(key, "schemas") || util::iequals(key, "id") || util::iequals(key, "externalId") ||
        util::iequals(key, "meta") || util::iequals(key, "members") || util::iequals(key, "groups")) {
      continue;
    }
    // ATT-18, ATT-20, SEC-09: a writeOnly or returned=never value (the
    // password hash) never leaves the service, whatever projection says.
    if (auto resolved = registry_.resolve(type, key); resolved && !resolved->in_extension) {
      const AttributeDefinition& def = resolved->definition();
      if (def.returned == Returned::kNever || def.mutability == Mutability::kWriteOnly) continue;
    }
    out.set(key, take(value));
  }

  auto ref = [&](const std::string& member_type, const std::string& id) -> std::string {
    const ResourceType* target = registry_.find_resource_type(member_type);
    if (target == nullptr) return {};
    return location(*target, id);
  };
  if (stored.members && !stored.members->empty()) {
    json::Value members = json::Value::array();
    for (const Member& m : *stored.members) {
      json::Value v = json::Value::object();
      v.set("value", json::Value::string(m.value));
      if (std::string r = ref(m.type, m.value); !r.empty()) v.set("$ref", json::Value::string(r));
      if (!m.type.empty()) v.set("type", json::Value::string(m.type));
      if (!m.display.empty()) v.set("display", json::Value::string(m.display));
      members.append(v);
    }
    out.set("members", members);
  }
  // SCH-05: User.groups is computed from the membership table, direct
  // memberships only.
  if (!stored.groups.empty()) {
    json::Value groups = json::Value::array();
    for (const Member& g : stored.groups) {
      json::Value v = json::Value::object();
      v.set("value", json::Value::string(g.value));
      if (std::string r = ref("Group", g.value); !r.empty()) v.set("$ref", json::Value::string(r));
      if (!g.display.empty()) v.set("display", json::Value::string(g.display));
      v.set("type", json::Value::string("direct"));
      groups.append(v);
    }
    out.set("groups", groups);
  }

  // RES-07..RES-10.
  json::Value meta = json::Value::object();
  meta.set("resourceType", json::Value::string(type.name));
  meta.set("created", json::Value::string(stored.created));
  meta.set("lastModified", json::Value::string(stored.last_modified));
  meta.set("location", json::Value::string(location(type, stored.id)));
  meta.set("version", json::Value::string(etag_for_version(stored.version)));
  out.set("meta", meta);
  return out;
}

json::Value Representation::render(const ResourceType& type, const StoredResource& stored, const Projection& projection,
                                   const std::set<std::string>* requested) const {
  return render(type, stored, PreparedProjection(projection, type, registry_, requested));
}

json::Value Representation::render(const ResourceType& type, const StoredResource& stored,
                                   const PreparedProjection& projection) const {
  return projection.apply(view(type, stored));
}

json::Value Representation::list_response(const ResourceType& type, const Page& page, const Query& query,
                                          const Projection& projection) const {
  json::Value resources = json::Value::array();
  const PreparedProjection prepared(projection, type, registry_);
  for (const StoredResource& stored : page.resources) resources.append(render(type, stored, prepared));
  // GET-03, PAG-04, PAG-05; RFC 9865 §2 for nextCursor.
  json::Value list = json::Value::object();
  json::Value schemas = json::Value::array();
  schemas.append(json::Value::string(kListResponseUrn));
  list.set("schemas", schemas);
  list.set("totalResults", json::Value::integer(page.total_results));
  list.set("itemsPerPage", json::Value::integer(static_cast<long long>(page.resources.size())));
  if (!query.cursor) list.set("startIndex", json::Value::integer(query.start_index));
  if (query.cursor && page.next_cursor) list.set("nextCursor", json::Value::string(*page.next_cursor));
  list.set("Resources", resources);
  return list;
}

}  // namespace fastscim::scim

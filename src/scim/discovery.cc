#include "scim/discovery.h"

namespace fastscim::scim {

namespace {

json::Value list_response(const json::Value& resources) {
  json::Value list = json::Value::object();
  json::Value schemas = json::Value::array();
  schemas.append(json::Value::string("urn:ietf:params:scim:api:messages:2.0:ListResponse"));
  list.set("schemas", schemas);
  long long n = static_cast<long long>(resources.size());
  list.set("totalResults", json::Value::integer(n));
  list.set("itemsPerPage", json::Value::integer(n));
  list.set("startIndex", json::Value::integer(1));
  list.set("Resources", resources);
  return list;
}

}  // namespace

json::Value list_schemas(const SchemaRegistry& registry, const std::string& base_url) {
  json::Value resources = json::Value::array();
  for (const Schema* schema : registry.schemas()) {
    resources.append(to_json(*schema, base_url + "/Schemas/" + schema->id));
  }
  return list_response(resources);
}

Result<json::Value> get_schema(const SchemaRegistry& registry, const std::string& base_url, std::string_view urn) {
  const Schema* schema = registry.find_schema(urn);
  if (schema == nullptr) return fail(Error::not_found("No schema \"" + std::string(urn) + "\"."));
  return to_json(*schema, base_url + "/Schemas/" + schema->id);
}

json::Value list_resource_types(const SchemaRegistry& registry, const std::string& base_url) {
  json::Value resources = json::Value::array();
  for (const ResourceType& type : registry.resource_types()) {
    resources.append(to_json(type, base_url + "/ResourceTypes/" + type.name));
  }
  return list_response(resources);
}

Result<json::Value> get_resource_type(const SchemaRegistry& registry, const std::string& base_url,
                                      std::string_view name) {
  const ResourceType* type = registry.find_resource_type(name);
  if (type == nullptr) return fail(Error::not_found("No resource type \"" + std::string(name) + "\"."));
  return to_json(*type, base_url + "/ResourceTypes/" + type->name);
}

}  // namespace fastscim::scim

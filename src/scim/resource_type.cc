#include "scim/resource_type.h"

#include "scim/core_schemas.h"
#include "util/strings.h"

namespace fastscim::scim {

const SchemaExtension* ResourceType::find_extension(std::string_view urn) const {
  for (const auto& ext : extensions) {
    if (util::iequals(ext.schema, urn)) return &ext;
  }
  return nullptr;
}

json::Value to_json(const ResourceType& type, std::string_view location) {
  json::Value out = json::Value::object();
  json::Value schemas = json::Value::array();
  schemas.append(json::Value::string(kResourceTypeSchemaUrn));
  out.set("schemas", std::move(schemas));
  out.set("id", json::Value::string(type.name));
  out.set("name", json::Value::string(type.name));
  out.set("endpoint", json::Value::string(type.endpoint));
  out.set("description", json::Value::string(type.description));
  out.set("schema", json::Value::string(type.schema));
  if (!type.extensions.empty()) {
    json::Value extensions = json::Value::array();
    for (const auto& ext : type.extensions) {
      json::Value item = json::Value::object();
      item.set("schema", json::Value::string(ext.schema));
      item.set("required", json::Value::boolean(ext.required));
      extensions.append(std::move(item));
    }
    out.set("schemaExtensions", std::move(extensions));
  }
  if (!location.empty()) {
    json::Value meta = json::Value::object();
    meta.set("resourceType", json::Value::string("ResourceType"));
    meta.set("location", json::Value::string(location));
    out.set("meta", std::move(meta));
  }
  return out;
}

const ResourceType& user_resource_type() {
  static const ResourceType kType{
      "User", "/Users", "User Account", std::string(kUserSchemaUrn), {{std::string(kEnterpriseUserSchemaUrn), false}}};
  return kType;
}

const ResourceType& group_resource_type() {
  static const ResourceType kType{"Group", "/Groups", "Group", std::string(kGroupSchemaUrn), {}};
  return kType;
}

}  // namespace fastscim::scim

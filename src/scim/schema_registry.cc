#include "scim/schema_registry.h"

#include <iterator>
#include <utility>

#include "scim/core_schemas.h"
#include "scim/text.h"
#include "util/strings.h"

namespace fastscim::scim {

namespace {

// "/Users" and "Users" name the same endpoint.
std::string_view strip_slash(std::string_view endpoint) {
  if (!endpoint.empty() && endpoint.front() == '/') endpoint.remove_prefix(1);
  return endpoint;
}

}  // namespace

AttributePath ResolvedAttribute::canonical_path() const {
  AttributePath path;
  if (in_extension && schema != nullptr) path.urn = schema->id;
  path.attribute = attribute->name;
  if (sub_attribute != nullptr) path.sub_attribute = sub_attribute->name;
  return path;
}

SchemaRegistry::SchemaRegistry() {
  // Every default registry shares the same built-in Schema objects, so a
  // tenant registry costs a few pointer copies.
  static const std::shared_ptr<const Schema> kBuiltins[] = {
      std::make_shared<const Schema>(user_schema()),
      std::make_shared<const Schema>(group_schema()),
      std::make_shared<const Schema>(enterprise_user_schema()),
  };
  schemas_.assign(std::begin(kBuiltins), std::end(kBuiltins));
  types_.push_back(user_resource_type());
  types_.push_back(group_resource_type());
}

SchemaRegistry SchemaRegistry::empty() { return SchemaRegistry(EmptyTag{}); }

Result<void> SchemaRegistry::add_schema(Schema schema) {
  if (find_schema(schema.id) != nullptr) {
    return fail(Error::invalid_value("schema " + quoted(schema.id) + " is already registered"));
  }
  schemas_.push_back(std::make_shared<const Schema>(std::move(schema)));
  return {};
}

Result<void> SchemaRegistry::add_resource_type(ResourceType type) {
  std::string where = "resource type " + quoted(type.name) + ": ";
  if (type.name.empty() || strip_slash(type.endpoint).empty()) {
    return fail(Error::invalid_value(where + "name and endpoint must not be empty"));
  }
  if (find_resource_type(type.name) != nullptr) {
    return fail(Error::invalid_value(where + "already registered"));
  }
  if (find_resource_type_by_endpoint(type.endpoint) != nullptr) {
    return fail(Error::invalid_value(where + "endpoint " + quoted(type.endpoint) + " is already in use"));
  }
  const Schema* base = find_schema(type.schema);
  if (base == nullptr) {
    return fail(Error::invalid_value(where + "schema " + quoted(type.schema) + " is not registered"));
  }
  for (const auto& attr : base->attributes) {
    if (find_common_attribute(attr.name) != nullptr) {
      return fail(Error::invalid_value(where + "schema " + quoted(base->id) + " redefines the common attribute " +
                                       quoted(attr.name)));
    }
  }
  for (size_t i = 0; i < type.extensions.size(); ++i) {
    const auto& ext = type.extensions[i];
    if (find_schema(ext.schema) == nullptr) {
      return fail(Error::invalid_value(where + "extension " + quoted(ext.schema) + " is not registered"));
    }
    if (util::iequals(ext.schema, type.schema)) {
      return fail(Error::invalid_value(where + "extension " + quoted(ext.schema) + " is its base schema"));
    }
    for (size_t j = 0; j < i; ++j) {
      if (util::iequals(type.extensions[j].schema, ext.schema)) {
        return fail(Error::invalid_value(where + "extension " + quoted(ext.schema) + " is listed twice"));
      }
    }
  }
  // Keep the registered spelling of every URN, whatever the caller wrote.
  type.schema = base->id;
  for (auto& ext : type.extensions) ext.schema = find_schema(ext.schema)->id;
  types_.push_back(std::move(type));
  return {};
}

Result<void> SchemaRegistry::add_extension(std::string_view resource_type, Schema schema, bool required) {
  ResourceType* type = nullptr;
  for (auto& t : types_) {
    if (util::iequals(t.name, resource_type)) type = &t;
  }
  if (type == nullptr) {
    return fail(Error::invalid_value("resource type " + quoted(resource_type) + " is not registered"));
  }
  if (util::iequals(type->schema, schema.id) || type->find_extension(schema.id) != nullptr) {
    return fail(Error::invalid_value("schema " + quoted(schema.id) + " is already part of resource type " +
                                     quoted(type->name)));
  }
  const Schema* registered = find_schema(schema.id);
  if (registered == nullptr) {
    schemas_.push_back(std::make_shared<const Schema>(std::move(schema)));
    registered = schemas_.back().get();
  } else if (*registered != schema) {
    return fail(Error::invalid_value("a different schema " + quoted(schema.id) + " is already registered"));
  }
  type->extensions.push_back({registered->id, required});
  return {};
}

const Schema* SchemaRegistry::find_schema(std::string_view urn) const {
  for (const auto& schema : schemas_) {
    if (util::iequals(schema->id, urn)) return schema.get();
  }
  return nullptr;
}

const ResourceType* SchemaRegistry::find_resource_type(std::string_view name) const {
  for (const auto& type : types_) {
    if (util::iequals(type.name, name)) return &type;
  }
  return nullptr;
}

const ResourceType* SchemaRegistry::find_resource_type_by_endpoint(std::string_view endpoint) const {
  for (const auto& type : types_) {
    if (util::iequals(strip_slash(type.endpoint), strip_slash(endpoint))) return &type;
  }
  return nullptr;
}

std::vector<const Schema*> SchemaRegistry::schemas() const {
  std::vector<const Schema*> out;
  out.reserve(schemas_.size());
  for (const auto& schema : schemas_) out.push_back(schema.get());
  return out;
}

const Schema* SchemaRegistry::schema_of(const ResourceType& type, std::string_view urn) const {
  if (util::iequals(type.schema, urn) || type.find_extension(urn) != nullptr) return find_schema(urn);
  return nullptr;
}

const Schema* SchemaRegistry::base_schema(const ResourceType& type) const { return find_schema(type.schema); }

std::optional<ResolvedAttribute> SchemaRegistry::resolve(const ResourceType& type, const AttributePath& path) const {
  ResolvedAttribute out;
  if (path.has_urn()) {
    const Schema* schema = schema_of(type, path.urn);
    if (schema == nullptr) return std::nullopt;
    bool is_base = util::iequals(type.schema, path.urn);
    out.attribute = schema->find_attribute(path.attribute);
    if (out.attribute != nullptr) {
      out.schema = schema;
      out.in_extension = !is_base;
    } else if (is_base) {
      out.attribute = find_common_attribute(path.attribute);
    }
  } else {
    out.attribute = find_common_attribute(path.attribute);
    if (out.attribute == nullptr) {
      if (const Schema* base = base_schema(type)) {
        out.attribute = base->find_attribute(path.attribute);
        if (out.attribute != nullptr) out.schema = base;
      }
    }
    if (out.attribute == nullptr) {
      for (const auto& ext : type.extensions) {
        const Schema* schema = find_schema(ext.schema);
        const AttributeDefinition* attr = schema ? schema->find_attribute(path.attribute) : nullptr;
        if (attr == nullptr) continue;
        if (out.attribute != nullptr) return std::nullopt;  // ambiguous without its URN
        out.attribute = attr;
        out.schema = schema;
        out.in_extension = true;
      }
    }
  }
  if (out.attribute == nullptr) return std::nullopt;
  if (path.has_sub_attribute()) {
    out.sub_attribute = out.attribute->find_sub_attribute(path.sub_attribute);
    if (out.sub_attribute == nullptr) return std::nullopt;
  }
  return out;
}

std::optional<ResolvedAttribute> SchemaRegistry::resolve(const ResourceType& type, std::string_view path) const {
  auto parsed = scan_attribute_path(path);
  if (!parsed) return std::nullopt;
  return resolve(type, parsed.value());
}

bool SchemaRegistry::is_case_exact(const ResourceType& type, const AttributePath& path) const {
  auto resolved = resolve(type, path);
  return resolved && resolved->case_exact();
}

}  // namespace fastscim::scim

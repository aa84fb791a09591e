// The discovery endpoints /Schemas and /ResourceTypes (RFC 7644 §4,
// RFC 7643 §6–7), generated from the very SchemaRegistry the validator,
// the filters and PATCH use, so what is advertised is what is accepted
// (DSC-11).
//
// Thread-safety: pure functions over a registry that is not modified.
#ifndef FASTSCIM_SCIM_DISCOVERY_H_
#define FASTSCIM_SCIM_DISCOVERY_H_

#include <string>
#include <string_view>

#include "json/value.h"
#include "scim/error.h"
#include "scim/schema_registry.h"

namespace fastscim::scim {

// GET /Schemas: a ListResponse of every schema (DSC-09); never the message
// schemas (GEN-11).  `base_url` has no trailing slash.
json::Value list_schemas(const SchemaRegistry& registry, const std::string& base_url);
// GET /Schemas/{urn}: one schema, or 404 naming the URN.
Result<json::Value> get_schema(const SchemaRegistry& registry, const std::string& base_url, std::string_view urn);

// GET /ResourceTypes: a ListResponse (DSC-07), User first.
json::Value list_resource_types(const SchemaRegistry& registry, const std::string& base_url);
// GET /ResourceTypes/{name}: one resource type, or 404.
Result<json::Value> get_resource_type(const SchemaRegistry& registry, const std::string& base_url,
                                      std::string_view name);

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_DISCOVERY_H_

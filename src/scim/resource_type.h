// scim::ResourceType — a kind of resource served at one endpoint
// (RFC 7643 §6): its name ("User", also meta.resourceType), its endpoint
// ("/Users"), its base schema URN, and the extension schemas it accepts,
// each marked required or not (EXT-01, EXT-04).
//
// Thread-safety: plain values.
#ifndef FASTSCIM_SCIM_RESOURCE_TYPE_H_
#define FASTSCIM_SCIM_RESOURCE_TYPE_H_

#include <string>
#include <string_view>
#include <vector>

#include "json/value.h"

namespace fastscim::scim {

inline constexpr std::string_view kResourceTypeSchemaUrn = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";

struct SchemaExtension {
  std::string schema;  // the extension schema URN
  bool required = false;
};

struct ResourceType {
  std::string name;      // "User"; also the ResourceType id and meta.resourceType
  std::string endpoint;  // "/Users" (the examples' form, checklist §23)
  std::string description;
  std::string schema;  // base schema URN
  std::vector<SchemaExtension> extensions;

  // The extension with URN `urn` (any case), or nullptr.
  const SchemaExtension* find_extension(std::string_view urn) const;
};

// The RFC 7643 §6 / §8.6 representation (DSC-08): schemas, id, name,
// endpoint, description, schema, schemaExtensions (omitted when there are
// none).  With a non-empty `location`, adds meta {resourceType:
// "ResourceType", location}.
json::Value to_json(const ResourceType& type, std::string_view location = {});

// The built-in types: User at /Users (core User schema, optional
// EnterpriseUser extension) and Group at /Groups.
const ResourceType& user_resource_type();
const ResourceType& group_resource_type();

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_RESOURCE_TYPE_H_

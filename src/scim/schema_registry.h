// scim::SchemaRegistry — the schemas and resource types one tenant sees,
// and attribute-name resolution against them.
//
// A default-constructed registry holds the built-ins: the User, Group and
// EnterpriseUser schemas and the User and Group resource types
// (core_schemas.h, resource_type.h).  A tenant's registry is a copy of it
// with the tenant's extension schemas added (add_extension).  Schemas are
// held by shared pointer to immutable objects, so copying a registry is
// cheap and the Schema / AttributeDefinition pointers handed out stay valid
// for as long as any registry holding that schema lives.  ResourceType
// pointers are valid until the next add_* call on the same registry.
//
// resolve() turns an attribute path as written by a client — "userName",
// "NAME.givenname", "urn:…:core:2.0:User:emails.value",
// "urn:…:enterprise:2.0:User:manager.value", "meta.lastModified" — into its
// definitions, ignoring case (ATT-01, EXT-05).  The filter evaluator, the
// SQL translation, projection, PATCH and the validator all resolve through
// here, so they agree on what a name means.
//
// Thread-safety: const member functions may be called concurrently; the
// add_* functions need exclusive access.
#ifndef FASTSCIM_SCIM_SCHEMA_REGISTRY_H_
#define FASTSCIM_SCIM_SCHEMA_REGISTRY_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scim/attribute_path.h"
#include "scim/error.h"
#include "scim/resource_type.h"
#include "scim/schema.h"

namespace fastscim::scim {

// What an attribute path names.
struct ResolvedAttribute {
  // The schema defining the attribute; nullptr for the common attributes
  // (schemas, id, externalId, meta), which belong to no schema (RES-02).
  const Schema* schema = nullptr;
  // True when `schema` is one of the resource type's extensions: the value
  // then lives inside the object keyed by schema->id (EXT-02).
  bool in_extension = false;
  const AttributeDefinition* attribute = nullptr;      // never nullptr
  const AttributeDefinition* sub_attribute = nullptr;  // when a sub-attribute was named

  // The definition the path ends at: the sub-attribute if one was named.
  const AttributeDefinition& definition() const { return sub_attribute ? *sub_attribute : *attribute; }
  bool case_exact() const { return definition().case_exact; }
  // The path in schema spelling; the URN is kept only for extension
  // attributes ("urn:…:enterprise:2.0:User:manager.value", "name.givenName").
  AttributePath canonical_path() const;
};

class SchemaRegistry {
 public:
  // The built-in schemas and resource types.
  SchemaRegistry();
  // A registry with nothing in it.
  static SchemaRegistry empty();

  // Registers a schema.  Fails with invalid_value if a schema with the same
  // id (any case) is already registered.
  Result<void> add_schema(Schema schema);

  // Registers a resource type.  Requires its base schema and every extension
  // to be registered already, its name and endpoint to be new (any case),
  // and its base schema not to redefine a common attribute (id, externalId,
  // meta, schemas).  Fails with invalid_value naming the problem.
  Result<void> add_resource_type(ResourceType type);

  // Registers `schema` (if no schema with its id exists yet) and declares it
  // an extension of the resource type named `resource_type`; how tenants
  // add their extension schemas.  Fails with invalid_value when the type is
  // unknown, the URN is already an extension or the base of that type, or a
  // different schema with the same id is registered.
  Result<void> add_extension(std::string_view resource_type, Schema schema, bool required);

  // Lookups ignore ASCII case.  nullptr when absent.
  const Schema* find_schema(std::string_view urn) const;
  const ResourceType* find_resource_type(std::string_view name) const;
  // Accepts "/Users" and "Users".
  const ResourceType* find_resource_type_by_endpoint(std::string_view endpoint) const;

  // Every schema, in registration order (what /Schemas lists).
  std::vector<const Schema*> schemas() const;
  const std::vector<ResourceType>& resource_types() const { return types_; }

  // The schema `urn` if it is the base or an extension of `type`, else nullptr.
  const Schema* schema_of(const ResourceType& type, std::string_view urn) const;
  // The base schema of `type`; nullptr only for an unregistered type.
  const Schema* base_schema(const ResourceType& type) const;

  // Resolves `path` against `type`, ignoring case:
  //  * with a URN, the URN must be the base or an extension of `type`; the
  //    base URN also qualifies the common attributes ("urn:…:User:id");
  //  * without one, the common attributes and the base schema are searched,
  //    then the extensions — an unqualified extension attribute is accepted
  //    when exactly one extension defines it (clients send "employeeNumber"
  //    although RFC 7644 §3.10 wants it qualified);
  //  * a sub-attribute must exist in the complex attribute named.
  // Returns nullopt when the path names nothing in `type`.
  std::optional<ResolvedAttribute> resolve(const ResourceType& type, const AttributePath& path) const;
  // Parses `path` first (parse_attribute_path); nullopt on a syntax error
  // too.  A bare schema URN is not an attribute: see schema_of().
  std::optional<ResolvedAttribute> resolve(const ResourceType& type, std::string_view path) const;

  // Whether values of `path` compare case-sensitively (RFC 7643 §2.2,
  // ATT-15): the attribute's caseExact, false when the path names nothing
  // (the ATT-03 default).
  bool is_case_exact(const ResourceType& type, const AttributePath& path) const;

 private:
  struct EmptyTag {};
  explicit SchemaRegistry(EmptyTag) {}

  std::vector<std::shared_ptr<const Schema>> schemas_;
  std::vector<ResourceType> types_;
};

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_SCHEMA_REGISTRY_H_

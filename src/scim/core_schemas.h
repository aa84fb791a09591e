// The built-in schemas: User (RFC 7643 §4.1), Group (§4.2), EnterpriseUser
// (§4.3), and the common attributes every resource carries (§3.1).
//
// Each schema is defined once, as the RFC 7643 §8.7.1 JSON text embedded in
// core_schemas.cc, and loaded through Schema::from_json, so the loader that
// reads tenant extension files is exercised by the built-ins themselves.
// Where §8.7.1 disagrees with the RFC's own prose, the corrected form of the
// checklist (§23) is used and published:
//   * Group.displayName is required (§4.2 says REQUIRED);
//   * addresses has a "primary" sub-attribute (used by every example);
//   * members has a "display" sub-attribute (the examples, and Microsoft's
//     tests, send it and read it back); like the other member
//     sub-attributes it is immutable: a member entry is written whole and
//     kept as sent;
//   * x509Certificates.value is binary.
//
// The common attributes (RFC 7643 §3.1, RES-02) belong to no schema URI;
// they are listed here with the characteristics RES-03..RES-06 give them:
//   schemas     reference, multi-valued, required, returned always
//   id          string, readOnly, returned always, caseExact, unique
//   externalId  string, readWrite, caseExact
//   meta        complex, readOnly: resourceType, created, lastModified,
//               location, version
//
// Thread-safety: every function returns a reference to an immutable object
// built on first use (thread-safe static initialisation).
#ifndef FASTSCIM_SCIM_CORE_SCHEMAS_H_
#define FASTSCIM_SCIM_CORE_SCHEMAS_H_

#include <string_view>
#include <vector>

#include "scim/schema.h"

namespace fastscim::scim {

inline constexpr std::string_view kUserSchemaUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
inline constexpr std::string_view kGroupSchemaUrn = "urn:ietf:params:scim:schemas:core:2.0:Group";
inline constexpr std::string_view kEnterpriseUserSchemaUrn =
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

const Schema& user_schema();
const Schema& group_schema();
const Schema& enterprise_user_schema();

// The JSON text each built-in schema is loaded from (for tests and tools).
std::string_view user_schema_json();
std::string_view group_schema_json();
std::string_view enterprise_user_schema_json();

// schemas, id, externalId, meta — in that order.
const std::vector<AttributeDefinition>& common_attributes();
// The common attribute called `name` (any case), or nullptr.
const AttributeDefinition* find_common_attribute(std::string_view name);

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_CORE_SCHEMAS_H_

// Tenant extension schemas: what a tenant may register with
// `fastscim-admin schema add`, on top of what Schema::from_json accepts.
//
// Schema::from_json decides whether a document is a valid RFC 7643 §7
// schema.  An extension a tenant registers must also be one fastscim can
// publish truthfully (DSC-11) and address everywhere (EXT-05):
//   * its id is a URN, "urn:" followed by letters, digits and ":.-_" only,
//     at most 255 characters: the id becomes a JSON member name, the prefix
//     of filter, sortBy and PATCH paths, and part of the JSON paths the
//     store queries, so it must need no quoting anywhere;
//   * its id is not reserved (EXT-09): not a built-in schema, nothing under
//     urn:ietf:params:scim:schemas:core: (the core namespace belongs to the
//     SCIM specifications), urn:ietf:params:scim:api: (messages) or
//     urn:ietf:params:scim:schemas:extension:enterprise:;
//   * it defines at least one attribute;
//   * every attribute and sub-attribute has uniqueness "none": fastscim
//     enforces uniqueness only for the indexed core attributes (userName,
//     Group displayName), and advertising "server" for a value it does not
//     check would mislead clients that act on it;
//   * a writeOnly attribute or sub-attribute is returned "never" (RFC 7643
//     §7: writeOnly values "SHALL NOT be returned"); any other "returned"
//     would publish a value the schema says is never shown.
// Everything else (types, multiValued, required, caseExact, mutability,
// canonicalValues, referenceTypes, one level of subAttributes) is accepted
// and enforced as for the core schemas; canonicalValues stay advisory as
// they are for core attributes (ATT-24).
//
// Thread-safety: pure functions.
#ifndef FASTSCIM_SCIM_EXTENSION_SCHEMA_H_
#define FASTSCIM_SCIM_EXTENSION_SCHEMA_H_

#include <string_view>

#include "json/value.h"
#include "scim/error.h"
#include "scim/schema.h"

namespace fastscim::scim {

// The longest extension URN accepted (the store keeps it in a VARCHAR(255)).
inline constexpr size_t kMaxExtensionUrnLength = 255;

// Whether `urn` (any case) is a built-in schema or lies in a namespace
// reserved for the SCIM specifications (EXT-09), as listed above.
bool is_reserved_schema_urn(std::string_view urn);

// Checks the extension rules above on an already loaded schema.  Returns
// Error::invalid_value whose detail lists every problem, each naming the
// schema or the attribute ("attribute \"badge\": uniqueness \"server\" …").
Result<void> check_extension_schema(const Schema& schema);

// Schema::from_json, then check_extension_schema: the one function that
// reads an extension file (fastscim-admin) and a stored extension (workers).
// Returns the schema, or the invalid_value Error of whichever step failed.
Result<Schema> extension_schema_from_json(const json::Value& value);

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_EXTENSION_SCHEMA_H_

// scim::Schema — the definition of a SCIM schema and its attributes
// (RFC 7643 §2, §7).
//
// An AttributeDefinition carries every characteristic RFC 7643 §7 defines.
// A Schema is an id (its URN), a name, a description and the top-level
// attribute definitions; complex attributes carry their sub-attributes one
// level deep (RFC 7643 §2.3.8).  The same type describes the built-in User,
// Group and EnterpriseUser schemas (core_schemas.h) and tenant extensions
// loaded from files, and is what /Schemas publishes, so Schema::from_json
// is strict: a definition it accepts is one fastscim can enforce.
//
// Attribute names are case-insensitive (RFC 7643 §2.1): every lookup here
// ignores ASCII case and returns the definition in its schema spelling.
//
// Thread-safety: plain values; a const Schema may be shared across threads.
#ifndef FASTSCIM_SCIM_SCHEMA_H_
#define FASTSCIM_SCIM_SCHEMA_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json/value.h"
#include "scim/error.h"

namespace fastscim::scim {

// The schema of Schema resources themselves (RFC 7643 §7).
inline constexpr std::string_view kSchemaSchemaUrn = "urn:ietf:params:scim:schemas:core:2.0:Schema";

// RFC 7643 §2.3.  binary is missing from §7's list but used by
// x509Certificates; it is accepted (RFC 7643 §2.3.6).
enum class AttributeType { kString, kBoolean, kDecimal, kInteger, kDateTime, kReference, kBinary, kComplex };
// RFC 7643 §7 "mutability".
enum class Mutability { kReadOnly, kReadWrite, kImmutable, kWriteOnly };
// RFC 7643 §7 "returned".
enum class Returned { kAlways, kNever, kDefault, kRequest };
// RFC 7643 §7 "uniqueness".
enum class Uniqueness { kNone, kServer, kGlobal };

// The keyword as written in a Schema resource ("dateTime", "readOnly", ...).
std::string_view keyword(AttributeType type);
std::string_view keyword(Mutability mutability);
std::string_view keyword(Returned returned);
std::string_view keyword(Uniqueness uniqueness);

// Parse a keyword, ignoring ASCII case ("datetime" is read as dateTime);
// nullopt when it is not one of the RFC's keywords.
std::optional<AttributeType> parse_attribute_type(std::string_view text);
std::optional<Mutability> parse_mutability(std::string_view text);
std::optional<Returned> parse_returned(std::string_view text);
std::optional<Uniqueness> parse_uniqueness(std::string_view text);

// One attribute or sub-attribute.  The member defaults are RFC 7643 §2.2's
// defaults for an omitted characteristic (ATT-03).
struct AttributeDefinition {
  std::string name;
  AttributeType type = AttributeType::kString;
  bool multi_valued = false;
  bool required = false;
  bool case_exact = false;
  Mutability mutability = Mutability::kReadWrite;
  Returned returned = Returned::kDefault;
  Uniqueness uniqueness = Uniqueness::kNone;
  std::vector<std::string> canonical_values;
  std::vector<std::string> reference_types;  // only for type reference
  std::string description;
  std::vector<AttributeDefinition> sub_attributes;  // only for type complex

  bool is_complex() const { return type == AttributeType::kComplex; }
  // The sub-attribute called `name` (any case), or nullptr.
  const AttributeDefinition* find_sub_attribute(std::string_view sub_name) const;
};

struct Schema {
  std::string id;  // the schema URN, e.g. urn:ietf:params:scim:schemas:core:2.0:User
  std::string name;
  std::string description;
  std::vector<AttributeDefinition> attributes;

  // The top-level attribute called `name` (any case), or nullptr.
  const AttributeDefinition* find_attribute(std::string_view attribute_name) const;

  // Reads the RFC 7643 §7 representation of a schema (what /Schemas
  // returns, and what a tenant extension file holds).
  //
  // Strict: the object must have "id" (an absolute URI) and "attributes"
  // (an array); "name" and "description" are optional strings; "schemas"
  // and "meta" are accepted and ignored; any other member is an error.
  // Each attribute must have a valid, unique (case-insensitive) "name";
  // omitted characteristics take the ATT-03 defaults; booleans must be JSON
  // booleans; keywords (type, mutability, returned, uniqueness) are read
  // case-insensitively and must be the RFC's; complex attributes need at
  // least one sub-attribute and may not nest another complex one (ATT-10);
  // subAttributes / referenceTypes are errors on types they do not apply to
  // (an empty array is tolerated, as to_json writes one); unknown members
  // are errors.  Member names are matched case-insensitively.
  //
  // Returns the Schema, or Error::invalid_value whose detail lists every
  // problem, each naming the attribute, e.g.
  //   attribute "location": unknown type "strin"
  static Result<Schema> from_json(const json::Value& value);
};

// The RFC 7643 §7 / §8.7 representation with every characteristic present
// (DSC-10): schemas, id, name, description, attributes; each attribute has
// name, type, multiValued, description, required, caseExact,
// canonicalValues, mutability, returned, uniqueness and referenceTypes, and
// complex ones have subAttributes.  With a non-empty `location`, adds
// meta {resourceType: "Schema", location}.  from_json(to_json(s)) == s.
json::Value to_json(const Schema& schema, std::string_view location = {});
json::Value to_json(const AttributeDefinition& attribute);

bool operator==(const AttributeDefinition& a, const AttributeDefinition& b);
inline bool operator!=(const AttributeDefinition& a, const AttributeDefinition& b) { return !(a == b); }
bool operator==(const Schema& a, const Schema& b);
inline bool operator!=(const Schema& a, const Schema& b) { return !(a == b); }

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_SCHEMA_H_

// scim::Validator — checks a POST (create) or PUT (replace) body against a
// resource type and returns the normalised resource, or one Error that
// lists every problem at once (convention 3: a client fixes everything in
// one round trip).
//
// What "normalised" means:
//   * keys are matched ignoring case and written in schema spelling
//     ("USERNAME" -> "userName", emails[].Primary -> primary) (ATT-01);
//   * readOnly attributes and sub-attributes (id, meta, groups,
//     manager.displayName) are dropped without an error (CRT-03, PUT-07);
//     so is everything under a readOnly complex attribute;
//   * null, [] and {} mean unassigned and are removed (RES-11, CRT-04);
//   * values are coerced where a client's spelling is unambiguous: the
//     strings "true"/"false" in any case become booleans (Entra sends
//     "True"/"False", PAT-26); a string holding an integer or decimal
//     literal becomes a number for integer/decimal attributes;
//   * a single value given for a multi-valued attribute is wrapped into a
//     one-element array; a one-element array given for a single-valued
//     attribute is unwrapped (Entra's old manager form); a bare scalar given
//     for a complex attribute with a "value" sub-attribute becomes
//     {"value": scalar} (Entra's bare-string manager), and "" for a complex
//     attribute means unassigned;
//   * extension attributes live in the object keyed by the extension URN
//     (EXT-02); a URN-qualified attribute key at the top level
//     ("urn:…:enterprise:2.0:User:employeeNumber") is moved there;
//   * "schemas" becomes [base URN, URN of every extension holding data], in
//     the resource type's order, whether or not the client listed the
//     extension (Entra omits custom extension URNs, EXT-03);
//   * id and meta are not in the output: the service assigns them;
//   * writeOnly values (password) are kept: the service hashes them.
//
// What is rejected (400, all problems in one Error):
//   invalidSyntax  the body is not a JSON object;
//   invalidValue   "schemas" missing, not an array of strings, or without
//                  the base URN; "schemas" listing a known schema that is
//                  not part of this resource type (CRT-08) — unknown URIs
//                  are ignored, as Entra sends a Microsoft one for groups;
//                  a value of the wrong JSON type or format (ATT-04..07);
//                  a missing or empty required attribute, or a required
//                  extension left out (CRT-07, PUT-08, EXT-04); more than
//                  one primary=true (ATT-12); an attribute given twice in
//                  different case; unknown attributes or undeclared
//                  extensions under kReject;
//   mutability     on replace, an immutable attribute holding a value given
//                  a different one, or cleared (PUT-06, ATT-17).
// canonicalValues are advisory and not enforced (ATT-24: Entra and
// Microsoft's tests send values outside them, e.g. country "Germany").
//
// Thread-safety: a Validator is immutable after construction and may be
// used from several threads; it refers to the registry and resource type
// it was built with, which must outlive it and stay unchanged.
#ifndef FASTSCIM_SCIM_VALIDATOR_H_
#define FASTSCIM_SCIM_VALIDATOR_H_

#include <string>
#include <string_view>
#include <vector>

#include "json/value.h"
#include "scim/error.h"
#include "scim/resource_type.h"
#include "scim/schema.h"
#include "scim/schema_registry.h"
#include "scim/value_syntax.h"  // is_valid_date_time, is_valid_base64: part of this interface

namespace fastscim::scim {

// What to do with a member of the body that no schema of the resource type
// defines.  kIgnore drops it silently; kReject answers 400 invalidValue
// naming every one.  Two kinds are told apart, each with its own policy:
//   * unknown attributes — a misspelt name ("userNme"), an unknown
//     sub-attribute, an attribute a registered extension does not define.
//     Ignored by default: Microsoft's conformance test "PUT with a
//     misspelled attribute" expects 200.
//   * undeclared extensions — data under (or qualified by) a schema URN that
//     is neither the base schema nor an extension of the resource type for
//     this tenant (is_undeclared_extension_key).  Rejected by default: the
//     data would otherwise be lost without a word, and the answer tells the
//     tenant's admin to register the extension.  A URN merely listed in
//     "schemas" without data is always ignored (Entra sends a Microsoft one
//     with groups).
enum class UnknownAttributePolicy { kReject, kIgnore };

// Whether `key` — a member name of a resource body, or of a path-less PATCH
// value, that names no attribute of `type` — starts with "urn:" and is not
// qualified by the base schema or an extension of `type`: data for an
// undeclared extension ("urn:…:acme:2.0:User": {…} or
// "urn:…:acme:2.0:User:badge").  False for other keys, and for an unknown
// attribute of a known schema ("urn:…:core:2.0:User:nickNme").
bool is_undeclared_extension_key(const ResourceType& type, std::string_view key);

// One problem found while validating.
struct ValidationIssue {
  ScimType type = ScimType::kInvalidValue;  // kInvalidSyntax, kInvalidValue or kMutability
  std::string path;                         // e.g. "emails[1].primary", "urn:…:User:manager"
  std::string message;                      // e.g. "expected a boolean, got a string"
};

// An ordered collection of issues that becomes one Error.
class ValidationIssues {
 public:
  void add(ScimType type, std::string path, std::string message);
  bool empty() const { return issues_.empty(); }
  size_t size() const { return issues_.size(); }
  const std::vector<ValidationIssue>& issues() const { return issues_; }

  // Requires !empty().  The scimType is the first present in the fixed
  // precedence invalidSyntax > invalidValue > mutability > any other; the
  // detail lists every issue as "path: message", grouped in that order and
  // in discovery order within a group, e.g.
  //   2 problems: userName: required attribute is missing;
  //   emails: more than one value has primary true
  Error to_error() const;

 private:
  std::vector<ValidationIssue> issues_;
};

// How a single attribute value is checked; shared by the Validator and the
// PATCH engine.
struct ValueOptions {
  UnknownAttributePolicy unknown_attributes = UnknownAttributePolicy::kIgnore;
  // readOnly sub-attributes inside a complex value: dropped silently
  // (POST/PUT, CRT-03), or reported as mutability issues when false.
  bool drop_read_only = true;
};

// Checks and normalises `value` as the whole value of attribute `def`
// (multi-valued: the array; single-valued: the one value), applying every
// rule listed at the top of this file that concerns one attribute:
// coercions, wrapping, unknown and readOnly sub-attributes, null/[]/{}
// removal, required sub-attributes, at most one primary.  Does not look at
// def's own mutability or required flag: those depend on the operation.
// `path` names the attribute in issue messages.
//
// Returns the normalised value, or an absent Value when the result is
// unassigned or a problem was found (problems are appended to *issues).
json::Value normalize_value(const AttributeDefinition& def, const json::Value& value, std::string_view path,
                            const ValueOptions& options, ValidationIssues* issues);

// Like normalize_value, but `value` is one value of `def` even when def is
// multi-valued: an element to add to a multi-valued attribute (PATCH add on
// "emails"), or the value of a single sub-attribute.  A complex def needs
// an object (or a scalar for its "value" sub-attribute); a primitive def
// gets the coercions of its type.
json::Value normalize_single_value(const AttributeDefinition& def, const json::Value& value, std::string_view path,
                                   const ValueOptions& options, ValidationIssues* issues);

// Whether `a` and `b` are the same value of `def`: strings compare ignoring
// case unless def (or the sub-attribute) is caseExact; multi-valued values
// compare as sets; complex values compare sub-attribute by sub-attribute.
// Absent and null are equal to each other.  Used for immutable checks and
// for detecting no-op changes (PAT-15).
bool values_equal(const AttributeDefinition& def, const json::Value& a, const json::Value& b);

struct ValidatorOptions {
  UnknownAttributePolicy unknown_attributes = UnknownAttributePolicy::kIgnore;
  UnknownAttributePolicy unknown_extensions = UnknownAttributePolicy::kReject;
};

class Validator {
 public:
  // Requires: `type` is registered in `registry` (its base schema and
  // extensions resolve); both outlive the Validator.
  Validator(const SchemaRegistry& registry, const ResourceType& type, ValidatorOptions options = {});

  // POST (RFC 7644 §3.3).  Returns the normalised resource without id and
  // meta, or the one Error described above.
  Result<json::Value> validate_create(const json::Value& body) const;

  // PUT (RFC 7644 §3.5.1).  `existing` is the stored resource (as the
  // repository returns it).  Returns the complete new resource without id
  // and meta: attributes the body leaves out are unassigned (PUT-04; what
  // Microsoft's PUT tests expect), except immutable attributes that hold a
  // value, which keep it (an omitted value is not a change).  An immutable
  // attribute given a different value, or null, is a mutability error.  An
  // immutable sub-attribute of a single-valued complex attribute keeps its
  // value unless a different one is given (a mutability error); the entries
  // of a multi-valued complex attribute (Group members) are whole values
  // that may be added or removed (SCH-06).
  Result<json::Value> validate_replace(const json::Value& body, const json::Value& existing) const;

  const ValueOptions& value_options() const { return value_options_; }

 private:
  Result<json::Value> validate(const json::Value& body, const json::Value* existing) const;

  const SchemaRegistry& registry_;
  const ResourceType& type_;
  ValidatorOptions options_;
  ValueOptions value_options_;
};

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_VALIDATOR_H_

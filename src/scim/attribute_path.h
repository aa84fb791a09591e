// scim::AttributePath — the name of one attribute or sub-attribute.
//
// RFC 7644 §3.10 and the filter grammar of §3.4.2.2 write an attribute as
//
//   attrPath = [URI ":"] ATTRNAME *1subAttr
//   subAttr  = "." ATTRNAME
//   ATTRNAME = ALPHA *("-" / "_" / DIGIT / ALPHA)
//
// so "userName", "name.givenName", "meta.lastModified" and
// "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value"
// are all AttributePaths.  Filters, sortBy, attributes/excludedAttributes
// and PATCH paths all build on this one parser (EXT-05).
//
// Spelling is kept exactly as written; attribute names and URNs are
// case-insensitive (RFC 7643 §2.1, ATT-01), so compare with iequals() unless
// you mean "spelt identically".
//
// Thread-safety: plain values and pure functions.
#ifndef FASTSCIM_SCIM_ATTRIBUTE_PATH_H_
#define FASTSCIM_SCIM_ATTRIBUTE_PATH_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "scim/error.h"
#include "util/result.h"

namespace fastscim::scim {

struct AttributePath {
  // The schema URN without the trailing ':', e.g.
  // "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"; empty when
  // the path was written without one.
  std::string urn;
  // The attribute name, e.g. "name" or "employeeNumber"; never empty in a
  // parsed path.
  std::string attribute;
  // The sub-attribute after the '.', e.g. "givenName"; empty when absent.
  std::string sub_attribute;

  bool has_urn() const { return !urn.empty(); }
  bool has_sub_attribute() const { return !sub_attribute.empty(); }
};

// Exact (case-sensitive) equality of all three parts: "spelt identically".
bool operator==(const AttributePath& a, const AttributePath& b);
bool operator!=(const AttributePath& a, const AttributePath& b);

// Case-insensitive equality of all three parts (RFC 7643 §2.1).  Note that
// "userName" and "urn:…:core:2.0:User:userName" are *not* iequal here: only
// the schema registry knows that a core URN may be dropped.
bool iequals(const AttributePath& a, const AttributePath& b);

// Strict weak ordering that ignores ASCII case, for std::map/std::set keys.
struct AttributePathILess {
  bool operator()(const AttributePath& a, const AttributePath& b) const;
};

// The path as written in a filter: "urn:…:User:manager.value",
// "name.givenName", "userName".  parse_attribute_path(to_string(p)) == p for
// every parsed p.
std::string to_string(const AttributePath& path);

// Where and why a path failed to parse, for parsers that embed paths in a
// longer text (filters, PATCH paths) and report positions in that text.
struct PathSyntaxError {
  size_t offset = 0;    // 0-based byte offset into the text given
  std::string message;  // e.g. `expected an attribute name but found "1x"`
};

// Parses a whole path; the text must contain nothing else (no spaces).
//
// A path starting with "urn:" (any case) is URN-qualified: the attribute is
// what follows the last ':' and the URN is everything before it, so
// "urn:…:2.0:User:manager.value" gives urn "urn:…:2.0:User", attribute
// "manager", sub-attribute "value" (the dots inside "2.0" belong to the URN).
// A bare schema URN such as "urn:…:enterprise:2.0:User" therefore parses as
// urn "urn:…:enterprise:2.0", attribute "User"; callers that accept a whole
// extension (attributes=, PATCH) must test for a known schema URN first.
//
// Besides ATTRNAME, the name "$ref" is accepted (RFC 7643 §2.3.7 sub-attribute
// of references, e.g. "members.$ref").  At most one '.' level is allowed.
//
// Returns the path, or a PathSyntaxError pointing at the offending byte.
util::Result<AttributePath, PathSyntaxError> scan_attribute_path(std::string_view text);

// Same as scan_attribute_path(), turning a failure into a SCIM Error built
// by `make_error` (Error::invalid_path by default; pass &Error::invalid_filter
// or &Error::invalid_value where that is the RFC's answer).  The detail reads
// `invalid attribute path "x.1": at position 3: expected …`, with a 1-based
// character position.
Result<AttributePath> parse_attribute_path(std::string_view text,
                                           Error (*make_error)(std::string) = &Error::invalid_path);

// True when `name` is a valid ATTRNAME (or "$ref").
bool is_attribute_name(std::string_view name);

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_ATTRIBUTE_PATH_H_

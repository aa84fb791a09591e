// Parsing SCIM filters (the `filter` query parameter, RFC 7644 §3.4.2.2) and
// PATCH paths (RFC 7644 §3.5.2) into the AST of filter.h.
//
// The whole grammar of §3.4.2.2 is accepted:
//   * comparisons with eq ne co sw ew gt ge lt le, presence with pr;
//   * and, or, not, grouping with ( ), value filters attr[...];
//   * operators, `and`/`or`/`not`, true/false/null and attribute names in
//     any case (FLT-03); `not(` and `not (` alike (FLT-20);
//   * precedence ( ) and [ ] > not > and > or (FLT-04);
//   * JSON literals (FLT-12): double-quoted strings with the JSON escapes
//     (\" \\ \/ \b \f \n \r \t \uXXXX, surrogate pairs), numbers with
//     fraction and exponent, true, false, null;
//   * Entra ID's `emails[type eq "work"].value eq "x"` (a value filter, then
//     a sub-attribute and a comparison), read as one element satisfying both
//     (see filter.h).
// Spaces, tabs and line breaks separate tokens; the RFC's single SP is not
// enforced, so `userName eq"x"` parses too.
//
// Rejected with Error::invalid_filter (FLT-02, FLT-14): empty filters,
// unknown operators, unbalanced ( ) or [ ], anything after a complete filter,
// a value filter inside a value filter, a URN or dotted path inside a value
// filter, gt/ge/lt/le with true/false/null (FLT-07) and co/sw/ew with them,
// strings with raw control characters, invalid UTF-8 or \u0000, more than
// kMaxFilterDepth nested ( ) / not / [ ], and text longer than
// kMaxFilterLength bytes.  The detail names the 1-based character position
// and what was expected and found:
//   invalid filter at position 10: expected a comparison operator (eq, ne,
//   co, sw, ew, gt, ge, lt, le, pr) but found "regex"
// Schema checks (unknown attributes, gt on a boolean attribute) are not made
// here; they need the schema registry.
//
// Thread-safety: pure functions.
#ifndef FASTSCIM_SCIM_FILTER_PARSER_H_
#define FASTSCIM_SCIM_FILTER_PARSER_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "scim/attribute_path.h"
#include "scim/dialect.h"
#include "scim/error.h"
#include "scim/filter.h"

namespace fastscim::scim {

// Longest filter text accepted, in bytes.
inline constexpr size_t kMaxFilterLength = 16 * 1024;
// Deepest nesting of ( ), not ( ) and [ ] accepted.  Keeps recursion in the
// parser and in every visitor bounded, whatever the client sends.
inline constexpr int kMaxFilterDepth = 64;

// Parses a complete filter.  Returns the Filter in the normal form of
// filter.h, or Error::invalid_filter (400) with a positioned detail.  Under
// Dialect::kLenient a value that is a bare word other than true, false,
// null or a number reads as that string (DIA-01).
Result<Filter> parse_filter(std::string_view text, Dialect dialect = Dialect::kStrict);

// A PATCH operation's target, RFC 7644 §3.5.2:
//   PATH = attrPath / valuePath [subAttr]
struct PatchPath {
  // The attribute addressed.  With a value filter, sub_attribute is the
  // sub-attribute written after the ']' (empty when none):
  //   "addresses[type eq \"work\"].streetAddress"
  //       → path {attribute "addresses", sub "streetAddress"}, filter type eq "work"
  //   "name.givenName" → path {attribute "name", sub "givenName"}, no filter
  // A path naming a whole extension ("urn:…:enterprise:2.0:User") parses as
  // described for scan_attribute_path(); the PATCH engine checks for it.
  AttributePath path;
  // The filter inside [ ], relative to one element of path.attribute.
  std::optional<Filter> value_filter;
};

bool operator==(const PatchPath& a, const PatchPath& b);
bool operator!=(const PatchPath& a, const PatchPath& b);

// Canonical text: `members[value eq "2819c223"]`,
// `addresses[type eq "work"].streetAddress`, `name.givenName`.
std::string to_string(const PatchPath& path);

// Parses a PATCH `path` (PAT-04).  Leading and trailing white space is
// ignored; none is allowed elsewhere outside the brackets.  Returns the
// PatchPath, or Error::invalid_path (400) for a malformed path (empty, bad
// attribute name, unbalanced brackets, junk after them), or
// Error::invalid_filter (400) for a bad filter inside the brackets.  Both
// details give the 1-based character position in `text`.
Result<PatchPath> parse_patch_path(std::string_view text);

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_FILTER_PARSER_H_

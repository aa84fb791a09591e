// scim::scope_filter — a filter of a query that spans resource types
// (RFC 7644 §3.4.2.1, POST /.search at the root), cut down to what it
// means for one of them.
//
// FLT-16: in a query across types, an attribute a type lacks is unassigned
// for that type, not an error.  So every comparison, presence test and
// value filter on an attribute the type does not define is false for it,
// and the filter is simplified around that constant: `x and false` is
// false, `x or false` is x, `not false` is true (an unassigned attribute
// is not equal to anything, so `not (userName eq "a")` matches every
// Group).  What is left is either a constant — the type matches nothing or
// everything — or a filter whose top-level paths all name attributes of
// the type, which resolve_filter() then checks as usual.  Sub-attributes
// inside a value filter are not cut: `emails[bogus eq 1]` stays an error
// for a type that has emails.
//
// Thread-safety: a pure function; the registry is only read.
#ifndef FASTSCIM_SCIM_FILTER_SCOPE_H_
#define FASTSCIM_SCIM_FILTER_SCOPE_H_

#include <optional>

#include "scim/filter.h"
#include "scim/resource_type.h"
#include "scim/schema_registry.h"

namespace fastscim::scim {

struct ScopedFilter {
  enum class Kind {
    kNothing,     // no resource of the type can match
    kEverything,  // every resource of the type matches (no filter left)
    kFilter,      // `filter` decides
  };
  Kind kind = Kind::kEverything;
  std::optional<Filter> filter;  // set for kFilter only
};

ScopedFilter scope_filter(const SchemaRegistry& registry, const ResourceType& type, const Filter& filter);

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_FILTER_SCOPE_H_

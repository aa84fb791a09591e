// The lenient dialect's value filters in `attributes` (DIA-02):
// `attributes=emails[type eq "work"]` returns the emails attribute with only
// the values that match.  Internal to projection.cc; split out so the
// strict projection stays as it is.
//
// Thread-safety: pure functions.
#ifndef FASTSCIM_SCIM_PROJECTION_VALUES_H_
#define FASTSCIM_SCIM_PROJECTION_VALUES_H_

#include <string_view>
#include <vector>

#include "json/value.h"
#include "scim/error.h"
#include "scim/projection.h"
#include "scim/resource_type.h"
#include "scim/schema_registry.h"

namespace fastscim::scim {

// `csv` split at the commas that are outside [ ] and outside string
// literals, so `emails[value eq "a,b"],userName` is two names.
std::vector<std::string_view> split_lenient_names(std::string_view csv);

// The name `text` (which contains '[') of the `parameter` named: a value
// path as in PATCH, `emails[type eq "work"]` or
// `emails[type eq "work"].value`.  invalidSyntax when it is in
// excludedAttributes (`included` false: excluding some values of an
// attribute is not defined) or is not a value path; the detail names it.
Result<Projection::Name> filtered_name(std::string_view text, bool included, const char* parameter);

// A copy of `resource` in which every attribute that the projection names
// only with value filters keeps just the values matching one of them.  An
// attribute also named without a filter keeps all its values.
json::Value keep_matching_values(const json::Value& resource, const ResourceType& type, const SchemaRegistry& registry,
                                 const Projection& projection);

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_PROJECTION_VALUES_H_

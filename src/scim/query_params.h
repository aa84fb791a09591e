// Decoded query parameters (RFC 7644 §3.4.2, §3.9) and the readings of
// them every operation shares: one parameter by name, an integer, and the
// attributes/excludedAttributes projection.
//
// Thread-safety: plain values and pure functions.
#ifndef FASTSCIM_SCIM_QUERY_PARAMS_H_
#define FASTSCIM_SCIM_QUERY_PARAMS_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scim/dialect.h"
#include "scim/error.h"
#include "scim/projection.h"

namespace fastscim::scim {

// Decoded query parameters in request order; names match ignoring case.
using QueryParams = std::vector<std::pair<std::string, std::string>>;

// The value of the first parameter called `name` (ignoring case), if any.
std::optional<std::string> find_param(const QueryParams& params, std::string_view name);

// The integer value of parameter `name`; nullopt when absent or blank.
// invalidValue when it is not an integer.
Result<std::optional<long long>> integer_param(const QueryParams& params, std::string_view name);

// The projection that `attributes` and `excludedAttributes` ask for
// (PRJ-01; absent parameters read as empty), read in `dialect`.  Errors:
// those of Projection::parse.
Result<Projection> projection_param(const QueryParams& params, Dialect dialect = Dialect::kStrict);

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_QUERY_PARAMS_H_

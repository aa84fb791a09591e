#include "scim/query_params.h"

#include "util/strings.h"

namespace fastscim::scim {

std::optional<std::string> find_param(const QueryParams& params, std::string_view name) {
  for (const auto& [key, value] : params) {
    if (util::iequals(key, name)) return value;
  }
  return std::nullopt;
}

Result<std::optional<long long>> integer_param(const QueryParams& params, std::string_view name) {
  auto text = find_param(params, name);
  if (!text || util::trim(*text).empty()) return std::optional<long long>();
  long long value = 0;
  if (!util::parse_int(util::trim(*text), &value)) {
    return fail(Error::invalid_value(std::string(name) + " must be an integer, not \"" + *text + "\""));
  }
  return std::optional<long long>(value);
}

Result<Projection> projection_param(const QueryParams& params, Dialect dialect) {
  return Projection::parse(find_param(params, "attributes").value_or(""),
                           find_param(params, "excludedAttributes").value_or(""), dialect);
}

}  // namespace fastscim::scim

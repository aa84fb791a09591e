#include "scim/dialect.h"

#include "util/strings.h"

namespace fastscim::scim {

std::optional<Dialect> dialect_from_string(std::string_view text) {
  if (util::iequals(text, "strict")) return Dialect::kStrict;
  if (util::iequals(text, "lenient")) return Dialect::kLenient;
  return std::nullopt;
}

std::string_view to_string(Dialect dialect) { return dialect == Dialect::kLenient ? "lenient" : "strict"; }

}  // namespace fastscim::scim

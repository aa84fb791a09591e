// scim::Dialect — how strictly a tenant's requests are read.
//
// kStrict (the default) is RFC 7644 as written.  kLenient also accepts the
// habits of Microsoft's SCIM test collection and some older clients, where
// they cannot be read two ways (DIA-01..03):
//   * a filter value written as a bare word: anything that is not true,
//     false, null or a JSON number is a string (`userName sw O`,
//     `meta.created gt 2015-10-10T14:38:21.8617979-07:00`);
//   * a value filter in `attributes` (`emails[type eq "work"]`): the
//     attribute is projected with only the values that match;
//   * `/serviceConfiguration`, the reference server's name for
//     `/ServiceProviderConfig`.
// A tenant chooses with `fastscim-admin tenant set T dialect lenient`.
//
// Thread-safety: plain values and pure functions.
#ifndef FASTSCIM_SCIM_DIALECT_H_
#define FASTSCIM_SCIM_DIALECT_H_

#include <optional>
#include <string_view>

namespace fastscim::scim {

enum class Dialect { kStrict, kLenient };

// "strict" or "lenient", any case; nullopt for anything else.
std::optional<Dialect> dialect_from_string(std::string_view text);
std::string_view to_string(Dialect dialect);

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_DIALECT_H_

// Small string helpers used across modules.  Everything here is ASCII-only:
// SCIM keywords, attribute names and HTTP tokens are ASCII, and user data is
// never case-folded by these functions.
//
// Thread-safety: pure functions.
#ifndef FASTSCIM_UTIL_STRINGS_H_
#define FASTSCIM_UTIL_STRINGS_H_

#include <string>
#include <string_view>
#include <vector>

namespace fastscim::util {

std::string to_lower(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
bool istarts_with(std::string_view s, std::string_view prefix);
bool starts_with(std::string_view s, std::string_view prefix);
bool ends_with(std::string_view s, std::string_view suffix);
std::string_view trim(std::string_view s);

// Splits on every occurrence of `sep`; empty fields are kept.
std::vector<std::string_view> split(std::string_view s, char sep);

// Decodes %XX escapes; with `plus_is_space`, '+' becomes ' ' (query strings).
// Returns false on a malformed escape.
bool percent_decode(std::string_view in, bool plus_is_space, std::string* out);

// Parses a whole decimal number into *out; false on any junk or overflow.
bool parse_int(std::string_view s, long long* out);

// The number of characters (code points) in the UTF-8 text `s`: the bytes
// that do not continue a multi-byte sequence.  What a database counts in a
// VARCHAR(n) of a UTF-8 character set.  Requires valid UTF-8.
size_t utf8_length(std::string_view s);

// A file under /dev/shm that every process of this user serving database
// `name` reached at `where` (socket or host:port) finds by the same name:
// /dev/shm/fastscim-<uid>-<name>-<hash of where><suffix>.
std::string host_shared_path(const std::string& name, const std::string& where, const std::string& suffix);

}  // namespace fastscim::util

#endif  // FASTSCIM_UTIL_STRINGS_H_

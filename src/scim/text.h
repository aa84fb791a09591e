// Text helpers shared by the SCIM core's error details, internal to
// src/scim (not part of its interface to other modules).
//
// Error details quote the names and values they mention the same way
// everywhere, e.g.  "emails" is not an attribute of resource type "Group".
// quoted() copies the text as it is; json_quoted() escapes it as a JSON
// string literal, for text that came from a client and may hold quotes or
// control characters (filter expressions).
//
// Thread-safety: pure functions.
#ifndef FASTSCIM_SCIM_TEXT_H_
#define FASTSCIM_SCIM_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace fastscim::scim {

// ASCII letters and digits, as the SCIM grammars (attribute names, URI
// schemes, value literals) define them; never locale-dependent.
inline bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "\"" + s + "\"", with `s` unchanged.
std::string quoted(std::string_view s);

// "\"" + s + "\"" with `s` JSON-escaped (scim/filter.h json_escape).
std::string json_quoted(std::string_view s);

// The 1-based character position of byte `offset` in the UTF-8 `text`:
// error positions are for humans, who count characters rather than bytes.
// An offset past the end counts the whole text.
size_t character_position(std::string_view text, size_t offset);

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_TEXT_H_

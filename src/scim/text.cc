#include "scim/text.h"

#include "scim/filter.h"

namespace fastscim::scim {

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string json_quoted(std::string_view s) { return "\"" + json_escape(s) + "\""; }

size_t character_position(std::string_view text, size_t offset) {
  size_t n = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++n;
  }
  return n;
}

}  // namespace fastscim::scim

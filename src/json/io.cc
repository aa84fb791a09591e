#include "json/io.h"

#include <new>

#include <jansson.h>

namespace fastscim::json {

util::Result<Value, ParseError> parse(std::string_view text) {
  json_error_t error;
  json_t* root = json_loadb(text.data(), text.size(), JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &error);
  if (root == nullptr) {
    return util::Unexpected(ParseError{error.line, error.column, static_cast<long>(error.position), error.text});
  }
  return Value::adopt(root);
}

std::string dump(const Value& v, Style style) {
  if (!v) return {};
  size_t flags = JSON_ENCODE_ANY | JSON_PRESERVE_ORDER;
  if (style == Style::kPretty)
    flags |= JSON_INDENT(2);
  else
    flags |= JSON_COMPACT;
  // Straight into the string: json_dumps would build a second copy first.
  std::string out;
  auto append = [](const char* buffer, size_t size, void* data) -> int {
    try {
      static_cast<std::string*>(data)->append(buffer, size);
      return 0;
    } catch (const std::bad_alloc&) {
      return -1;
    }
  };
  if (json_dump_callback(v.get_raw(), append, &out, flags) != 0) return {};
  return out;
}

}  // namespace fastscim::json

#include "json/io.h"

#include <cstdlib>
#include <memory>

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
  std::unique_ptr<char, decltype(&std::free)> text(json_dumps(v.get_raw(), flags), &std::free);
  return text ? std::string(text.get()) : std::string();
}

}  // namespace fastscim::json

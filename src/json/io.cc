#include "json/io.h"

#include <cstdio>
#include <new>
#include <string>

#include <jansson.h>

#include "json/reader.h"

namespace fastscim::json {

util::Result<Value, ParseError> parse(std::string_view text) {
  // Most text takes the fast reader; what it declines (and every error) is
  // jansson's (json/reader.h).
  if (Value read = read_common(text)) return read;
  json_error_t error;
  json_t* root = json_loadb(text.data(), text.size(), JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &error);
  if (root == nullptr) {
    return util::Unexpected(ParseError{error.line, error.column, static_cast<long>(error.position), error.text});
  }
  return Value::adopt(root);
}

namespace {

// The compact form, written by hand: jansson's dump calls back once per
// token, and a response is hundreds of tokens.  It writes exactly what
// json_dumps(JSON_COMPACT | JSON_ENCODE_ANY) writes (tests/unit/json
// compares the two), and leaves reals to jansson: SCIM rarely has one, and
// their shortest round-trip form is jansson's to define.
void append_string(std::string* out, const char* s, size_t n) {
  static const char kHex[] = "0123456789ABCDEF";
  out->push_back('"');
  size_t run = 0;  // start of the characters not yet appended
  for (size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(s + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default:
        out->append("\\u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 0xf]);
    }
  }
  out->append(s + run, n - run);
  out->push_back('"');
}

bool append_compact(std::string* out, const json_t* v, int depth) {
  if (depth > kMaxNesting) return false;
  switch (json_typeof(v)) {
    case JSON_OBJECT: {
      out->push_back('{');
      bool first = true;
      // jansson iterates in insertion order; its iterator takes a mutable
      // pointer but does not change the object.
      auto* object = const_cast<json_t*>(v);
      for (void* it = json_object_iter(object); it != nullptr; it = json_object_iter_next(object, it)) {
        if (!first) out->push_back(',');
        first = false;
        append_string(out, json_object_iter_key(it), json_object_iter_key_len(it));
        out->push_back(':');
        if (!append_compact(out, json_object_iter_value(it), depth + 1)) return false;
      }
      out->push_back('}');
      return true;
    }
    case JSON_ARRAY: {
      out->push_back('[');
      const size_t size = json_array_size(v);
      for (size_t i = 0; i < size; ++i) {
        if (i > 0) out->push_back(',');
        if (!append_compact(out, json_array_get(v, i), depth + 1)) return false;
      }
      out->push_back(']');
      return true;
    }
    case JSON_STRING: append_string(out, json_string_value(v), json_string_length(v)); return true;
    case JSON_INTEGER: {
      char digits[24];
      const int n = std::snprintf(digits, sizeof digits, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
      out->append(digits, static_cast<size_t>(n));
      return true;
    }
    case JSON_REAL: {
      char text[64];
      const size_t n = json_dumpb(v, text, sizeof text, JSON_ENCODE_ANY | JSON_COMPACT);
      if (n == 0 || n > sizeof text) return false;
      out->append(text, n);
      return true;
    }
    case JSON_TRUE: out->append("true"); return true;
    case JSON_FALSE: out->append("false"); return true;
    case JSON_NULL: out->append("null"); return true;
  }
  return false;
}

}  // namespace

std::string dump(const Value& v, Style style) {
  if (!v) return {};
  if (style == Style::kCompact) {
    std::string out;
    out.reserve(1024);
    try {
      if (!append_compact(&out, v.get_raw(), 0)) return {};
    } catch (const std::bad_alloc&) {
      return {};
    }
    return out;
  }
  const size_t flags = JSON_ENCODE_ANY | JSON_PRESERVE_ORDER | JSON_INDENT(2);
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

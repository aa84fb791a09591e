// Parsing and serialising JSON text.
//
// parse() rejects duplicate object keys (a SCIM body with two "userName"
// keys is ambiguous) and reports where the text went wrong.  It reads the
// common shapes itself (json/reader.h) and leaves the rest to jansson.
//
// Thread-safety: pure functions.
#ifndef FASTSCIM_JSON_IO_H_
#define FASTSCIM_JSON_IO_H_

#include <string>
#include <string_view>

#include "json/value.h"
#include "util/result.h"

namespace fastscim::json {

struct ParseError {
  int line = 0;
  int column = 0;
  long position = 0;
  std::string text;  // jansson's description, e.g. "'[' or '{' expected near 'x'"
};

// Parses one complete JSON value (any type).  Requires valid UTF-8.
util::Result<Value, ParseError> parse(std::string_view text);

enum class Style { kCompact, kPretty };

// Serialises `v` (object keys in insertion order).  An absent Value gives
// "", and so does a failure (out of memory; a value that contains itself):
// a present Value never serialises to "", so a caller that must send or
// store the text treats "" as the failure it is.
std::string dump(const Value& v, Style style = Style::kCompact);

}  // namespace fastscim::json

#endif  // FASTSCIM_JSON_IO_H_

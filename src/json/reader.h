// json::read_common — a fast reader for the JSON fastscim reads most: its
// own stored documents and the bodies identity providers send.
//
// jansson reads a 1 KB stored user in about 160,000 instructions, a third
// of what an Entra match costs a worker.  This reader builds the same
// jansson values for the common shapes (objects, arrays, strings with the
// two-character escapes, integers up to 18 digits, true, false, null) and
// declines everything else: \u escapes, reals, duplicate keys, control
// characters, text that is not JSON.  parse() hands what it declines to
// jansson, so which texts parse() accepts, and how it reports an error,
// stay jansson's alone.
//
// Thread-safety: a pure function.
#ifndef FASTSCIM_JSON_READER_H_
#define FASTSCIM_JSON_READER_H_

#include <string_view>

#include "json/value.h"

namespace fastscim::json {

// The value `text` holds, exactly as jansson would read it; absent when
// this reader leaves `text` to jansson.
Value read_common(std::string_view text);

}  // namespace fastscim::json

#endif  // FASTSCIM_JSON_READER_H_

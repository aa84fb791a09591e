// libFuzzer target: json::read_common, the fast reader in front of jansson
// (json/reader.h).  Invariant: whatever the reader reads, jansson reads the
// same way — same values, same key order — and json::dump writes what
// jansson writes; what the reader declines is jansson's to decide.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <jansson.h>

#include "fuzz/fuzz_support.h"
#include "json/io.h"
#include "json/reader.h"

// libFuzzer calls this name.
extern "C" int LLVMFuzzerTestOneInput(  // NOLINT(readability-identifier-naming)
    const uint8_t* data, size_t size) {
  using namespace fastscim;  // NOLINT(google-build-using-namespace)
  const std::string_view text = fuzz::as_text(data, size);
  json_error_t error;
  json::Value theirs = json::Value::adopt(
      json_loadb(text.data(), text.size(), JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &error));
  const json::Value ours = json::read_common(text);
  if (ours) {
    fuzz::check(static_cast<bool>(theirs), "jansson reads what the reader reads");
    fuzz::check(json_equal(ours.get_raw(), theirs.get_raw()) == 1, "the reader reads the values jansson reads");
  }
  if (theirs) {
    char* expected = json_dumps(theirs.get_raw(), JSON_COMPACT | JSON_ENCODE_ANY | JSON_PRESERVE_ORDER);
    if (expected != nullptr) {
      const std::string written = json::dump(theirs);
      fuzz::check(written == expected, "json::dump writes what jansson writes");
      if (ours) fuzz::check(json::dump(ours) == written, "the reader keeps jansson's key order");
      std::free(expected);
    }
  }
  fuzz::check(json::parse(text).has_value() == static_cast<bool>(theirs), "parse() accepts what jansson accepts");
  return 0;
}

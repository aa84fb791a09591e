// Test-only: what the libFuzzer targets in tests/fuzz share.  Each target is
// one LLVMFuzzerTestOneInput over a pure function of the SCIM core; what a
// target finds is a crash, a sanitizer report, or a broken invariant, which
// check() turns into an abort so that libFuzzer keeps the input.
//
// Thread-safety: libFuzzer calls a target from one thread.
#ifndef FASTSCIM_TESTS_FUZZ_FUZZ_SUPPORT_H_
#define FASTSCIM_TESTS_FUZZ_FUZZ_SUPPORT_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "scim/schema_registry.h"

namespace fastscim::fuzz {

// The input as text (libFuzzer hands bytes; every parser takes text).
inline std::string_view as_text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};  // NOLINT(cppcoreguidelines-pro-type-reinterpret-cast)
}

// Aborts with `what` when an invariant does not hold.
inline void check(bool holds, const char* what) {
  if (!holds) {
    std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
    std::abort();
  }
}

// The built-in schemas (core User and Group, enterprise User), built once.
inline const scim::SchemaRegistry& core_registry() {
  static const scim::SchemaRegistry kRegistry;
  return kRegistry;
}

}  // namespace fastscim::fuzz

#endif  // FASTSCIM_TESTS_FUZZ_FUZZ_SUPPORT_H_

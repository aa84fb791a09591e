// Test-only: prints scim::ErrorKind by its enumerator name, so that
// BOOST_TEST(e.kind() == ErrorKind::kNotFound) says what it got.
#ifndef FASTSCIM_TESTS_SUPPORT_ERROR_PRINT_H_
#define FASTSCIM_TESTS_SUPPORT_ERROR_PRINT_H_

#include <ostream>

#include "scim/error.h"

namespace fastscim::scim {

inline std::ostream& operator<<(std::ostream& os, ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalid: return os << "kInvalid";
    case ErrorKind::kUnauthorized: return os << "kUnauthorized";
    case ErrorKind::kForbidden: return os << "kForbidden";
    case ErrorKind::kNotFound: return os << "kNotFound";
    case ErrorKind::kMethodNotAllowed: return os << "kMethodNotAllowed";
    case ErrorKind::kUniqueness: return os << "kUniqueness";
    case ErrorKind::kConflict: return os << "kConflict";
    case ErrorKind::kVersionConflict: return os << "kVersionConflict";
    case ErrorKind::kPayloadTooLarge: return os << "kPayloadTooLarge";
    case ErrorKind::kUnsupportedMediaType: return os << "kUnsupportedMediaType";
    case ErrorKind::kInternal: return os << "kInternal";
    case ErrorKind::kNotImplemented: return os << "kNotImplemented";
    case ErrorKind::kUnavailable: return os << "kUnavailable";
    case ErrorKind::kTooManyRequests: return os << "kTooManyRequests";
  }
  return os << "ErrorKind(" << static_cast<int>(kind) << ")";
}

}  // namespace fastscim::scim

#endif  // FASTSCIM_TESTS_SUPPORT_ERROR_PRINT_H_

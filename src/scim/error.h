// scim::Error — the one error type of fastscim above the storage layer.
//
// An Error is what a SCIM client will see: an HTTP status, an optional
// scimType keyword (RFC 7644 §3.12 Table 9, RFC 9865 §5) and a detail a human
// can act on.  Errors are built only through the named constructors below,
// spelt with the RFC's own words, so the keyword table lives in one place
// (error.cc).  http/error_response turns an Error into the SCIM Error JSON.
//
// Thread-safety: a plain value.
#ifndef FASTSCIM_SCIM_ERROR_H_
#define FASTSCIM_SCIM_ERROR_H_

#include <string>
#include <string_view>

#include "util/result.h"

namespace fastscim::scim {

enum class ScimType {
  kNone,
  kInvalidFilter,
  kTooMany,
  kUniqueness,
  kMutability,
  kInvalidSyntax,
  kInvalidPath,
  kNoTarget,
  kInvalidValue,
  kInvalidVers,
  kSensitive,
  kInvalidCursor,  // RFC 9865
  kExpiredCursor,  // RFC 9865
  kInvalidCount,   // RFC 9865
};

// The keyword for `type` as written on the wire ("invalidFilter"); "" for kNone.
std::string_view scim_type_keyword(ScimType type);

class Error {
 public:
  // An internal server error with no detail; exists so Result<void> works.
  Error() = default;

  // 400 errors with a scimType (RFC 7644 Table 9).
  static Error invalid_filter(std::string detail);
  static Error too_many(std::string detail);
  static Error mutability(std::string detail);
  static Error invalid_syntax(std::string detail);
  static Error invalid_path(std::string detail);
  static Error no_target(std::string detail);
  static Error invalid_value(std::string detail);
  static Error invalid_vers(std::string detail);
  static Error sensitive(std::string detail);
  static Error invalid_cursor(std::string detail);
  static Error expired_cursor(std::string detail);
  static Error invalid_count(std::string detail);
  // 409 uniqueness.
  static Error uniqueness(std::string detail);

  // Plain HTTP statuses without a scimType.
  static Error bad_request(std::string detail);                  // 400
  static Error unauthorized(std::string detail);                 // 401
  static Error forbidden(std::string detail);                    // 403
  static Error not_found(std::string detail);                    // 404
  static Error method_not_allowed(std::string detail);           // 405
  static Error conflict(std::string detail);                     // 409 (no scimType)
  static Error precondition_failed(std::string detail);          // 412
  static Error payload_too_large(std::string detail);            // 413
  static Error unsupported_media_type(std::string detail);       // 415
  static Error internal(std::string detail);                     // 500
  static Error not_implemented(std::string detail);              // 501
  // 503; the response carries Retry-After: retry_after_seconds.
  static Error unavailable(std::string detail, int retry_after_seconds);

  int status() const { return status_; }
  ScimType scim_type() const { return scim_type_; }
  const std::string& detail() const { return detail_; }
  int retry_after_seconds() const { return retry_after_; }

 private:
  Error(int status, ScimType type, std::string detail)
      : status_(status), scim_type_(type), detail_(std::move(detail)) {}

  int status_ = 500;
  ScimType scim_type_ = ScimType::kNone;
  std::string detail_ = "internal error";
  int retry_after_ = 0;
};

template <typename T>
using Result = util::Result<T, Error>;

// Shorthand for returning an Error from a function returning Result<T>.
inline util::Unexpected<Error> fail(Error e) { return util::Unexpected<Error>(std::move(e)); }

}  // namespace fastscim::scim

#endif  // FASTSCIM_SCIM_ERROR_H_

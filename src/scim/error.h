// scim::Error — the one error type of fastscim above the storage layer.
//
// An Error says what went wrong: a kind (what the core and the store branch
// on), an optional scimType keyword (RFC 7644 §3.12 Table 9, RFC 9865 §5)
// and a detail a human can act on.  Errors are built only through the named
// constructors below, spelt with the RFC's own words, so the keyword table
// lives in one place (error.cc).  No HTTP status lives here:
// http/error_response is the one place that knows which status each kind
// is, and turns an Error into the SCIM Error JSON.
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

// What kind of failure an Error is; each kind is one HTTP status
// (http/error_response.h), noted here for the reader.
enum class ErrorKind {
  kInvalid,               // 400: the request is malformed or names what is not there
  kUnauthorized,          // 401: no valid credentials
  kForbidden,             // 403: not allowed (scimType sensitive among others)
  kNotFound,              // 404: no such resource in this tenant
  kMethodNotAllowed,      // 405
  kUniqueness,            // 409 uniqueness: a unique value is taken
  kConflict,              // 409: conflicts with the current state (e.g. a write
                          //      that kept losing races; nothing was written)
  kVersionConflict,       // 412: the resource's version is not the one required
                          //      (a client's If-Match, or a versioned write that lost a race)
  kPayloadTooLarge,       // 413
  kUnsupportedMediaType,  // 415
  kInternal,              // 500: a bug or a resource shortage of this process
  kNotImplemented,        // 501
  kUnavailable,           // 503 + Retry-After: the database is unreachable or busy
  kTooManyRequests,       // 429 + Retry-After: the tenant is over its rate or concurrency limit
};

class Error {
 public:
  // An internal server error with no detail; exists so Result<void> works.
  Error() = default;

  // kInvalid errors with a scimType (RFC 7644 Table 9).
  static Error invalid_filter(std::string detail);
  static Error too_many(std::string detail);
  static Error mutability(std::string detail);
  static Error invalid_syntax(std::string detail);
  static Error invalid_path(std::string detail);
  static Error no_target(std::string detail);
  static Error invalid_value(std::string detail);
  static Error invalid_vers(std::string detail);
  static Error sensitive(std::string detail);  // kForbidden
  static Error invalid_cursor(std::string detail);
  static Error expired_cursor(std::string detail);
  static Error invalid_count(std::string detail);
  // kUniqueness, scimType uniqueness.
  static Error uniqueness(std::string detail);

  // Errors without a scimType.
  static Error bad_request(std::string detail);             // kInvalid
  static Error unauthorized(std::string detail);            // kUnauthorized
  static Error forbidden(std::string detail);               // kForbidden
  static Error not_found(std::string detail);               // kNotFound
  static Error method_not_allowed(std::string detail);      // kMethodNotAllowed
  static Error conflict(std::string detail);                // kConflict
  static Error precondition_failed(std::string detail);     // kVersionConflict
  static Error payload_too_large(std::string detail);       // kPayloadTooLarge
  static Error unsupported_media_type(std::string detail);  // kUnsupportedMediaType
  static Error internal(std::string detail);                // kInternal
  static Error not_implemented(std::string detail);         // kNotImplemented
  // kUnavailable; the response carries Retry-After: retry_after_seconds.
  static Error unavailable(std::string detail, int retry_after_seconds);
  // kTooManyRequests (no scimType: RFC 7644 §3.12 defines none for 429);
  // the response carries Retry-After: retry_after_seconds.
  static Error too_many_requests(std::string detail, int retry_after_seconds);

  ErrorKind kind() const { return kind_; }
  ScimType scim_type() const { return scim_type_; }
  const std::string& detail() const { return detail_; }
  int retry_after_seconds() const { return retry_after_; }

 private:
  Error(ErrorKind kind, ScimType type, std::string detail)
      : kind_(kind), scim_type_(type), detail_(std::move(detail)) {}

  ErrorKind kind_ = ErrorKind::kInternal;
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

#include "scim/error.h"

namespace fastscim::scim {

std::string_view scim_type_keyword(ScimType type) {
  // RFC 7644 §3.12 Table 9; the cursor keywords from RFC 9865 §5.
  switch (type) {
    case ScimType::kNone: return "";
    case ScimType::kInvalidFilter: return "invalidFilter";
    case ScimType::kTooMany: return "tooMany";
    case ScimType::kUniqueness: return "uniqueness";
    case ScimType::kMutability: return "mutability";
    case ScimType::kInvalidSyntax: return "invalidSyntax";
    case ScimType::kInvalidPath: return "invalidPath";
    case ScimType::kNoTarget: return "noTarget";
    case ScimType::kInvalidValue: return "invalidValue";
    case ScimType::kInvalidVers: return "invalidVers";
    case ScimType::kSensitive: return "sensitive";
    case ScimType::kInvalidCursor: return "invalidCursor";
    case ScimType::kExpiredCursor: return "expiredCursor";
    case ScimType::kInvalidCount: return "invalidCount";
  }
  return "";
}

Error Error::invalid_filter(std::string d) {
  return Error(ErrorKind::kInvalid, ScimType::kInvalidFilter, std::move(d));
}
Error Error::too_many(std::string d) { return Error(ErrorKind::kInvalid, ScimType::kTooMany, std::move(d)); }
Error Error::mutability(std::string d) { return Error(ErrorKind::kInvalid, ScimType::kMutability, std::move(d)); }
Error Error::invalid_syntax(std::string d) {
  return Error(ErrorKind::kInvalid, ScimType::kInvalidSyntax, std::move(d));
}
Error Error::invalid_path(std::string d) { return Error(ErrorKind::kInvalid, ScimType::kInvalidPath, std::move(d)); }
Error Error::no_target(std::string d) { return Error(ErrorKind::kInvalid, ScimType::kNoTarget, std::move(d)); }
Error Error::invalid_value(std::string d) { return Error(ErrorKind::kInvalid, ScimType::kInvalidValue, std::move(d)); }
Error Error::invalid_vers(std::string d) { return Error(ErrorKind::kInvalid, ScimType::kInvalidVers, std::move(d)); }
Error Error::sensitive(std::string d) { return Error(ErrorKind::kForbidden, ScimType::kSensitive, std::move(d)); }
Error Error::invalid_cursor(std::string d) {
  return Error(ErrorKind::kInvalid, ScimType::kInvalidCursor, std::move(d));
}
Error Error::expired_cursor(std::string d) {
  return Error(ErrorKind::kInvalid, ScimType::kExpiredCursor, std::move(d));
}
Error Error::invalid_count(std::string d) { return Error(ErrorKind::kInvalid, ScimType::kInvalidCount, std::move(d)); }
Error Error::uniqueness(std::string d) { return Error(ErrorKind::kUniqueness, ScimType::kUniqueness, std::move(d)); }

Error Error::bad_request(std::string d) { return Error(ErrorKind::kInvalid, ScimType::kNone, std::move(d)); }
Error Error::unauthorized(std::string d) { return Error(ErrorKind::kUnauthorized, ScimType::kNone, std::move(d)); }
Error Error::forbidden(std::string d) { return Error(ErrorKind::kForbidden, ScimType::kNone, std::move(d)); }
Error Error::not_found(std::string d) { return Error(ErrorKind::kNotFound, ScimType::kNone, std::move(d)); }
Error Error::method_not_allowed(std::string d) {
  return Error(ErrorKind::kMethodNotAllowed, ScimType::kNone, std::move(d));
}
Error Error::conflict(std::string d) { return Error(ErrorKind::kConflict, ScimType::kNone, std::move(d)); }
Error Error::precondition_failed(std::string d) {
  return Error(ErrorKind::kVersionConflict, ScimType::kNone, std::move(d));
}
Error Error::payload_too_large(std::string d) {
  return Error(ErrorKind::kPayloadTooLarge, ScimType::kNone, std::move(d));
}
Error Error::unsupported_media_type(std::string d) {
  return Error(ErrorKind::kUnsupportedMediaType, ScimType::kNone, std::move(d));
}
Error Error::internal(std::string d) { return Error(ErrorKind::kInternal, ScimType::kNone, std::move(d)); }
Error Error::not_implemented(std::string d) { return Error(ErrorKind::kNotImplemented, ScimType::kNone, std::move(d)); }

Error Error::unavailable(std::string d, int retry_after_seconds) {
  Error e(ErrorKind::kUnavailable, ScimType::kNone, std::move(d));
  e.retry_after_ = retry_after_seconds;
  return e;
}

Error Error::too_many_requests(std::string d, int retry_after_seconds) {
  Error e(ErrorKind::kTooManyRequests, ScimType::kNone, std::move(d));
  e.retry_after_ = retry_after_seconds;
  return e;
}

}  // namespace fastscim::scim

// The one place a scim::Error becomes an HTTP response, and the one place
// that knows which HTTP status each kind of error is: a SCIM Error document
// (RFC 7644 §3.12) with `status` as a string, the scimType where one
// applies, and the headers the status calls for (WWW-Authenticate on 401,
// Retry-After on 503).
//
// Thread-safety: pure functions.
#ifndef FASTSCIM_HTTP_ERROR_RESPONSE_H_
#define FASTSCIM_HTTP_ERROR_RESPONSE_H_

#include "http/response.h"
#include "scim/error.h"

namespace fastscim::http {

// The HTTP status for an error of `kind` (RFC 7644 §3.12): kInvalid 400,
// kUnauthorized 401, kForbidden 403, kNotFound 404, kMethodNotAllowed 405,
// kUniqueness and kConflict 409, kVersionConflict 412 (VER-06),
// kPayloadTooLarge 413, kUnsupportedMediaType 415, kInternal 500,
// kNotImplemented 501, kUnavailable 503.
int http_status(scim::ErrorKind kind);

Response error_response(const scim::Error& error);

}  // namespace fastscim::http

#endif  // FASTSCIM_HTTP_ERROR_RESPONSE_H_

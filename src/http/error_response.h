// The one place a scim::Error becomes an HTTP response, and the one place
// that knows which HTTP status each kind of error is: a SCIM Error document
// (RFC 7644 §3.12) with `status` as a string, the scimType where one
// applies, and the headers the status calls for (WWW-Authenticate on 401,
// Retry-After on 429 and 503).
//
// Thread-safety: pure functions of their arguments and the thread's
// current request id.
#ifndef FASTSCIM_HTTP_ERROR_RESPONSE_H_
#define FASTSCIM_HTTP_ERROR_RESPONSE_H_

#include <string>

#include "http/response.h"
#include "scim/error.h"

namespace fastscim::http {

// The HTTP status for an error of `kind` (RFC 7644 §3.12): kInvalid 400,
// kUnauthorized 401, kForbidden 403, kNotFound 404, kMethodNotAllowed 405,
// kUniqueness and kConflict 409, kVersionConflict 412 (VER-06),
// kPayloadTooLarge 413, kUnsupportedMediaType 415, kInternal 500,
// kNotImplemented 501, kUnavailable 503, kTooManyRequests 429 (RFC 6585 §4;
// both of the last with Retry-After).
int http_status(scim::ErrorKind kind);

// The SCIM Error document for `error`.  Inside a request (a
// RequestIdScope, request_id.h) its detail ends with " (request id: <id>)";
// Response::detail keeps the error's own detail (for the provisioning log).
Response error_response(const scim::Error& error);

// The name of an error kind on the management API: "invalid_request",
// "unauthorized", "forbidden", "not_found", "method_not_allowed",
// "conflict" (kUniqueness and kConflict), "precondition_failed",
// "payload_too_large", "unsupported_media_type", "too_many_requests",
// "internal",
// "not_implemented", "unavailable".
const char* manage_error_name(scim::ErrorKind kind);

// The management API's error (plain JSON, application/json):
// {"status": 404, "error": "not_found", "message": "<detail>"}, with the
// same status and headers error_response() gives.
Response manage_error_response(const scim::Error& error);

// 405 naming the methods the endpoint takes (`allowed`, e.g. "GET, POST")
// in its detail and in the Allow header (RFC 9110 §15.5.6): a SCIM Error,
// or the management API's error body.
Response method_not_allowed(const std::string& allowed);
Response manage_method_not_allowed(const std::string& allowed);

}  // namespace fastscim::http

#endif  // FASTSCIM_HTTP_ERROR_RESPONSE_H_

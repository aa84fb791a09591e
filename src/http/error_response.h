// The one place a scim::Error becomes an HTTP response: a SCIM Error
// document (RFC 7644 §3.12) with `status` as a string, the scimType where
// one applies, and the headers the status calls for (WWW-Authenticate on
// 401, Retry-After on 503).
//
// Thread-safety: pure function.
#ifndef FASTSCIM_HTTP_ERROR_RESPONSE_H_
#define FASTSCIM_HTTP_ERROR_RESPONSE_H_

#include "http/response.h"
#include "scim/error.h"

namespace fastscim::http {

Response error_response(const scim::Error& error);

}  // namespace fastscim::http

#endif  // FASTSCIM_HTTP_ERROR_RESPONSE_H_

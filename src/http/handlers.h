// The resource endpoints (RFC 7644 §3.2): for every resource type of the
// service's registry (Users, Groups),
//
//   /{endpoint}             GET (list), POST (create)
//   /{endpoint}/.search     POST (search)
//   /{endpoint}/{id}        GET, PUT, PATCH, DELETE
//   /.search                POST (search across resource types)
//
// HEAD is served as GET without a body.  Any other method gets 405 with an
// Allow header.  These handlers only translate: they parse the JSON body
// (a syntax error is 400 invalidSyntax naming line and column), hand the
// decoded query parameters and the If-Match / If-None-Match headers
// (parsed by preconditions.h) to scim::Service, and turn its Outcome into a
// response — Location on 201, ETag wherever the service gives a version, no
// body on 204 and 304.  All SCIM
// behaviour lives in the service.
//
// Thread-safety: as the Service passed in (one per thread).
#ifndef FASTSCIM_HTTP_HANDLERS_H_
#define FASTSCIM_HTTP_HANDLERS_H_

#include <optional>
#include <string_view>

#include "http/charge.h"
#include "http/provisioning_log.h"
#include "http/request.h"
#include "http/response.h"
#include "scim/service.h"

namespace fastscim::http {

// The response for `request` when `route` (the path below the SCIM base,
// e.g. "/Users/2819c223", not decoded) names a resource endpoint of
// `service`; nullopt when it names none, so the caller answers 404.
// `context` carries the authenticated tenant and the request's base URL.
// For a write, `record` (when given) receives the resource's id and name
// as far as the request and the outcome tell them (provisioning_log.h).
// A list or search calls `charge` (when given) with what it costs beyond
// its admission (charge.h).
std::optional<Response> handle_resource_request(scim::Service& service, const scim::Context& context,
                                                const Request& request, std::string_view route,
                                                WriteRecord* record = nullptr, const ChargeFn& charge = {});

// The resource type a write request (POST, PUT, PATCH, DELETE; not
// /.search) on `route` is addressed to, or nullptr for reads and for routes
// that name no resource endpoint of `service`.
const scim::ResourceType* written_resource_type(const scim::Service& service, const std::string& method,
                                                std::string_view route);

// Parses a request body as JSON.  Returns the value, or 400 invalidSyntax
// for an empty body or a syntax error (the detail gives line and column).
scim::Result<json::Value> parse_body(const Request& request);

// The HTTP status for an outcome: kOk 200, kCreated 201, kNoContent 204,
// kNotModified 304.
int http_status(scim::OutcomeKind kind);

// The response for a successful service call: that status, the body (none
// for 204 and 304), ETag W/"<version>" when the outcome has a version, and
// Location when it has one.
Response to_response(const scim::Outcome& outcome);

}  // namespace fastscim::http

#endif  // FASTSCIM_HTTP_HANDLERS_H_

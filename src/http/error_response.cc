#include "http/error_response.h"

#include "http/request_id.h"

namespace fastscim::http {

namespace {

void add_error_headers(const scim::Error& error, Response* response) {
  if (error.kind() == scim::ErrorKind::kUnauthorized) {
    response->set_header("WWW-Authenticate", "Bearer realm=\"fastscim\"");
  }
  bool retryable = error.kind() == scim::ErrorKind::kUnavailable || error.kind() == scim::ErrorKind::kTooManyRequests;
  if (retryable && error.retry_after_seconds() > 0) {
    response->set_header("Retry-After", std::to_string(error.retry_after_seconds()));
  }
}

}  // namespace

int http_status(scim::ErrorKind kind) {
  using scim::ErrorKind;
  switch (kind) {
    case ErrorKind::kInvalid: return 400;
    case ErrorKind::kUnauthorized: return 401;
    case ErrorKind::kForbidden: return 403;
    case ErrorKind::kNotFound: return 404;
    case ErrorKind::kMethodNotAllowed: return 405;
    case ErrorKind::kUniqueness:
    case ErrorKind::kConflict: return 409;
    case ErrorKind::kVersionConflict: return 412;
    case ErrorKind::kPayloadTooLarge: return 413;
    case ErrorKind::kUnsupportedMediaType: return 415;
    case ErrorKind::kTooManyRequests: return 429;
    case ErrorKind::kInternal: return 500;
    case ErrorKind::kNotImplemented: return 501;
    case ErrorKind::kUnavailable: return 503;
  }
  return 500;
}

Response error_response(const scim::Error& error) {
  const int status = http_status(error.kind());
  json::Value document = json::Value::object();
  json::Value schemas = json::Value::array();
  schemas.append(json::Value::string("urn:ietf:params:scim:api:messages:2.0:Error"));
  document.set("schemas", schemas);
  document.set("status", json::Value::string(std::to_string(status)));
  std::string_view keyword = scim::scim_type_keyword(error.scim_type());
  if (!keyword.empty()) document.set("scimType", json::Value::string(keyword));
  // The id matches this answer to its access-log line (request_id.h).
  const std::string& id = current_request_id();
  document.set("detail",
               json::Value::string(id.empty() ? error.detail() : error.detail() + " (request id: " + id + ")"));

  Response response = Response::json(status, document);
  response.scim_type = std::string(keyword);
  response.detail = error.detail();
  add_error_headers(error, &response);
  return response;
}

const char* manage_error_name(scim::ErrorKind kind) {
  using scim::ErrorKind;
  switch (kind) {
    case ErrorKind::kInvalid: return "invalid_request";
    case ErrorKind::kUnauthorized: return "unauthorized";
    case ErrorKind::kForbidden: return "forbidden";
    case ErrorKind::kNotFound: return "not_found";
    case ErrorKind::kMethodNotAllowed: return "method_not_allowed";
    case ErrorKind::kUniqueness:
    case ErrorKind::kConflict: return "conflict";
    case ErrorKind::kVersionConflict: return "precondition_failed";
    case ErrorKind::kPayloadTooLarge: return "payload_too_large";
    case ErrorKind::kUnsupportedMediaType: return "unsupported_media_type";
    case ErrorKind::kTooManyRequests: return "too_many_requests";
    case ErrorKind::kInternal: return "internal";
    case ErrorKind::kNotImplemented: return "not_implemented";
    case ErrorKind::kUnavailable: return "unavailable";
  }
  return "internal";
}

Response manage_error_response(const scim::Error& error) {
  const int status = http_status(error.kind());
  json::Value document = json::Value::object();
  document.set("status", json::Value::integer(status));
  document.set("error", json::Value::string(manage_error_name(error.kind())));
  document.set("message", json::Value::string(error.detail()));
  Response response = Response::plain_json(status, document);
  add_error_headers(error, &response);
  return response;
}

Response method_not_allowed(const std::string& allowed) {
  Response response = error_response(scim::Error::method_not_allowed("This endpoint supports " + allowed + " only."));
  response.set_header("Allow", allowed);
  return response;
}

Response manage_method_not_allowed(const std::string& allowed) {
  Response response = manage_error_response(
      scim::Error::method_not_allowed("This endpoint supports " + allowed + " only."));
  response.set_header("Allow", allowed);
  return response;
}

}  // namespace fastscim::http

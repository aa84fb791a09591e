#include "http/error_response.h"

namespace fastscim::http {

Response error_response(const scim::Error& error) {
  json::Value document = json::Value::object();
  json::Value schemas = json::Value::array();
  schemas.append(json::Value::string("urn:ietf:params:scim:api:messages:2.0:Error"));
  document.set("schemas", schemas);
  document.set("status", json::Value::string(std::to_string(error.status())));
  std::string_view keyword = scim::scim_type_keyword(error.scim_type());
  if (!keyword.empty()) document.set("scimType", json::Value::string(keyword));
  document.set("detail", json::Value::string(error.detail()));

  Response response = Response::json(error.status(), document);
  if (error.status() == 401) response.set_header("WWW-Authenticate", "Bearer realm=\"fastscim\"");
  if (error.status() == 503 && error.retry_after_seconds() > 0) {
    response.set_header("Retry-After", std::to_string(error.retry_after_seconds()));
  }
  return response;
}

}  // namespace fastscim::http

#include "http/request.h"

#include "util/strings.h"

namespace fastscim::http {

namespace {
std::string var(Exchange& exchange, const char* name) {
  const char* value = exchange.param(name);
  return value ? std::string(value) : std::string();
}
}  // namespace

std::optional<std::string> Request::param(std::string_view name) const {
  for (const auto& [key, value] : params) {
    if (util::iequals(key, name)) return value;
  }
  return std::nullopt;
}

scim::Result<Request> read_request(Exchange& exchange, size_t max_body_bytes) {
  Request request;
  request.method = var(exchange, "REQUEST_METHOD");
  std::string uri = var(exchange, "REQUEST_URI");
  if (uri.empty()) uri = var(exchange, "SCRIPT_NAME") + var(exchange, "PATH_INFO");
  size_t question = uri.find('?');
  request.path = uri.substr(0, question);
  request.query = var(exchange, "QUERY_STRING");
  if (request.query.empty() && question != std::string::npos) request.query = uri.substr(question + 1);
  request.authorization = var(exchange, "HTTP_AUTHORIZATION");
  request.content_type = var(exchange, "CONTENT_TYPE");
  request.if_match = var(exchange, "HTTP_IF_MATCH");
  request.if_none_match = var(exchange, "HTTP_IF_NONE_MATCH");
  request.host = var(exchange, "HTTP_HOST");
  request.server_port = var(exchange, "SERVER_PORT");
  request.user_agent = var(exchange, "HTTP_USER_AGENT");
  request.cookie = var(exchange, "HTTP_COOKIE");
  request.csrf_token = var(exchange, "HTTP_X_CSRF_TOKEN");
  std::string https = var(exchange, "HTTPS");
  request.https = util::iequals(https, "on") || https == "1";

  if (!request.query.empty()) {
    for (std::string_view pair : util::split(request.query, '&')) {
      if (pair.empty()) continue;
      size_t eq = pair.find('=');
      std::string key, value;
      // GEN-09: query values are percent-decoded, '+' read as a space.
      if (!util::percent_decode(pair.substr(0, eq), true, &key) ||
          !util::percent_decode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), true, &value)) {
        return scim::fail(scim::Error::bad_request("The query string has a malformed %-escape."));
      }
      request.params.emplace_back(std::move(key), std::move(value));
    }
  }

  long long length = 0;
  std::string length_text = var(exchange, "CONTENT_LENGTH");
  if (!length_text.empty() && (!util::parse_int(length_text, &length) || length < 0)) {
    return scim::fail(scim::Error::bad_request("Content-Length is not a number."));
  }
  if (static_cast<unsigned long long>(length) > max_body_bytes) {
    return scim::fail(scim::Error::payload_too_large("The request body has " + std::to_string(length) +
                                                     " bytes; the limit is " + std::to_string(max_body_bytes) +
                                                     " bytes."));
  }
  request.body.resize(static_cast<size_t>(length));
  size_t have = 0;
  while (have < request.body.size()) {
    long got = exchange.read(request.body.data() + have, request.body.size() - have);
    if (got <= 0) return scim::fail(scim::Error::bad_request("The request body ended early."));
    have += static_cast<size_t>(got);
  }
  return request;
}

}  // namespace fastscim::http

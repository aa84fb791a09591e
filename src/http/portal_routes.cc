#include "http/portal_routes.h"

#include "http/error_response.h"
#include "json/io.h"
#include "manage/values.h"
#include "util/strings.h"

namespace fastscim::http {

namespace {

using scim::Error;

std::string cookie_attributes(const std::string& path) {
  return "; Path=" + path + "; HttpOnly; Secure; SameSite=Strict";
}

Response no_store(Response response) {
  response.set_header("Cache-Control", "no-store");
  return response;
}

Response session_reply(int status, const manage::PortalSession& session, const std::string& tenant_url) {
  json::Value v = json::Value::object();
  v.set("tenant", json::Value::string(session.tenant));
  v.set("tenantUrl", json::Value::string(tenant_url));
  v.set("csrfToken", json::Value::string(session.csrf_token));
  v.set("expires", json::Value::string(session.expires));
  v.set("idleSeconds", json::Value::integer(session.idle_seconds));
  return no_store(Response::plain_json(status, v));
}

// The "link" member of the opening request's body.
scim::Result<std::string> read_link(const Request& request) {
  auto body = json::parse(request.body);
  if (!body || !body->is_object()) return scim::fail(Error::bad_request("The body must be {\"link\": \"fspl_…\"}."));
  auto link = body->get("link").as_string();
  if (!link) return scim::fail(Error::bad_request("\"link\" is required: the secret after #link= in the URL."));
  return std::string(*link);
}

}  // namespace

std::string portal_session_cookie(std::string_view header) {
  for (std::string_view part : util::split(header, ';')) {
    part = util::trim(part);
    auto eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == kPortalCookie) return std::string(part.substr(eq + 1));
  }
  return "";
}

Response handle_portal_request(manage::Portal& portal, const Request& request, std::string_view route,
                               const std::string& manage_base, const std::string& tenant_url) {
  if (route != "/portal/session") {
    return manage_error_response(Error::not_found("No management endpoint at " + request.path + "."));
  }
  const std::string secret = portal_session_cookie(request.cookie);
  if (request.method == "POST") {
    auto link = read_link(request);
    if (!link) return manage_error_response(link.error());
    auto opened = portal.open(*link);
    if (!opened) return no_store(manage_error_response(opened.error()));
    Response response = session_reply(201, *opened, tenant_url);
    response.set_header("Set-Cookie", std::string(kPortalCookie) + "=" + opened->secret +
                                          cookie_attributes(manage_base) +
                                          "; Max-Age=" + std::to_string(manage::Portal::kSessionSeconds));
    return response;
  }
  if (request.method == "GET" || request.method == "HEAD") {
    auto resumed = portal.resume(secret);
    if (!resumed) return no_store(manage_error_response(resumed.error()));
    return session_reply(200, *resumed, tenant_url);
  }
  if (request.method == "DELETE") {
    auto scope = portal.authenticate(secret, request.csrf_token, true);
    if (!scope) return no_store(manage_error_response(scope.error()));
    auto closed = portal.close(secret);
    if (!closed) return manage_error_response(closed.error());
    Response response;
    response.status = 204;
    response.set_header("Set-Cookie",
                        std::string(kPortalCookie) + "=" + cookie_attributes(manage_base) + "; Max-Age=0");
    return no_store(response);
  }
  return manage_method_not_allowed("GET, POST, DELETE");
}

Response issue_portal_link(manage::Portal& portal, const manage::Scope& scope, const Request& request,
                           const std::string& tenant, const std::string& origin) {
  std::optional<long long> seconds;
  if (!util::trim(request.body).empty()) {
    auto body = json::parse(request.body);
    if (!body || !body->is_object())
      return manage_error_response(Error::bad_request("The body must be a JSON object."));
    json::Value expires = body->get("expires");
    if (expires) {
      auto text = expires.as_string();
      auto parsed = text ? manage::parse_duration(*text) : std::nullopt;
      if (!parsed) {
        return manage_error_response(
            Error::bad_request("\"expires\" must be a duration such as \"30m\", \"24h\" or \"7d\"."));
      }
      seconds = *parsed;
    }
  }
  auto link = portal.issue_link(scope, tenant, seconds, origin);
  if (!link) return manage_error_response(link.error());
  json::Value v = json::Value::object();
  v.set("tenant", json::Value::string(link->tenant));
  v.set("url", json::Value::string(link->url));
  v.set("prefix", json::Value::string(link->prefix));
  v.set("expires", json::Value::string(link->expires));
  return no_store(Response::plain_json(201, v));
}

}  // namespace fastscim::http

#include "http/manage_router.h"

#include <ctime>
#include <utility>
#include <vector>

#include "http/error_response.h"
#include "http/policy_routes.h"
#include "http/portal_routes.h"
#include "json/io.h"
#include "manage/representation.h"
#include "manage/requests.h"
#include "scim/query_params.h"
#include "util/strings.h"

namespace fastscim::http {

namespace {

using scim::Error;

Response error_reply(const Error& error) { return manage_error_response(error); }

Response no_content() {
  Response response;
  response.status = 204;
  return response;
}

// The body as JSON; an empty body is absent when `optional`, else 400.
scim::Result<json::Value> read_body(const Request& request, bool optional) {
  if (util::trim(request.body).empty()) {
    if (optional) return json::Value();
    return scim::fail(Error::bad_request("The request body is empty; a JSON object was expected."));
  }
  auto parsed = json::parse(request.body);
  if (!parsed) {
    const json::ParseError& e = parsed.error();
    return scim::fail(Error::bad_request("The request body is not valid JSON: line " + std::to_string(e.line) +
                                         ", column " + std::to_string(e.column) + ": " + e.text));
  }
  return std::move(parsed.value());
}

bool is_json(std::string_view content_type) {
  std::string_view type = util::trim(content_type.substr(0, content_type.find(';')));
  return util::iequals(type, "application/json");
}

// Scim-side outcomes (users, groups) as plain JSON: the same document.
Response from_outcome(const scim::Result<scim::Outcome>& outcome) {
  if (!outcome) return error_reply(outcome.error());
  return Response::plain_json(200, outcome->body);
}

class Router {
 public:
  Router(manage::Api& api, const Request& request, const manage::Scope& scope, const std::string& scim_base_url,
         manage::Portal* portal)
      : api_(api), request_(request), scope_(scope), scim_base_url_(scim_base_url), portal_(portal) {}

  Response route(const std::vector<std::string>& s) {
    if (s.size() == 1 && s[0] == "tenants") return tenants();
    if (s.size() < 2 || s[0] != "tenants") return not_found();
    const std::string& tenant = s[1];
    if (s.size() == 2) return one_tenant(tenant);
    const std::string& what = s[2];
    if (s.size() == 3 && what == "settings") return settings(tenant);
    if (s.size() == 3 && what == "tokens") return tokens(tenant);
    if (s.size() == 4 && what == "tokens") {
      if (method() != "DELETE") return manage_method_not_allowed("DELETE");
      auto revoked = api_.revoke_token(scope_, tenant, s[3]);
      return revoked ? no_content() : error_reply(revoked.error());
    }
    if (s.size() == 5 && what == "tokens" && s[4] == "rotate") return rotate(tenant, s[3]);
    if (s.size() == 3 && what == "seats") {
      if (!is_get()) return manage_method_not_allowed("GET");
      auto seats = api_.seats(scope_, tenant, param("from"), param("to"));
      return seats ? Response::plain_json(200, manage::to_json(*seats)) : error_reply(seats.error());
    }
    if (s.size() == 3 && what == "events") {
      if (!is_get()) return manage_method_not_allowed("GET");
      auto page = api_.events(scope_, tenant, param("after"), param("limit"), param("wait"));
      if (!page) return error_reply(page.error());
      auto body = manage::to_json(*page);
      return body ? Response::plain_json(200, *body) : error_reply(body.error());
    }
    if (what == "webhooks") return webhooks(tenant, s);
    if (s.size() == 3 && what == "log") return log(tenant);
    if (s.size() == 3 && what == "schemas") {
      if (!is_get()) return manage_method_not_allowed("GET");
      auto schemas = api_.schemas(scope_, tenant, scim_base_url_);
      return schemas ? Response::plain_json(200, *schemas) : error_reply(schemas.error());
    }
    if (s.size() == 3 && what == "portal-links" && portal_ != nullptr) {
      if (method() != "POST") return manage_method_not_allowed("POST");
      return issue_portal_link(*portal_, scope_, request_, tenant, manage::url_origin(scim_base_url_));
    }
    if (what == "users" && s.size() == 3 && method() == "POST") return import_user(tenant);
    if ((what == "users" || what == "groups") && (s.size() == 3 || s.size() == 4)) {
      if (!is_get()) return manage_method_not_allowed(what == "users" && s.size() == 3 ? "GET, POST" : "GET");
      const char* endpoint = what == "users" ? "Users" : "Groups";
      if (s.size() == 3) {
        return from_outcome(api_.list_resources(scope_, tenant, endpoint, request_.params, scim_base_url_));
      }
      return from_outcome(api_.get_resource(scope_, tenant, endpoint, s[3], request_.params, scim_base_url_));
    }
    return not_found();
  }

 private:
  const std::string& method() const { return request_.method; }
  std::string param(const char* name) const { return scim::find_param(request_.params, name).value_or(""); }
  bool is_get() const { return method() == "GET" || method() == "HEAD"; }
  Response not_found() const {
    return error_reply(Error::not_found("No management endpoint at " + request_.path + "."));
  }

  // One of the product's existing accounts, locally owned (doc/policies.md).
  Response import_user(const std::string& tenant) {
    auto body = read_body(request_, false);
    if (!body) return error_reply(body.error());
    auto created = api_.create_local_user(scope_, tenant, *body, scim_base_url_);
    if (!created) return error_reply(created.error());
    return Response::plain_json(201, created->body);
  }

  Response tenants() {
    if (is_get()) {
      auto list = api_.list_tenants(scope_);
      return list ? Response::plain_json(200, manage::to_json_array(*list)) : error_reply(list.error());
    }
    if (method() != "POST") return manage_method_not_allowed("GET, POST");
    auto body = read_body(request_, false);
    if (!body) return error_reply(body.error());
    auto name = manage::read_tenant_create(*body);
    if (!name) return error_reply(name.error());
    auto created = api_.create_tenant(scope_, *name);
    if (!created) return error_reply(created.error());
    Response response = Response::plain_json(201, manage::to_json(*created));
    return response;
  }

  Response one_tenant(const std::string& tenant) {
    if (is_get()) {
      auto found = api_.tenant(scope_, tenant);
      if (!found) return error_reply(found.error());
      auto settings = api_.settings(scope_, tenant);
      if (!settings) return error_reply(settings.error());
      json::Value v = manage::to_json(*found);
      v.set("settings", manage::to_json(*settings));
      return Response::plain_json(200, v);
    }
    if (method() != "DELETE") return manage_method_not_allowed("GET, DELETE");
    auto deleted = api_.delete_tenant(scope_, tenant);
    return deleted ? no_content() : error_reply(deleted.error());
  }

  Response settings(const std::string& tenant) {
    if (is_get()) {
      auto read = api_.settings(scope_, tenant);
      return read ? Response::plain_json(200, manage::to_json(*read)) : error_reply(read.error());
    }
    if (method() != "PATCH") return manage_method_not_allowed("GET, PATCH");
    auto body = read_body(request_, false);
    if (!body) return error_reply(body.error());
    auto changes = manage::read_settings_patch(*body);
    if (!changes) return error_reply(changes.error());
    auto changed = api_.change_settings(scope_, tenant, *changes);
    return changed ? Response::plain_json(200, manage::to_json(*changed)) : error_reply(changed.error());
  }

  Response tokens(const std::string& tenant) {
    if (is_get()) {
      auto list = api_.list_tokens(scope_, tenant);
      return list ? Response::plain_json(200, manage::to_json_array(*list)) : error_reply(list.error());
    }
    if (method() != "POST") return manage_method_not_allowed("GET, POST");
    auto body = read_body(request_, true);
    if (!body) return error_reply(body.error());
    json::Value object = *body ? *body : json::Value::object();
    auto issue = manage::read_token_issue(object, static_cast<long long>(std::time(nullptr)));
    if (!issue) return error_reply(issue.error());
    auto issued = api_.issue_token(scope_, tenant, issue->name, issue->expires_at);
    if (!issued) return error_reply(issued.error());
    Response response = Response::plain_json(201, manage::to_json(*issued, false));
    response.set_header("Cache-Control", "no-store");  // it carries a secret
    return response;
  }

  Response rotate(const std::string& tenant, const std::string& name) {
    if (method() != "POST") return manage_method_not_allowed("POST");
    auto body = read_body(request_, true);
    if (!body) return error_reply(body.error());
    auto overlap = manage::read_rotation(*body);
    if (!overlap) return error_reply(overlap.error());
    auto issued = api_.rotate_token(scope_, tenant, name, *overlap);
    if (!issued) return error_reply(issued.error());
    Response response = Response::plain_json(201, manage::to_json(*issued, false));
    response.set_header("Cache-Control", "no-store");
    return response;
  }

  // /tenants/{t}/webhooks[/{id}[/enable|disable|rotate-secret|redeliver|deliveries]]
  Response webhooks(const std::string& tenant, const std::vector<std::string>& s) {
    if (s.size() == 3) {
      if (is_get()) {
        auto list = api_.list_webhooks(scope_, tenant);
        return list ? Response::plain_json(200, manage::to_json_array(*list)) : error_reply(list.error());
      }
      if (method() != "POST") return manage_method_not_allowed("GET, POST");
      auto body = read_body(request_, false);
      if (!body) return error_reply(body.error());
      auto add = manage::read_webhook_add(*body);
      if (!add) return error_reply(add.error());
      return secret_reply(201, api_.add_webhook(scope_, tenant, add->url, add->from));
    }
    const std::string& id = s[3];
    if (s.size() == 4) {
      if (is_get()) return endpoint_reply(api_.webhook(scope_, tenant, id));
      if (method() != "DELETE") return manage_method_not_allowed("GET, DELETE");
      auto removed = api_.remove_webhook(scope_, tenant, id);
      return removed ? no_content() : error_reply(removed.error());
    }
    if (s.size() != 5) return not_found();
    const std::string& action = s[4];
    if (action == "deliveries") {
      if (!is_get()) return manage_method_not_allowed("GET");
      auto page = api_.webhook_deliveries(scope_, tenant, id, param("before"), param("limit"));
      return page ? Response::plain_json(200, manage::to_json(*page)) : error_reply(page.error());
    }
    if (action != "enable" && action != "disable" && action != "rotate-secret" && action != "redeliver") {
      return not_found();
    }
    if (method() != "POST") return manage_method_not_allowed("POST");
    if (action == "rotate-secret") return secret_reply(200, api_.rotate_webhook_secret(scope_, tenant, id));
    if (action == "redeliver") {
      auto body = read_body(request_, false);
      if (!body) return error_reply(body.error());
      auto from = manage::read_redeliver(*body);
      if (!from) return error_reply(from.error());
      return endpoint_reply(api_.redeliver_webhook(scope_, tenant, id, *from));
    }
    return endpoint_reply(api_.enable_webhook(scope_, tenant, id, action == "enable"));
  }

  static Response endpoint_reply(const scim::Result<manage::Webhook>& endpoint) {
    return endpoint ? Response::plain_json(200, manage::to_json(*endpoint)) : error_reply(endpoint.error());
  }

  static Response secret_reply(int status, const scim::Result<manage::WebhookSecret>& added) {
    if (!added) return error_reply(added.error());
    Response response = Response::plain_json(status, manage::to_json(*added));
    response.set_header("Cache-Control", "no-store");  // it carries the signing secret
    return response;
  }

  Response log(const std::string& tenant) {
    if (!is_get()) return manage_method_not_allowed("GET");
    manage::LogFilter filter{param("since"),  param("until"),  param("outcome"),
                             param("status"), param("before"), param("limit")};
    auto query = manage::read_log_filter(filter);
    if (!query) return error_reply(query.error());
    auto page = api_.provisioning_log(scope_, tenant, *query);
    return page ? Response::plain_json(200, manage::to_json(*page)) : error_reply(page.error());
  }

  manage::Api& api_;
  const Request& request_;
  const manage::Scope& scope_;
  const std::string& scim_base_url_;
  manage::Portal* portal_;
};

}  // namespace

Response handle_manage_request(manage::Api& api, const ManageOptions& options, const Request& request,
                               std::string_view route, const std::string& scim_base_url, std::string* caller,
                               manage::Portal* portal) {
  while (util::ends_with(route, "/") && route.size() > 1) route.remove_suffix(1);
  if (route == "/openapi.json") {
    if (request.method != "GET" && request.method != "HEAD") return manage_method_not_allowed("GET");
    if (options.openapi.empty()) return error_reply(Error::not_found("The OpenAPI description is not installed."));
    Response response;
    response.status = 200;
    response.set_header("Content-Type", kJsonContentType);
    response.body = options.openapi;
    return response;
  }

  if (portal != nullptr && util::starts_with(route, "/portal/")) {
    *caller = "portal";
    if (!request.body.empty() && !is_json(request.content_type)) {
      return error_reply(Error::unsupported_media_type("Request bodies must be application/json."));
    }
    return handle_portal_request(*portal, request, route, options.base_path, scim_base_url);
  }
  // A browser of the setup portal sends its session cookie and no API key.
  const std::string session = portal != nullptr && util::trim(request.authorization).empty()
                                  ? portal_session_cookie(request.cookie)
                                  : std::string();
  auto scope = session.empty() ? api.authenticate(request.authorization)
                               : portal->authenticate(session, request.csrf_token,
                                                      request.method != "GET" && request.method != "HEAD");
  if (!scope) return error_reply(scope.error());
  *caller = session.empty() ? "key:" + scope->key_name : "portal";

  if (!request.body.empty() && !is_json(request.content_type)) {
    return error_reply(Error::unsupported_media_type("Request bodies must be application/json, not \"" +
                                                     request.content_type + "\"."));
  }
  std::vector<std::string> segments;
  if (!route.empty() && route.front() == '/') route.remove_prefix(1);
  for (std::string_view part : util::split(route, '/')) {
    std::string decoded;
    if (part.empty() || !util::percent_decode(part, false, &decoded)) {
      return error_reply(Error::not_found("No management endpoint at " + request.path + "."));
    }
    segments.push_back(std::move(decoded));
  }
  if (auto policy = route_policies(api, request, *scope, segments, scim_base_url)) return std::move(*policy);
  return Router(api, request, *scope, scim_base_url, portal).route(segments);
}

}  // namespace fastscim::http

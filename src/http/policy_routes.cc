#include "http/policy_routes.h"

#include <utility>

#include "http/error_response.h"
#include "json/io.h"
#include "manage/policy_json.h"
#include "util/strings.h"

namespace fastscim::http {

namespace {

using scim::Error;

Response json_reply(int status, const scim::Result<json::Value>& body) {
  if (!body) return manage_error_response(body.error());
  return Response::plain_json(status, *body);
}

scim::Result<json::Value> body_of(const Request& request) {
  if (util::trim(request.body).empty()) {
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

Response templates(manage::Api& api, const Request& request, const manage::Scope& scope, const std::string& tenant) {
  if (request.method == "GET" || request.method == "HEAD") {
    auto rows = api.list_templates(scope, tenant);
    if (!rows) return manage_error_response(rows.error());
    json::Value list = json::Value::array();
    for (const auto& row : *rows) list.append(manage::to_json(row));
    return Response::plain_json(200, list);
  }
  if (request.method != "POST") return manage_method_not_allowed("GET, POST");
  auto body = body_of(request);
  if (!body) return manage_error_response(body.error());
  auto wanted = manage::read_template_request(*body);
  if (!wanted) return manage_error_response(wanted.error());
  auto added = api.add_template(scope, tenant, wanted->name, wanted->when, wanted->values, wanted->position);
  if (!added) return manage_error_response(added.error());
  return Response::plain_json(201, manage::to_json(*added));
}

// A list of held changes: those held, or those just decided.
Response held_list(const scim::Result<std::vector<manage::HeldChange>>& holds) {
  if (!holds) return manage_error_response(holds.error());
  json::Value list = json::Value::array();
  for (const auto& hold : *holds) list.append(manage::to_json(hold));
  return Response::plain_json(200, list);
}

}  // namespace

std::optional<Response> route_policies(manage::Api& api, const Request& request, const manage::Scope& scope,
                                       const std::vector<std::string>& s, const std::string& scim_base_url) {
  if (s.size() < 3 || s[0] != "tenants") return std::nullopt;
  const std::string& tenant = s[1];
  if (s[2] == "templates" && s.size() == 3) return templates(api, request, scope, tenant);
  if (s[2] == "templates" && s.size() == 4) {
    if (request.method != "DELETE") return manage_method_not_allowed("DELETE");
    auto removed = api.remove_template(scope, tenant, s[3]);
    if (!removed) return manage_error_response(removed.error());
    Response response;
    response.status = 204;
    return response;
  }
  if (s[2] == "deleted-users" && s.size() == 3) {
    if (request.method != "GET" && request.method != "HEAD") return manage_method_not_allowed("GET");
    auto users = api.deleted_users(scope, tenant);
    if (!users) return manage_error_response(users.error());
    json::Value list = json::Value::array();
    for (const auto& user : *users) list.append(manage::to_json(user));
    return Response::plain_json(200, list);
  }
  if (s[2] == "deleted-users" && s.size() == 5 && s[4] == "restore") {
    if (request.method != "POST") return manage_method_not_allowed("POST");
    return json_reply(200, api.restore_user(scope, tenant, s[3], scim_base_url));
  }
  if (s[2] == "held" && s.size() == 3) {
    if (request.method != "GET" && request.method != "HEAD") return manage_method_not_allowed("GET");
    return held_list(api.held_changes(scope, tenant));
  }
  if (s[2] == "held" && s.size() == 4 && (s[3] == "approve" || s[3] == "reject")) {
    if (request.method != "POST") return manage_method_not_allowed("POST");
    auto body = body_of(request);
    if (!body) return manage_error_response(body.error());
    auto ids = manage::read_held_decision(*body);
    if (!ids) return manage_error_response(ids.error());
    return held_list(api.decide_held(scope, tenant, *ids, s[3] == "approve"));
  }
  if (s[2] != "users") return std::nullopt;
  if (s.size() == 4 && (request.method == "GET" || request.method == "HEAD")) {
    return json_reply(200, api.effective_user(scope, tenant, s[3], scim_base_url));
  }
  if (s.size() == 6 && s[4] == "overrides") {
    if (request.method == "PUT") {
      auto body = body_of(request);
      if (!body) return manage_error_response(body.error());
      return json_reply(200, api.change_override(scope, tenant, s[3], s[5], *body, scim_base_url));
    }
    if (request.method == "DELETE") {
      return json_reply(200, api.change_override(scope, tenant, s[3], s[5], std::nullopt, scim_base_url));
    }
    return manage_method_not_allowed("PUT, DELETE");
  }
  return std::nullopt;
}

}  // namespace fastscim::http

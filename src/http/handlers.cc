#include "http/handlers.h"

#include <string>
#include <vector>

#include "http/error_response.h"
#include "http/preconditions.h"
#include "json/io.h"
#include "util/strings.h"

namespace fastscim::http {

namespace {

using scim::Error;

Response respond(const scim::Result<scim::Outcome>& result) {
  return result ? to_response(result.value()) : error_response(result.error());
}

// A list or search answer, charged for the resources it returns (GET-08).
Response respond_listing(const scim::Result<scim::Outcome>& listed, const ChargeFn& charge) {
  if (listed && charge) {
    if (long long further = listing_charge(listed.value()); further > 0) charge(further);
  }
  return respond(listed);
}

// What the provisioning log names a resource by: userName, else displayName.
std::string name_of(const json::Value& document) {
  for (const char* key : {"userName", "displayName"}) {
    if (auto name = document.get(key).as_string()) return std::string(*name);
  }
  return "";
}

std::vector<std::string_view> route_segments(std::string_view route) {
  if (!route.empty() && route.front() == '/') route.remove_prefix(1);
  return util::split(route, '/');
}

}  // namespace

const scim::ResourceType* written_resource_type(const scim::Service& service, const std::string& method,
                                                std::string_view route) {
  if (method != "POST" && method != "PUT" && method != "PATCH" && method != "DELETE") return nullptr;
  std::vector<std::string_view> segments = route_segments(route);
  if (segments.empty() || segments.size() > 2 || segments[0].empty()) return nullptr;
  if (segments.size() == 2 && (segments[1] == ".search" || method == "POST")) return nullptr;
  if (segments.size() == 1 && method != "POST") return nullptr;
  return service.find_resource_type(segments[0]);
}

scim::Result<json::Value> parse_body(const Request& request) {
  if (util::trim(request.body).empty()) {
    return scim::fail(Error::invalid_syntax("The request body is empty; a JSON object was expected."));
  }
  auto parsed = json::parse(request.body);
  if (!parsed) {
    const json::ParseError& e = parsed.error();
    return scim::fail(Error::invalid_syntax("The request body is not valid JSON: line " + std::to_string(e.line) +
                                            ", column " + std::to_string(e.column) + ": " + e.text));
  }
  return std::move(parsed.value());
}

int http_status(scim::OutcomeKind kind) {
  switch (kind) {
    case scim::OutcomeKind::kOk: return 200;
    case scim::OutcomeKind::kCreated: return 201;
    case scim::OutcomeKind::kNoContent: return 204;
    case scim::OutcomeKind::kNotModified: return 304;
  }
  return 200;
}

Response to_response(const scim::Outcome& outcome) {
  const int status = http_status(outcome.kind);
  Response response;
  if (outcome.body) {
    response = Response::json(status, outcome.body);
  } else {
    response.status = status;
  }
  // The ETag is the resource's meta.version (RES-10, VER-03).
  if (outcome.version) response.set_header("ETag", scim::etag_for_version(*outcome.version));
  if (!outcome.location.empty()) response.set_header("Location", outcome.location);
  return response;
}

std::optional<Response> handle_resource_request(scim::Service& service, const scim::Context& context,
                                                const Request& request, std::string_view route, WriteRecord* record,
                                                const ChargeFn& charge) {
  std::vector<std::string_view> segments = route_segments(route);
  if (segments.empty() || segments.size() > 2 || segments[0].empty()) return std::nullopt;
  if (segments.size() == 1 && segments[0] == ".search") {  // SRCH-01 at the root, across types
    if (request.method != "POST") return method_not_allowed("POST");
    auto body = parse_body(request);
    if (!body) return error_response(body.error());
    return respond_listing(service.search_root(context, body.value()), charge);
  }
  const scim::ResourceType* type = service.find_resource_type(segments[0]);
  if (type == nullptr) return std::nullopt;
  const std::string& method = request.method;
  const bool get = method == "GET" || method == "HEAD";

  if (segments.size() == 1) {
    if (get) return respond_listing(service.list(context, *type, request.params), charge);
    if (method == "POST") {
      auto body = parse_body(request);
      if (!body) return error_response(body.error());
      if (record != nullptr) record->name = name_of(body.value());
      auto created = service.create(context, *type, body.value(), request.params);
      if (record != nullptr && created && created->body) {
        record->resource_id = std::string(created->body.get("id").as_string().value_or(""));
      }
      return respond(created);
    }
    return method_not_allowed("GET, POST");
  }

  if (segments[1] == ".search") {  // SRCH-01: a query, never a create
    if (method != "POST") return method_not_allowed("POST");
    auto body = parse_body(request);
    if (!body) return error_response(body.error());
    return respond_listing(service.search(context, *type, body.value()), charge);
  }

  std::string id;
  if (segments[1].empty() || !util::percent_decode(segments[1], false, &id)) return std::nullopt;
  if (get) return respond(service.get(context, *type, id, request.params, preconditions_of(request)));
  if (record != nullptr) record->resource_id = id;
  if (method == "DELETE") return respond(service.remove(context, *type, id, preconditions_of(request)));
  if (method == "PUT" || method == "PATCH") {
    auto body = parse_body(request);
    if (!body) return error_response(body.error());
    if (method == "PUT") {
      if (record != nullptr) record->name = name_of(body.value());
      return respond(service.replace(context, *type, id, body.value(), request.params, preconditions_of(request)));
    }
    auto patched = service.patch(context, *type, id, body.value(), request.params, preconditions_of(request));
    if (record != nullptr && patched) record->name = patched->name;
    return respond(patched);
  }
  return method_not_allowed("GET, PUT, PATCH, DELETE");
}

}  // namespace fastscim::http

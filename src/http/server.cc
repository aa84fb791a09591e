#include "http/server.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "http/bulk_handler.h"
#include "http/error_response.h"
#include "http/handlers.h"
#include "http/request_id.h"
#include "scim/discovery.h"
#include "util/log.h"
#include "util/metrics.h"
#include "util/strings.h"

namespace fastscim::http {

namespace {

using scim::Error;

bool is_json_media_type(std::string_view content_type) {
  // GEN-06: application/scim+json and application/json, any parameters.
  std::string_view type = util::trim(content_type.substr(0, content_type.find(';')));
  return util::iequals(type, "application/scim+json") || util::iequals(type, "application/json");
}

Error auth_error(auth::AuthFailure failure) {
  switch (failure) {
    case auth::AuthFailure::kMissing:
      return Error::unauthorized("Authentication required: send \"Authorization: Bearer <token>\".");
    case auth::AuthFailure::kMalformed:
      return Error::unauthorized("The Authorization header must be \"Bearer <token>\".");
    case auth::AuthFailure::kRejected:
      return Error::unauthorized("The bearer token is not valid (unknown, revoked or expired).");
    case auth::AuthFailure::kUnavailable: return Error::unavailable("The database is unavailable; retry later.", 5);
    case auth::AuthFailure::kInternal: return Error::internal("An internal error occurred.");
  }
  return Error::unauthorized("Authentication failed.");
}

// The `resource` label of a request's metrics: the first segment after the
// base path, from a fixed list (never the client's text).
util::metrics::Resource resource_of(std::string_view route) {
  using util::metrics::Resource;
  std::string_view first = route.substr(0, route.find('/', 1));
  if (first == "/Users") return Resource::kUsers;
  if (first == "/Groups") return Resource::kGroups;
  if (first == "/Schemas") return Resource::kSchemas;
  if (first == "/ResourceTypes") return Resource::kResourceTypes;
  if (first == "/ServiceProviderConfig" || first == "/serviceConfiguration") return Resource::kServiceProviderConfig;
  if (first == "/Bulk") return Resource::kBulk;
  if (first == "/.search") return Resource::kSearch;
  if (first == "/health") return Resource::kHealth;
  return Resource::kOther;
}

}  // namespace

Server::Server(ServerOptions options, Backend backend) : options_(std::move(options)), backend_(std::move(backend)) {
  while (util::ends_with(options_.base_path, "/")) options_.base_path.pop_back();
  while (util::ends_with(options_.public_url, "/")) options_.public_url.pop_back();
  while (util::ends_with(options_.manage.base_path, "/")) options_.manage.base_path.pop_back();
  if (backend_.service != nullptr) {
    // DSC-06: advertise exactly what the service implements.
    scim::Capabilities& caps = options_.capabilities;
    caps.patch = caps.filter = caps.sort = caps.etag = caps.change_password = caps.cursor_paging = true;
    caps.max_results = static_cast<int>(backend_.service->config().max_page_size);
    caps.default_page_size = static_cast<int>(backend_.service->config().default_page_size);
    caps.bulk = true;  // BLK-01
    caps.bulk_max_operations = options_.bulk.max_operations;
    caps.bulk_max_payload = options_.bulk.max_payload_bytes;
  }
}

bool Server::is_manage_path(std::string_view path) const {
  const std::string& base = options_.manage.base_path;
  return backend_.manage != nullptr && !base.empty() && util::starts_with(path, base) &&
         (path.size() == base.size() || path[base.size()] == '/');
}

std::string Server::base_url(const Request& request) const {
  if (!options_.public_url.empty()) return options_.public_url;
  std::string host = request.host.empty() ? "localhost" : request.host;
  // Debian's fastcgi_params passes nginx's $host, which drops the port; put
  // it back from SERVER_PORT unless it is the scheme's default.
  bool has_port = host.find(':', host.rfind(']') == std::string::npos ? 0 : host.rfind(']')) != std::string::npos;
  const char* default_port = request.https ? "443" : "80";
  if (!has_port && !request.server_port.empty() && request.server_port != default_port) {
    host += ":" + request.server_port;
  }
  return (request.https ? "https://" : "http://") + host + options_.base_path;
}

std::optional<Response> Server::discovery(const scim::SchemaRegistry& registry, const Request& request,
                                          std::string_view route) const {
  std::string_view rest;
  bool schemas = false;
  if (util::starts_with(route, "/Schemas")) {
    schemas = true;
    rest = route.substr(8);
  } else if (util::starts_with(route, "/ResourceTypes")) {
    rest = route.substr(14);
  } else {
    return std::nullopt;
  }
  if (!rest.empty() && rest.front() != '/') return std::nullopt;
  if (request.method != "GET" && request.method != "HEAD") return method_not_allowed("GET");
  // DSC-12: these endpoints take no filter.
  if (request.param("filter")) {
    return error_response(Error::forbidden("Discovery endpoints do not support filtering."));
  }
  std::string base = base_url(request);
  if (rest.empty() || rest == "/") {
    return Response::json(200,
                          schemas ? scim::list_schemas(registry, base) : scim::list_resource_types(registry, base));
  }
  std::string name;
  if (!util::percent_decode(rest.substr(1), false, &name)) return std::nullopt;
  auto one = schemas ? scim::get_schema(registry, base, name) : scim::get_resource_type(registry, base, name);
  if (!one) return error_response(one.error());
  return Response::json(200, one.value());
}

bool Server::is_metrics_path(std::string_view path) const {
  return !options_.metrics_path.empty() && path == options_.metrics_path;
}

util::metrics::Resource Server::resource_of_path(std::string_view path) const {
  using util::metrics::Resource;
  if (is_metrics_path(path)) return Resource::kMetrics;
  if (is_manage_path(path)) return Resource::kManage;
  const std::string& base = options_.base_path;
  if (!util::starts_with(path, base)) return Resource::kOther;
  return resource_of(path.substr(base.size()));
}

Response Server::metrics(const Request& request) const {
  if (request.method != "GET" && request.method != "HEAD") return method_not_allowed("GET, HEAD");
  util::metrics::Extra extra;
  if (backend_.event_backlog) {
    if (std::optional<long long> backlog = backend_.event_backlog()) {
      extra.has_event_backlog = true;
      extra.event_backlog = *backlog;
    }
  }
  Response response;
  response.set_header("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
  response.set_header("Cache-Control", "no-store");
  response.body = util::metrics::exposition(extra);
  return response;
}

Response Server::handle(const Request& request, std::string* tenant) {
  // Outside the SCIM base path and with no tenant token: the web server's
  // configuration admits only loopback or an allow-list (doc/metrics.md).
  if (is_metrics_path(request.path)) return metrics(request);
  const std::string& manage_base = options_.manage.base_path;
  if (is_manage_path(request.path)) {
    return handle_manage_request(*backend_.manage, options_.manage, request,
                                 std::string_view(request.path).substr(manage_base.size()), base_url(request), tenant,
                                 backend_.portal);
  }
  const std::string& base = options_.base_path;
  if (!util::starts_with(request.path, base) ||
      (request.path.size() > base.size() && request.path[base.size()] != '/')) {
    return error_response(Error::not_found("No SCIM endpoint at " + request.path + "; the base path is " + base + "."));
  }
  std::string_view route = std::string_view(request.path).substr(base.size());
  while (util::ends_with(route, "/") && route.size() > 1) route.remove_suffix(1);

  if (route == "/health") {
    if (request.method != "GET" && request.method != "HEAD") return method_not_allowed("GET, HEAD");
    bool ok = backend_.database_ok && backend_.database_ok();
    json::Value status = json::Value::object();
    status.set("status", json::Value::string(ok ? "ok" : "unavailable"));
    status.set("database", json::Value::string(ok ? "ok" : "unreachable"));
    // Its position in db_host, not its address: /health needs no token.
    if (int endpoint = backend_.database_endpoint ? backend_.database_endpoint() : 0; endpoint > 0) {
      status.set("databaseEndpoint", json::Value::integer(endpoint));
    }
    Response response = Response::json(ok ? 200 : 503, status);
    response.set_header("Cache-Control", "no-store");
    if (!ok) response.set_header("Retry-After", "5");
    return response;
  }

  auto principal = backend_.authenticator->authenticate(request.authorization);
  if (!principal) return error_response(auth_error(principal.error()));
  *tenant = principal->tenant_name;
  util::metrics::record_tenant(principal->tenant_id, principal->tenant_name);
  // Held until the response is decided: it counts against the tenant's cap.
  Limiter::Ticket ticket;
  if (backend_.limiter != nullptr) {
    const auth::TenantLimitSettings& own = principal->limits;
    auto admitted = backend_.limiter->admit(principal->tenant_id, {own.per_minute, own.burst, own.max_concurrent});
    if (!admitted) {
      util::metrics::add(util::metrics::Counter::kThrottled);
      return error_response(admitted.error());
    }
    ticket = std::move(admitted.value());
  }

  WriteRecord record;
  if (backend_.provisioning_log != nullptr && backend_.service != nullptr) {
    // The built-in resource types; a tenant's own Service has the same ones.
    if (const scim::ResourceType* type = written_resource_type(*backend_.service, request.method, route)) {
      record.resource_type = type->name;
    }
  }
  if (!record.resource_type.empty()) {
    record.written.method = request.method;
    record.written.user_agent = request.user_agent;
    record.written.status_of = [](scim::OutcomeKind kind) { return http_status(kind); };
  }
  Response response = handle_authenticated(request, route, *principal, &record);
  // A write that committed logged itself; anything else (a refusal, a
  // no-op, an answer that differs from what was logged) is logged here.
  if (!record.resource_type.empty() && !(record.written.recorded && record.written.status == response.status)) {
    record.tenant_id = principal->tenant_id;
    log_write(request, response, &record);
  }
  return response;
}

void Server::log_write(const Request& request, const Response& response, WriteRecord* record) const {
  record->method = request.method;
  record->status = response.status;
  record->scim_type = response.scim_type;
  record->detail = response.detail;
  record->user_agent = request.user_agent;
  auto stored = backend_.provisioning_log->record(*record);
  if (!stored) {
    util::log::warn("provisioning log: could not record " + record->method + " " + record->resource_type + ": " +
                    stored.error().detail());
  }
}

Response Server::handle_authenticated(const Request& request, std::string_view route, const auth::Principal& principal,
                                      WriteRecord* record) {
  // Read with the token: switching provisioning off costs the hot path no
  // query.  Refused writes are still recorded in the provisioning log.
  if (!principal.provisioning) {
    return error_response(Error::forbidden("Provisioning is switched off for tenant \"" + principal.tenant_name +
                                           "\"; the token stays valid for when it is switched on again."));
  }
  if (!request.body.empty() && !is_json_media_type(request.content_type)) {
    return error_response(Error::unsupported_media_type(
        "Request bodies must be application/scim+json or application/json, not \"" + request.content_type + "\"."));
  }

  if (route == "/ServiceProviderConfig") {
    if (request.method != "GET") return method_not_allowed("GET");
    return Response::json(
        200, scim::service_provider_config(options_.capabilities, base_url(request) + "/ServiceProviderConfig"));
  }
  if (route == "/Me" || util::starts_with(route, "/Me/")) {
    // ME-02 (RFC 7644 §3.11): the caller is an identity provider's token,
    // never a user, so there is no resource for /Me to alias.
    return error_response(
        Error::not_implemented("/Me is not implemented: the bearer token is an identity provider's provisioning "
                               "token, not a user, so there is no \"me\" resource to alias (RFC 7644 §3.11)."));
  }
  scim::Service* service = backend_.service;
  if (backend_.tenant_service) {
    auto tenant_service = backend_.tenant_service(principal);
    if (!tenant_service) return error_response(tenant_service.error());
    service = tenant_service.value();
  }
  if (service != nullptr) {
    if (route == "/serviceConfiguration" && service->config().dialect == scim::Dialect::kLenient) {
      // DIA-03: Microsoft's reference server's name for the endpoint.
      if (request.method != "GET") return method_not_allowed("GET");
      return Response::json(
          200, scim::service_provider_config(options_.capabilities, base_url(request) + "/ServiceProviderConfig"));
    }
    if (auto response = discovery(service->registry(), request, route)) return *response;
    scim::Context context{principal.tenant_id, base_url(request)};
    if (!record->resource_type.empty()) context.log = &record->written;
    ChargeFn charge;
    if (backend_.limiter != nullptr) {
      charge = [this, &principal](long long further_requests) {
        const auth::TenantLimitSettings& own = principal.limits;
        backend_.limiter->charge(principal.tenant_id, {own.per_minute, own.burst, own.max_concurrent},
                                 further_requests);
      };
    }
    if (route == "/Bulk") {
      return handle_bulk(*service, context, request, options_.bulk, backend_.provisioning_log, charge);
    }
    if (auto response = handle_resource_request(*service, context, request, route, record, charge)) {
      return *response;
    }
  }
  return error_response(Error::not_found("No SCIM endpoint at " + request.path + "."));
}

size_t Server::body_limit(Exchange& exchange) const {
  // /Bulk has its own limit (bulk_max_payload_bytes, BLK-10); everything
  // else max_body_bytes.
  const char* uri = exchange.param("REQUEST_URI");
  if (uri == nullptr) return options_.max_body_bytes;
  std::string_view path(uri);
  path = path.substr(0, path.find('?'));
  while (util::ends_with(path, "/") && path.size() > 1) path.remove_suffix(1);
  if (path != options_.base_path + "/Bulk") return options_.max_body_bytes;
  return std::max(options_.max_body_bytes, static_cast<size_t>(options_.bulk.max_payload_bytes));
}

void Server::serve(Exchange& exchange) {
  auto started = std::chrono::steady_clock::now();
  util::metrics::busy(+1);
  const char* passed_id = exchange.param("REQUEST_ID");
  if (passed_id == nullptr) passed_id = exchange.param("UNIQUE_ID");
  RequestIdScope id_scope(request_id_or_new(passed_id));
  std::string tenant = "-";
  Response response;
  std::string method = exchange.param("REQUEST_METHOD") ? exchange.param("REQUEST_METHOD") : "-";
  std::string path = "-";
  try {
    auto request = read_request(exchange, body_limit(exchange));
    if (request) {
      path = request->path;
      response = handle(*request, &tenant);
      if (request->method == "HEAD") response.body.clear();
    } else {
      const char* uri = exchange.param("REQUEST_URI");
      if (uri) path = std::string(uri).substr(0, std::string(uri).find('?'));
      response = is_manage_path(path) ? manage_error_response(request.error()) : error_response(request.error());
    }
  } catch (const std::exception& e) {
    // Out of memory (a response too large to build) or a bug: this request
    // fails with 500 and the thread, its worker and every request in flight
    // on them carry on.  The partial response is freed first.
    response = Response();
    util::log::error(std::string("unhandled error while serving a request: ") + e.what());
    Error internal = Error::internal("An internal error occurred.");
    response = is_manage_path(path) ? manage_error_response(internal) : error_response(internal);
  }
  try {
    response.set_header("X-Request-Id", current_request_id());
    // In pieces, never copied whole again (response.h).
    write_response(exchange, response);
  } catch (const std::exception& e) {
    util::log::error(std::string("could not write the response: ") + e.what());
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  util::metrics::record_request(resource_of_path(path), util::metrics::method_of(method), response.status, seconds);
  util::metrics::busy(-1);
  char duration[32];
  std::snprintf(duration, sizeof duration, "%.2f", seconds * 1000);
  // The path never carries its query string (cursors, filters with names
  // in them); tokens travel only in the Authorization header, never logged.
  util::log::event(util::log::Level::kInfo, "access",
                   {{"tenant", tenant},
                    {"method", method},
                    {"path", path},
                    {"status", std::to_string(response.status), true},
                    {"duration_ms", duration, true},
                    {"request_id", current_request_id()}});
}

}  // namespace fastscim::http

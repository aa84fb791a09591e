// http::Server — routes one SCIM request to its handler and writes the
// response, with exactly one access-log line per request.
//
// Requests under the management API's base path (/manage/v1) go to
// manage_router.h, with its own credentials (API keys) and plain-JSON
// errors.  For the SCIM surface, the order of checks: the unauthenticated
// health endpoint; then the bearer
// token (401 before anything else, so an unauthenticated client learns
// nothing about paths); then the tenant's request limits (429); then the
// body's media type (415); then the route
// (404) and method (405); then the tenant's provisioning switch (403 while
// it is off).  /ServiceProviderConfig is answered here; the
// resource endpoints are handed to handlers.h with the tenant the token
// belongs to.
//
// Thread-safety: one Server per serving thread (it holds per-thread
// backends such as the authenticator's database connection).
#ifndef FASTSCIM_HTTP_SERVER_H_
#define FASTSCIM_HTTP_SERVER_H_

#include <functional>
#include <optional>
#include <string>

#include "auth/authenticator.h"
#include "http/exchange.h"
#include "http/limiter.h"
#include "http/manage_router.h"
#include "http/provisioning_log.h"
#include "http/request.h"
#include "http/response.h"
#include "scim/bulk.h"
#include "scim/schema_registry.h"
#include "scim/service.h"
#include "scim/service_provider_config.h"
#include "util/metrics.h"

namespace fastscim::http {

struct ServerOptions {
  std::string base_path = "/scim/v2";
  // Absolute base URL clients use (meta.location, Location); when empty it
  // is derived from HTTPS and Host of each request.
  std::string public_url;
  size_t max_body_bytes = 1 << 20;
  scim::Capabilities capabilities;
  // POST /Bulk (bulk_handler.h): its body may be as large as
  // bulk.max_payload_bytes even when max_body_bytes is smaller.
  scim::BulkLimits bulk;
  // The management API (manage_router.h): its base path and OpenAPI text.
  ManageOptions manage;
  // GET here answers the metrics of every process serving this deployment
  // (util/metrics.h) in Prometheus's text format, without a token: the web
  // server must admit only loopback or an allow-list.  "" = not served.
  // Never under base_path or the management path (app/config.cc refuses it).
  std::string metrics_path = "/metrics";
};

// What the server needs from the rest of the process, owned by the caller.
struct Backend {
  auth::Authenticator* authenticator = nullptr;
  std::function<bool()> database_ok;  // the health check
  // Which of db_host's endpoints the health check used, from 1 (0: a Unix
  // socket; unset: not reported).
  std::function<int()> database_endpoint;
  // The resource endpoints (/Users, /Groups, …; handlers.h).  When set, the
  // ServiceProviderConfig advertises what the service implements: patch,
  // filter (maxResults = the service's maximum page size), sort, etag,
  // changePassword and cursor paging.
  scim::Service* service = nullptr;
  // The Service of the authenticated tenant: its schema extensions and
  // settings (app/tenant_services.h).  Errors become the response (503
  // when the tenant's configuration cannot be read).  When unset, `service`
  // serves every tenant.  `service` is still what the
  // ServiceProviderConfig describes, as paging limits are server-wide.
  std::function<scim::Result<scim::Service*>(const auth::Principal&)> tenant_service;
  // When set, every write of an authenticated tenant (POST, PUT, PATCH,
  // DELETE on /Users, /Groups, …) is recorded here after its response is
  // decided, with one INSERT; a failure to record is logged as a warning
  // and changes nothing in the response.  Reads cost nothing.
  ProvisioningLog* provisioning_log = nullptr;
  // The management API; when unset, paths under ServerOptions::manage's
  // base path are not served (404 like any other unknown path).
  manage::Api* manage = nullptr;
  // The setup portal's links and sessions (portal_routes.h); unset: not served.
  manage::Portal* portal = nullptr;
  // Fairness between tenants (limiter.h): when set, every authenticated
  // SCIM request is admitted by the tenant's rate and concurrency limits
  // before any other work, or answered 429 with Retry-After (and not
  // recorded in the provisioning log: a refusal costs no write).
  Limiter* limiter = nullptr;
  // The event backlog for /metrics (one query per scrape); nullopt when it
  // cannot be read, unset: not exposed.
  std::function<std::optional<long long>()> event_backlog;
};

class Server {
 public:
  Server(ServerOptions options, Backend backend);

  // Reads the request from `exchange`, handles it, writes the response with
  // its X-Request-Id (request_id.h), counts it (util/metrics.h) and logs the
  // access line.  Never throws.
  void serve(Exchange& exchange);

  // The response for an already-read request; `tenant` receives the
  // authenticated tenant's name for the access log.
  Response handle(const Request& request, std::string* tenant);

 private:
  std::string base_url(const Request& request) const;
  // Whether `path` belongs to the management API (served when configured).
  bool is_manage_path(std::string_view path) const;
  bool is_metrics_path(std::string_view path) const;
  // The `resource` label of a request for `path`.
  util::metrics::Resource resource_of_path(std::string_view path) const;
  // GET/HEAD of metrics_path: the exposition.
  Response metrics(const Request& request) const;
  // Everything after authentication; `record` receives what the
  // provisioning log needs of a write.
  Response handle_authenticated(const Request& request, std::string_view route, const auth::Principal& principal,
                                WriteRecord* record);
  // Stores `record` for a write answered with `response`; never fails.
  void log_write(const Request& request, const Response& response, WriteRecord* record) const;
  // The largest body read_request accepts for the request on `exchange`.
  size_t body_limit(Exchange& exchange) const;
  // /Schemas[/urn] and /ResourceTypes[/name]; nullopt for other routes.
  std::optional<Response> discovery(const scim::SchemaRegistry& registry, const Request& request,
                                    std::string_view route) const;

  ServerOptions options_;
  Backend backend_;
};

}  // namespace fastscim::http

#endif  // FASTSCIM_HTTP_SERVER_H_

// app::Config — fastscimd's and fastscim-admin's configuration.
//
// Read from a file of "key = value" lines ('#' starts a comment), then
// overridden by environment variables FASTSCIM_<KEY> (upper case), then by
// command-line flags.  The database password is read from the file named by
// db_password_file and is never accepted on the command line.
//
// Thread-safety: a plain value.
#ifndef FASTSCIM_APP_CONFIG_H_
#define FASTSCIM_APP_CONFIG_H_

#include <map>
#include <string>
#include <vector>

#include "store/database.h"
#include "util/result.h"

namespace fastscim::app {

struct Config {
  std::string source;  // the file it came from ("" for defaults only)
  std::string listen;  // unix:/path or host:port; "" = not a supervisor
  int workers = 2;
  int threads = 4;
  int socket_mode = 0660;
  int backlog = 1024;
  store::DbConfig db;
  std::string db_password_file;
  std::string base_path = "/scim/v2";
  // The management API's base path (src/http/manage_router.h).
  std::string manage_path = "/manage/v1";
  // The OpenAPI description served at <manage_path>/openapi.json; "" = the
  // installed or checked-out one (default_openapi_path()).
  std::string manage_openapi;
  std::string public_url;
  size_t max_body_bytes = 1 << 20;
  // POST /Bulk limits (RFC 7644 §3.7.4), advertised in ServiceProviderConfig.
  long long bulk_max_operations = 1000;
  long long bulk_max_payload_bytes = 1 << 20;
  // List paging (RFC 7644 §3.4.2.4): the page size when a client sends no
  // count, and the largest page served (filter.maxResults).
  int default_page_size = 100;
  int max_page_size = 1000;
  // Bounds on one request (400 tooMany beyond them) and on a list page's
  // group members (scim::ServiceConfig).
  int max_patch_operations = 1000;
  int max_members_per_request = 10000;
  int max_members_per_page = 10000;
  // Request attributes no schema defines: "ignore" (default) or "reject"
  // (400 invalidValue naming them); see scim/validator.h.
  std::string unknown_attributes = "ignore";
  // Request data under a schema URN that is not an extension the tenant
  // registered: "reject" (default) or "ignore".  Both are defaults that a
  // tenant setting overrides (fastscim-admin tenant set).
  std::string unknown_extensions = "reject";
  std::string log_file;  // "" = stderr
  std::string log_level = "info";
  // The line format of the log (util/log.h): "kv" (key=value) or "json".
  std::string log_format = "kv";
  // Where the web server's allowed clients scrape Prometheus metrics
  // (util/metrics.h, doc/metrics.md); "" ("off"): not served.
  std::string metrics_path = "/metrics";
  // Requests per tenant for this many of the busiest tenants (a `tenant`
  // label); 0: none, no tenant name is ever exposed.
  int metrics_top_tenants = 0;
  std::string pid_file;
  std::string sql_dir;  // "" = the installed or checked-out sql/
  // How many days events stay in the feed before `fastscim-admin events
  // purge` deletes them (doc/storage.md, "The event feed").
  int events_retention_days = 30;
  // Whether writes record change events (the feed, webhooks and seat
  // counts live on them).  `events = off` is for SCIM-only deployments and
  // for measuring what the outbox costs (make bench).
  bool events = true;
  // Webhook delivery (app/delivery.h, doc/webhooks.md).  The supervisor
  // runs a delivery process unless webhook_delivery = off.
  bool webhook_delivery = true;
  int webhook_poll_ms = 1000;   // idle wait between passes
  int webhook_batch_size = 50;  // events per POST
  int webhook_connect_timeout_ms = 5000;
  int webhook_timeout_ms = 15000;              // the whole request
  int webhook_backoff_base_ms = 10000;         // first retry delay
  int webhook_backoff_max_ms = 3600000;        // cap on one delay
  int webhook_disable_after_seconds = 259200;  // failing this long (3 days) …
  int webhook_disable_after_failures = 10;     // … this many times in a row: disabled
  int webhook_lease_seconds = 60;              // a claim's life (at least 2 x the request timeout)
  int webhook_log_days = 30;                   // delivery log retention
  // Fairness between tenants (http/limiter.h, doc/limits.md): the limits of
  // a tenant that sets none of its own (fastscim-admin tenant set).
  long long tenant_rate_per_minute = 6000;  // tenant_rate_limit = 100/s; 0 ("off"): no rate limit
  int tenant_rate_burst = 200;
  int tenant_max_concurrent = 0;  // 0: half of workers x threads (max_concurrent())
  // The table every process serving this database shares; "" = a file
  // under /dev/shm named after the user and the database.
  std::string limits_file;
  // Accepted tokens a worker process keeps in memory (auth/token_cache.h,
  // doc/auth-cache.md); 0 = none, every request looks its token up.
  int auth_cache_entries = 16384;
  // The longest one SQL statement of a request may run (MariaDB
  // max_statement_time; MySQL max_execution_time, SELECT only); 0 = none.
  int db_statement_timeout = 10;
};

// The cap on one tenant's concurrent requests: tenant_max_concurrent, or
// when 0 half the pool's threads (workers x threads), at least 1.
int max_concurrent(const Config& config);

// The limits table's file: limits_file, or its default under /dev/shm
// (http::default_limits_path).
// The auth epoch file (auth/epoch_file.h) is the same path + ".auth".
std::string limits_path(const Config& config);

// The metrics table every process of the deployment maps: the limits
// table's path + ".metrics" (doc/metrics.md).
std::string metrics_file(const Config& config);

// Loads `path` ("" = no file), applies FASTSCIM_* environment overrides and
// reads the password file.  The error names the file, line and key.
util::Result<Config, std::string> load_config(const std::string& path);

// True when the running binary lies under the build tree it was compiled in
// (/proc/self/exe below FASTSCIM_BUILDDIR): `make run`, `make check` and a
// developer's build/src/... commands.  Only then do the defaults below look in
// the source checkout; an installed binary never does.  Computed once.
bool runs_from_build_tree();

// Where to look when no --config is given: $FASTSCIM_CONFIG, then (from the
// build tree only) the configuration `make run` writes in the source
// checkout, then $sysconfdir/fastscim/fastscim.conf.  Returns "" when none
// exists.
std::string default_config_path();

// The sql/ directory holding the migrations: the checkout's sql/ from the
// build tree, else the installed $pkgdatadir/sql.
std::string default_sql_dir();

// The management API's OpenAPI description: src/manage/openapi.json in the
// checkout from the build tree, else the installed $pkgdatadir/openapi.json.
std::string default_openapi_path();

// The recognised keys, for --help texts.
const std::vector<std::string>& config_keys();

}  // namespace fastscim::app

#endif  // FASTSCIM_APP_CONFIG_H_

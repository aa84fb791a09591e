// util::metrics — fastscimd's counters, shared by every process that serves
// one deployment, and their Prometheus text exposition (version 0.0.4).
//
// A scrape of /metrics reaches one process of many (the supervisor's
// workers, mod_fcgid's processes, the webhook delivery process), so the
// counters cannot live in one process's memory.  They are a fixed table of
// 64-bit integers in a small file mapped MAP_SHARED (next to the limits
// table, doc/metrics.md), and every update is one relaxed atomic add on that
// table: no lock, no system call on the request path.  Whichever process
// answers the scrape reads the same table.
//
// The catalogue is fixed: requests by resource, method and status class;
// one latency histogram per resource; a handful of plain counters; the
// serving threads of each worker process (a slot per process, busy
// counted up and down around each request); and, only when asked for
// (set_top_tenants), requests per tenant for the busiest tenants.  Label
// values come from these fixed tables, never from a request, except the
// tenant names of that last, opt-in table.
//
// Before attach() (unit tests, fastscim-admin) every update does nothing.
// When the file cannot be used (another user's, another layout) the
// process keeps a table of its own and attach() says why.
//
// Thread-safety: every function may be called from any thread, once
// attach() has returned; attach() itself is called once per process before
// its threads start.
#ifndef FASTSCIM_UTIL_METRICS_H_
#define FASTSCIM_UTIL_METRICS_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace fastscim::util::metrics {

// The `resource` label of requests and latencies.
enum class Resource {
  kUsers,
  kGroups,
  kSchemas,
  kResourceTypes,
  kServiceProviderConfig,
  kBulk,
  kSearch,  // POST /.search at the root
  kHealth,
  kManage,  // the management API (/manage/v1)
  kMetrics,
  kOther,  // anything else (404s, /Me, a path outside the base path)
  kCount,
};

// The `method` label.
enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOther, kCount };

// Plain counters (each its own metric, see exposition()).
enum class Counter {
  kDbErrors,             // a database call failed (any SQL error reported to the caller)
  kDbReconnects,         // a connection was made again after one was lost
  kDbStatementTimeouts,  // a statement stopped at db_statement_timeout
  kWorkerRestarts,       // the supervisor restarted a worker that died
  kThrottled,            // 429 answers from the tenant limits (doc/limits.md)
  kWebhookFailures,      // failed webhook delivery attempts
  kWebhookDeliveries,    // events acknowledged by webhook receivers
  kCount,
};

inline constexpr int kStatusClasses = 5;  // 1xx … 5xx
// Upper bounds of the latency buckets, in seconds; +Inf follows.
inline constexpr double kLatencyBounds[] = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
inline constexpr int kLatencyBuckets = sizeof(kLatencyBounds) / sizeof(kLatencyBounds[0]) + 1;
// Worker processes with a slot (the rest are served but not shown).
inline constexpr int kWorkerSlots = 256;
// Tenants counted by set_top_tenants (the first this many seen).
inline constexpr int kTenantSlots = 1024;
inline constexpr int kTenantNameBytes = 64;

// Maps the table at `path` (created with mode 0600 when missing; "" = this
// process only).  Returns "" when the shared file is in use, else why not
// (the process then counts in a table of its own).
std::string attach(const std::string& path);

// Whether attach() was called in this process.
bool attached();

// Parses "GET", "POST", … (anything else: kOther).
Method method_of(std::string_view method);

// Counts one answered request and its duration.
void record_request(Resource resource, Method method, int status, double seconds);

void add(Counter counter, uint64_t n = 1);

// The serving threads of this process: claim a slot once (the slot of a
// process that is gone is reused), then busy(+1)/busy(-1) around each
// request.  release_worker() on a clean exit.
void claim_worker(int threads);
void busy(int delta);
void release_worker();

// Counts requests per tenant for the `n` busiest tenants of exposition()
// (0, the default: none, and record_tenant does nothing).  The choice of
// `tenant_id` and `name` is the caller's; names longer than
// kTenantNameBytes - 1 are cut.
void set_top_tenants(int n);
void record_tenant(int64_t tenant_id, std::string_view name);

// The gauges a scrape computes itself (a database query), passed in.
struct Extra {
  bool has_event_backlog = false;
  long long event_backlog = 0;
};

// Everything in the Prometheus text format 0.0.4 (Content-Type
// "text/plain; version=0.0.4; charset=utf-8"); metric names start with
// "fastscim_".
std::string exposition(const Extra& extra = {});

// The label name of a Resource, as exposed ("Users", "health", …).
const char* resource_name(Resource resource);

// Escapes a label value (backslash, double quote, newline), for tests.
std::string escape_label(std::string_view value);

}  // namespace fastscim::util::metrics

#endif  // FASTSCIM_UTIL_METRICS_H_

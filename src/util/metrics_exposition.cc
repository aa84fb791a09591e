// The Prometheus text format, version 0.0.4: "# HELP", "# TYPE", then one
// sample per line; histograms as cumulative _bucket{le=…} lines, _sum and
// _count.  Series that never counted anything are left out (Prometheus
// treats a missing series as absent, not as an error), except the plain
// counters, which are always there so that rate() has a start.
#include <errno.h>
#include <signal.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "util/metrics.h"
#include "util/metrics_table.h"

namespace fastscim::util::metrics {

namespace {

const char* const kMethodNames[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "other"};
const char* const kClassNames[] = {"1xx", "2xx", "3xx", "4xx", "5xx"};

struct CounterInfo {
  Counter counter;
  const char* name;
  const char* help;
};

const CounterInfo kCounterInfo[] = {
    {Counter::kDbErrors, "fastscim_db_errors_total", "Database calls that failed with an SQL error."},
    {Counter::kDbReconnects, "fastscim_db_reconnects_total", "Database connections made again after one was lost."},
    {Counter::kDbStatementTimeouts, "fastscim_db_statement_timeouts_total",
     "Statements stopped at the statement time limit (db_statement_timeout)."},
    {Counter::kWorkerRestarts, "fastscim_worker_restarts_total",
     "Worker processes the supervisor restarted after they died."},
    {Counter::kThrottled, "fastscim_throttled_total",
     "Requests refused with 429 by the tenant rate and concurrency limits."},
    {Counter::kWebhookFailures, "fastscim_webhook_failures_total", "Failed webhook delivery attempts."},
    {Counter::kWebhookDeliveries, "fastscim_webhook_delivered_events_total",
     "Events acknowledged by webhook receivers."},
};

uint64_t load(const uint64_t& cell) { return __atomic_load_n(&cell, __ATOMIC_RELAXED); }

void head(std::string* out, const char* name, const char* type, const char* help) {
  out->append("# HELP ").append(name).append(" ").append(help).append("\n");
  out->append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

void sample(std::string* out, const std::string& name_and_labels, uint64_t value) {
  out->append(name_and_labels).append(" ").append(std::to_string(value)).append("\n");
}

std::string bound_text(double bound) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", bound);
  return text;
}

bool alive(int32_t pid) { return pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM); }

void requests(const Table& table, std::string* out) {
  head(out, "fastscim_requests_total", "counter", "Requests answered, by resource, method and status class.");
  for (int r = 0; r < kResources; ++r) {
    for (int m = 0; m < kMethods; ++m) {
      for (int c = 0; c < kStatusClasses; ++c) {
        uint64_t n = load(table.requests[r][m][c]);
        if (n == 0) continue;
        sample(out,
               std::string("fastscim_requests_total{resource=\"") + resource_name(static_cast<Resource>(r)) +
                   "\",method=\"" + kMethodNames[m] + "\",status=\"" + kClassNames[c] + "\"}",
               n);
      }
    }
  }
}

void latency(const Table& table, std::string* out) {
  head(out, "fastscim_request_duration_seconds", "histogram",
       "Time from reading a request to writing its response, by resource.");
  for (int r = 0; r < kResources; ++r) {
    uint64_t total = 0;
    for (int b = 0; b < kLatencyBuckets; ++b) total += load(table.latency[r][b]);
    if (total == 0) continue;
    std::string label = std::string("resource=\"") + resource_name(static_cast<Resource>(r)) + "\"";
    uint64_t cumulative = 0;
    for (int b = 0; b < kLatencyBuckets; ++b) {
      cumulative += load(table.latency[r][b]);
      std::string le = b + 1 < kLatencyBuckets ? bound_text(kLatencyBounds[b]) : "+Inf";
      sample(out, "fastscim_request_duration_seconds_bucket{" + label + ",le=\"" + le + "\"}", cumulative);
    }
    char sum[48];
    std::snprintf(sum, sizeof sum, "%.6f", static_cast<double>(load(table.latency_sum_us[r])) / 1e6);
    out->append("fastscim_request_duration_seconds_sum{" + label + "} ").append(sum).append("\n");
    sample(out, "fastscim_request_duration_seconds_count{" + label + "}", cumulative);
  }
}

void threads(const Table& table, std::string* out) {
  head(out, "fastscim_threads", "gauge", "Serving threads of each worker process, busy or idle.");
  for (int i = 0; i < kWorkerSlots; ++i) {
    const WorkerSlot& slot = table.workers[i];
    int32_t pid = __atomic_load_n(&slot.pid, __ATOMIC_ACQUIRE);
    if (!alive(pid)) continue;
    int32_t all = __atomic_load_n(&slot.threads, __ATOMIC_ACQUIRE);
    int32_t busy = std::clamp(__atomic_load_n(&slot.busy, __ATOMIC_RELAXED), 0, all);
    std::string worker = "worker=\"" + std::to_string(i) + "\"";
    sample(out, "fastscim_threads{" + worker + ",state=\"busy\"}", static_cast<uint64_t>(busy));
    sample(out, "fastscim_threads{" + worker + ",state=\"idle\"}", static_cast<uint64_t>(all - busy));
  }
}

void tenants(const Table& table, int top, std::string* out) {
  struct Row {
    uint64_t requests;
    std::string name;
  };
  std::vector<Row> rows;
  for (const TenantCount& slot : table.tenants) {
    if (__atomic_load_n(&slot.tenant_id, __ATOMIC_ACQUIRE) == 0) continue;
    int32_t length = __atomic_load_n(&slot.name_length, __ATOMIC_ACQUIRE);
    if (length <= 0 || length >= kTenantNameBytes) continue;  // its name is still being written
    rows.push_back({load(slot.requests), std::string(slot.name, static_cast<size_t>(length))});
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return a.requests != b.requests ? a.requests > b.requests : a.name < b.name;
  });
  if (rows.size() > static_cast<size_t>(top)) rows.resize(static_cast<size_t>(top));
  head(out, "fastscim_tenant_requests_total", "counter",
       "Authenticated SCIM requests of the busiest tenants (metrics_top_tenants).");
  for (const Row& row : rows) {
    sample(out, "fastscim_tenant_requests_total{tenant=\"" + escape_label(row.name) + "\"}", row.requests);
  }
}

}  // namespace

const char* resource_name(Resource resource) {
  switch (resource) {
    case Resource::kUsers: return "Users";
    case Resource::kGroups: return "Groups";
    case Resource::kSchemas: return "Schemas";
    case Resource::kResourceTypes: return "ResourceTypes";
    case Resource::kServiceProviderConfig: return "ServiceProviderConfig";
    case Resource::kBulk: return "Bulk";
    case Resource::kSearch: return "search";
    case Resource::kHealth: return "health";
    case Resource::kManage: return "manage";
    case Resource::kMetrics: return "metrics";
    case Resource::kOther:
    case Resource::kCount: break;
  }
  return "other";
}

std::string escape_label(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string exposition(const Extra& extra) {
  const Table& table = *table_for_exposition();
  std::string out;
  out.reserve(16384);
  requests(table, &out);
  latency(table, &out);
  for (const CounterInfo& info : kCounterInfo) {
    head(&out, info.name, "counter", info.help);
    sample(&out, info.name, load(table.counters[static_cast<int>(info.counter)]));
  }
  threads(table, &out);
  if (extra.has_event_backlog) {
    head(&out, "fastscim_event_backlog", "gauge",
         "Events of the feed that enabled webhook endpoints have not acknowledged yet.");
    sample(&out, "fastscim_event_backlog", static_cast<uint64_t>(std::max(0LL, extra.event_backlog)));
  }
  if (int top = top_tenants(); top > 0) tenants(table, top, &out);
  return out;
}

}  // namespace fastscim::util::metrics

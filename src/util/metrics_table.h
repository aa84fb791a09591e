// The layout of util::metrics' shared table (metrics.h), known to
// metrics.cc, which maps and updates it, and metrics_exposition.cc, which
// reads it.  Plain integers only: the layout is the same in every process of
// one build, and every cell is read and written with atomic builtins.
//
// Thread-safety: see metrics.h.
#ifndef FASTSCIM_UTIL_METRICS_TABLE_H_
#define FASTSCIM_UTIL_METRICS_TABLE_H_

#include <cstdint>

#include "util/metrics.h"
#include "util/shared_file.h"

namespace fastscim::util::metrics {

inline constexpr int kResources = static_cast<int>(Resource::kCount);
inline constexpr int kMethods = static_cast<int>(Method::kCount);
inline constexpr int kCounters = static_cast<int>(Counter::kCount);

struct WorkerSlot {
  int32_t pid;  // 0: free
  int32_t threads;
  int32_t busy;
  int32_t unused;
};

struct TenantCount {
  int64_t tenant_id;  // 0: free
  uint64_t requests;
  int32_t name_length;  // 0 until the name is written
  char name[kTenantNameBytes];
  int32_t unused;
};

struct Table {
  SharedFileHeader header;  // util/shared_file.h
  uint64_t requests[kResources][kMethods][kStatusClasses];
  uint64_t latency[kResources][kLatencyBuckets];  // per bucket, not cumulative; the last is +Inf
  uint64_t latency_sum_us[kResources];
  uint64_t counters[kCounters];
  WorkerSlot workers[kWorkerSlots];
  TenantCount tenants[kTenantSlots];
};

// The table this process updates (its own one before attach()).
const Table* table_for_exposition();

// set_top_tenants()'s n.
int top_tenants();

}  // namespace fastscim::util::metrics

#endif  // FASTSCIM_UTIL_METRICS_TABLE_H_

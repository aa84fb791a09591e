#include "util/metrics.h"

#include <errno.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <memory>

#include "util/metrics_table.h"
#include "util/shared_file.h"

namespace fastscim::util::metrics {

namespace {

constexpr uint64_t kMagic = 0x66736d6574726963ULL;  // "fsmetric"
constexpr uint32_t kVersion = 1;

Table* g_table = nullptr;
std::atomic<int> g_top_tenants{0};
int g_worker_slot = -1;

// A process of its own when the file cannot be used: never unmapped.
Table* private_table() {
  static auto* table = new Table();  // never freed: counted into until the process ends
  return table;
}

Table* map_file(const std::string& path, std::string* why) {
  return static_cast<Table*>(map_shared_file(path, sizeof(Table), kMagic, kVersion, {}, why));
}

void bump(uint64_t* cell, uint64_t n) { __atomic_fetch_add(cell, n, __ATOMIC_RELAXED); }

int status_class(int status) {
  int c = status / 100 - 1;
  return c < 0 ? 0 : (c >= kStatusClasses ? kStatusClasses - 1 : c);
}

bool pid_alive(int32_t pid) { return pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM); }

}  // namespace

std::string attach(const std::string& path) {
  std::string why;
  Table* table = path.empty() ? nullptr : map_file(path, &why);
  g_table = table != nullptr ? table : private_table();
  return why;
}

bool attached() { return g_table != nullptr; }

const Table* table_for_exposition() { return g_table != nullptr ? g_table : private_table(); }

int top_tenants() { return g_top_tenants.load(std::memory_order_relaxed); }

Method method_of(std::string_view method) {
  if (method == "GET") return Method::kGet;
  if (method == "HEAD") return Method::kHead;
  if (method == "POST") return Method::kPost;
  if (method == "PUT") return Method::kPut;
  if (method == "PATCH") return Method::kPatch;
  if (method == "DELETE") return Method::kDelete;
  return Method::kOther;
}

void record_request(Resource resource, Method method, int status, double seconds) {
  if (g_table == nullptr) return;
  auto r = static_cast<int>(resource);
  if (r < 0 || r >= kResources) r = static_cast<int>(Resource::kOther);
  bump(&g_table->requests[r][static_cast<int>(method)][status_class(status)], 1);
  int bucket = 0;
  while (bucket < kLatencyBuckets - 1 && seconds > kLatencyBounds[bucket]) ++bucket;
  bump(&g_table->latency[r][bucket], 1);
  bump(&g_table->latency_sum_us[r], seconds > 0 ? static_cast<uint64_t>(seconds * 1e6) : 0);
}

void add(Counter counter, uint64_t n) {
  if (g_table == nullptr) return;
  bump(&g_table->counters[static_cast<int>(counter)], n);
}

void claim_worker(int threads) {
  if (g_table == nullptr || g_worker_slot >= 0) return;
  auto pid = static_cast<int32_t>(::getpid());
  for (int i = 0; i < kWorkerSlots; ++i) {
    WorkerSlot& slot = g_table->workers[i];
    int32_t owner = __atomic_load_n(&slot.pid, __ATOMIC_ACQUIRE);
    if (owner != 0 && pid_alive(owner)) continue;
    // A free slot, or one a dead process left: whoever swaps it first has it.
    if (!__atomic_compare_exchange_n(&slot.pid, &owner, pid, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) continue;
    __atomic_store_n(&slot.busy, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&slot.threads, threads, __ATOMIC_RELEASE);
    g_worker_slot = i;
    return;
  }
}

void busy(int delta) {
  if (g_table == nullptr || g_worker_slot < 0) return;
  __atomic_fetch_add(&g_table->workers[g_worker_slot].busy, delta, __ATOMIC_RELAXED);
}

void release_worker() {
  if (g_table == nullptr || g_worker_slot < 0) return;
  __atomic_store_n(&g_table->workers[g_worker_slot].pid, 0, __ATOMIC_RELEASE);
  g_worker_slot = -1;
}

void set_top_tenants(int n) { g_top_tenants = n < 0 ? 0 : n; }

void record_tenant(int64_t tenant_id, std::string_view name) {
  if (g_table == nullptr || tenant_id <= 0 || top_tenants() == 0) return;
  auto home = static_cast<int>(static_cast<uint64_t>(tenant_id) % kTenantSlots);
  for (int i = 0; i < kTenantSlots; ++i) {
    TenantCount& slot = g_table->tenants[(home + i) % kTenantSlots];
    int64_t owner = __atomic_load_n(&slot.tenant_id, __ATOMIC_ACQUIRE);
    if (owner == 0) {
      if (!__atomic_compare_exchange_n(&slot.tenant_id, &owner, tenant_id, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        if (owner != tenant_id) continue;  // another tenant took it first
      } else {
        size_t n = std::min(name.size(), static_cast<size_t>(kTenantNameBytes - 1));
        std::memcpy(slot.name, name.data(), n);
        __atomic_store_n(&slot.name_length, static_cast<int32_t>(n), __ATOMIC_RELEASE);
      }
    } else if (owner != tenant_id) {
      continue;
    }
    bump(&slot.requests, 1);
    return;
  }
}

}  // namespace fastscim::util::metrics

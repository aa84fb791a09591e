// http::LimitTable — the per-tenant token buckets and concurrency leases,
// as a fixed-size plain table that several processes can share.
//
// The table lives in shared memory (http/limiter.h maps it and holds its
// process-shared lock); this file is only the bookkeeping, with the clock,
// the process id and the liveness check passed in, so it is tested without
// processes or time.  Layout (doc/limits.md):
//
//  * tenant slots, found by tenant id with bounded linear probing: a token
//    bucket (tokens, last refill) and the tenant's count of requests in
//    flight.  A slot with nothing in flight is reused when the window of
//    probed slots is full (the least recently used one); its bucket was full
//    again anyway unless the tenant was busy a moment ago.
//  * lease slots: one per request in flight, naming the tenant, the process
//    and when it began.  A process that dies between admit() and release()
//    leaves its leases behind; they are reclaimed when their process is gone
//    (kill(pid, 0) says so) or when they are older than the lease limit
//    (which also covers a process id reused by another process), and the
//    tenant's count is recounted from the live leases.
//
// Thread-safety: none; the caller serialises every call (limiter.h).  All
// fields are plain integers and doubles, so the layout is the same in every
// process of one build.
#ifndef FASTSCIM_HTTP_LIMIT_TABLE_H_
#define FASTSCIM_HTTP_LIMIT_TABLE_H_

#include <cstdint>
#include <functional>

namespace fastscim::http {

inline constexpr int kTenantSlots = 4096;
inline constexpr int kLeaseSlots = 2048;
// How many consecutive tenant slots one tenant id may land in.
inline constexpr int kProbeLength = 16;

// A tenant's effective limits.  per_second <= 0: no rate limit;
// max_concurrent <= 0: no concurrency cap.  burst is the bucket's size
// (at least 1 when a rate is set).
struct TenantLimits {
  double per_second = 0;
  double burst = 0;
  int max_concurrent = 0;
};

struct TenantSlot {
  int64_t tenant_id;    // 0: free
  int64_t refilled_ns;  // when `tokens` was last brought up to date
  int64_t used_ns;      // last admission or refusal (the least recent is reused)
  double tokens;
  int32_t in_flight;
  int32_t unused;
};

struct LeaseSlot {
  int64_t tenant_id;  // 0: free
  int64_t since_ns;   // when the request was admitted; with pid, the lease's identity
  int32_t pid;
  int32_t unused;
};

struct LimitTable {
  TenantSlot tenants[kTenantSlots];
  LeaseSlot leases[kLeaseSlots];
};

enum class Verdict {
  kAdmitted,     // a lease was taken: release it when the request is done
  kUntracked,    // admitted without a lease (table full); nothing to release
  kRateLimited,  // the bucket is empty
  kTooBusy,      // the tenant has max_concurrent requests in flight
};

struct Admission {
  Verdict verdict = Verdict::kUntracked;
  int lease = -1;        // kAdmitted: the lease slot
  int64_t since_ns = 0;  // kAdmitted: the lease's start, for release()
  int retry_after = 0;   // refusals: whole seconds until a retry may pass (>= 1)
  int in_flight = 0;     // the tenant's requests in flight, this one included when admitted
};

// Whether process `pid` still exists.
using PidAlive = std::function<bool(int32_t pid)>;

// Decides one request of `tenant_id` (> 0) at monotonic time `now_ns` from
// process `pid`: refuses it when the tenant has limits.max_concurrent
// leases that are still live (after reclaiming dead and expired ones), or
// when its bucket holds less than one token; otherwise spends a token and
// takes a lease.  A refusal spends nothing.  Leases older than
// `lease_max_ns`, or whose process `alive` denies, are reclaimed.
Admission admit(LimitTable& table, int64_t tenant_id, const TenantLimits& limits, int64_t now_ns, int32_t pid,
                const PidAlive& alive, int64_t lease_max_ns);

// Takes `requests` more tokens from the tenant's bucket for a request
// already admitted that does the work of several (a /Bulk request's
// operations after the first, BLK-12).  The bucket may go below zero: the
// request is already running, and the tenant's next requests are refused
// until the refill has paid the debt, so its average rate still holds.
// Takes no lease; without a rate limit it does nothing.
void charge(LimitTable& table, int64_t tenant_id, const TenantLimits& limits, int64_t now_ns, double requests);

// Ends the request admitted as `admission` (kAdmitted only; any other
// verdict is ignored).  A lease already reclaimed is left alone.
void release(LimitTable& table, int64_t tenant_id, const Admission& admission, int32_t pid);

// Recounts every tenant's in-flight requests from the leases; used when a
// process died while changing the table.
void recount(LimitTable& table);

}  // namespace fastscim::http

#endif  // FASTSCIM_HTTP_LIMIT_TABLE_H_

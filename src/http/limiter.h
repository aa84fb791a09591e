// http::Limiter — per-tenant request rate and concurrency limits, shared by
// every process that serves one database on this host.
//
// Each SCIM request of an authenticated tenant is admitted before any work
// is done for it: a token bucket per tenant (a rate and a burst) and a cap
// on the tenant's requests in flight, so one tenant can never hold every
// serving thread.  Over either limit the request is refused with 429 and
// Retry-After (RFC 6585 §4; RFC 7644 §3.12 error body, no scimType).
//
// The state is a http::LimitTable in a small file mapped MAP_SHARED (on
// tmpfs, /dev/shm, by default), so the workers of fastscimd's supervisor,
// Apache mod_fcgid's processes and CGI processes all count against the same
// buckets, like nginx's limit_req zone.  A process-shared, robust mutex in
// the file serialises the few microseconds each admission takes; a process
// that dies holding it leaves it to the next one, which recounts.  Leases
// left by a crashed process are reclaimed (limit_table.h).  When the file
// cannot be used (another owner, an old layout, no space) the limiter
// warns once and keeps a table for this process alone.
//
// Thread-safety: admit() and Ticket's destructor may be called from any
// thread of the process; one Limiter per process, made by that process (a
// child of a fork makes its own: leases carry the maker's process id).
#ifndef FASTSCIM_HTTP_LIMITER_H_
#define FASTSCIM_HTTP_LIMITER_H_

#include <cstdint>
#include <string>

#include "http/limit_table.h"
#include "scim/error.h"

namespace fastscim::http {

struct LimiterOptions {
  // The shared file; "" keeps the table in this process only.
  std::string path;
  // The limits of a tenant that sets none of its own.
  TenantLimits defaults;
  // A lease older than this is reclaimed even if its process still runs
  // (a process id reused by another process).
  int lease_max_seconds = 600;
};

// A tenant's own settings (fastscim-admin tenant set …); 0 = the default.
struct LimitOverrides {
  long long per_minute = 0;
  long long burst = 0;
  long long max_concurrent = 0;
};

class Limiter {
 public:
  // An admitted request: releases its lease when destroyed.
  class Ticket {
   public:
    Ticket() = default;
    Ticket(Ticket&& other) noexcept;
    Ticket& operator=(Ticket&& other) noexcept;
    Ticket(const Ticket&) = delete;
    Ticket& operator=(const Ticket&) = delete;
    ~Ticket();
    // The tenant's requests in flight when this one was admitted, itself included.
    int in_flight() const { return admission_.in_flight; }

   private:
    friend class Limiter;
    Ticket(Limiter* limiter, int64_t tenant_id, Admission admission)
        : limiter_(limiter), tenant_id_(tenant_id), admission_(admission) {}
    Limiter* limiter_ = nullptr;
    int64_t tenant_id_ = 0;
    Admission admission_;
  };

  // Maps options.path (created with mode 0600 when missing).  Never fails:
  // see shared() and warning().
  explicit Limiter(LimiterOptions options);
  ~Limiter();
  Limiter(const Limiter&) = delete;
  Limiter& operator=(const Limiter&) = delete;

  // True when the table is the shared file; false when it is this process's own.
  bool shared() const { return shared_; }
  // Why the file could not be used ("" when it is).
  const std::string& warning() const { return warning_; }

  // The limits `overrides` give on top of the defaults.
  TenantLimits limits_for(const LimitOverrides& overrides) const;

  // Admits one request of `tenant_id`, or returns kTooManyRequests with
  // Retry-After (the tenant's bucket is empty, or it has its maximum of
  // requests in flight).  Keep the Ticket until the response is decided.
  scim::Result<Ticket> admit(int64_t tenant_id, const LimitOverrides& overrides);

  // Charges an admitted request of `tenant_id` for `requests` more
  // requests' worth of work (a /Bulk request's operations after the first,
  // BLK-12); see http::charge.
  void charge(int64_t tenant_id, const LimitOverrides& overrides, long long requests);

  // The mapped file's layout (limiter.cc).
  struct Mapping;

 private:
  void release(int64_t tenant_id, const Admission& admission);
  // Locks the table; false when the lock is unusable (then: fail open).
  bool lock();
  void unlock();

  LimiterOptions options_;
  // The process's leases carry its id; getpid() is a system call each time.
  const int32_t pid_;
  Mapping* mapping_ = nullptr;
  bool shared_ = false;
  std::string warning_;
};

// The default shared file for the processes that serve database `name`
// reached at `where` (socket or host:port) as this user:
// /dev/shm/fastscim-<uid>-<name>-<hash of where>.limits.
std::string default_limits_path(const std::string& name, const std::string& where);

}  // namespace fastscim::http

#endif  // FASTSCIM_HTTP_LIMITER_H_

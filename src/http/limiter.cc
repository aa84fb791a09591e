#include "http/limiter.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstring>

#include "util/log.h"
#include "util/shared_file.h"
#include "util/strings.h"

namespace fastscim::http {

// What the file holds (util/shared_file.h: the header's magic is written
// after the mutex is initialised).
struct Limiter::Mapping {
  util::SharedFileHeader header;
  pthread_mutex_t mutex;
  LimitTable table;
};

namespace {

constexpr uint64_t kMagic = 0x66736c696d697473ULL;  // "fslimits"
constexpr uint32_t kVersion = 1;

int64_t monotonic_ns() {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

bool pid_alive(int32_t pid) { return ::kill(pid, 0) == 0 || errno == EPERM; }

bool init_mutex(pthread_mutex_t* mutex) {
  pthread_mutexattr_t attr;
  if (pthread_mutexattr_init(&attr) != 0) return false;
  bool ok = pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED) == 0 &&
            pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST) == 0 && pthread_mutex_init(mutex, &attr) == 0;
  pthread_mutexattr_destroy(&attr);
  return ok;
}

// Maps `path`, making the table when the file is new.  nullptr and
// `*why` when the file cannot be used.
Limiter::Mapping* map_file(const std::string& path, std::string* why) {
  auto initialise = [](void* table) { return init_mutex(&static_cast<Limiter::Mapping*>(table)->mutex); };
  return static_cast<Limiter::Mapping*>(
      util::map_shared_file(path, sizeof(Limiter::Mapping), kMagic, kVersion, initialise, why));
}

Limiter::Mapping* map_private() {
  const size_t size = sizeof(Limiter::Mapping);
  void* memory = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) return nullptr;
  auto* mapping = static_cast<Limiter::Mapping*>(memory);
  if (!init_mutex(&mapping->mutex)) {
    ::munmap(memory, size);
    return nullptr;
  }
  mapping->header = {kMagic, kVersion, static_cast<uint32_t>(size)};
  return mapping;
}

// The detail of a 429 for an empty bucket.
std::string rate_limited_detail(const TenantLimits& limits, int retry_after) {
  char rate[32];
  std::snprintf(rate, sizeof rate, "%g", limits.per_second);
  return "Too many requests: this tenant may send " + std::string(rate) + " requests a second (bursts of " +
         std::to_string(static_cast<long long>(limits.burst)) +
         "; each operation of a /Bulk request counts as one, and so do each 100 resources a list returns); retry "
         "after " +
         std::to_string(retry_after) + " s.";
}

}  // namespace

Limiter::Ticket::Ticket(Ticket&& other) noexcept
    : limiter_(other.limiter_), tenant_id_(other.tenant_id_), admission_(other.admission_) {
  other.limiter_ = nullptr;
}

Limiter::Ticket& Limiter::Ticket::operator=(Ticket&& other) noexcept {
  if (this != &other) {
    if (limiter_ != nullptr) limiter_->release(tenant_id_, admission_);
    limiter_ = other.limiter_;
    tenant_id_ = other.tenant_id_;
    admission_ = other.admission_;
    other.limiter_ = nullptr;
  }
  return *this;
}

Limiter::Ticket::~Ticket() {
  if (limiter_ != nullptr) limiter_->release(tenant_id_, admission_);
}

Limiter::Limiter(LimiterOptions options) : options_(std::move(options)), pid_(static_cast<int32_t>(::getpid())) {
  if (!options_.path.empty()) {
    mapping_ = map_file(options_.path, &warning_);
    shared_ = mapping_ != nullptr;
  }
  if (mapping_ == nullptr) mapping_ = map_private();
  if (!warning_.empty()) {
    util::log::warn("tenant limits: " + warning_ + "; counting this process's requests only");
  }
}

Limiter::~Limiter() {
  if (mapping_ != nullptr) ::munmap(mapping_, sizeof(Mapping));
}

TenantLimits Limiter::limits_for(const LimitOverrides& overrides) const {
  TenantLimits limits = options_.defaults;
  if (overrides.per_minute > 0) limits.per_second = static_cast<double>(overrides.per_minute) / 60.0;
  if (overrides.burst > 0) limits.burst = static_cast<double>(overrides.burst);
  if (overrides.max_concurrent > 0) limits.max_concurrent = static_cast<int>(overrides.max_concurrent);
  // A bucket smaller than one request would refuse everything.
  if (limits.per_second > 0 && limits.burst < 1) limits.burst = std::max(1.0, std::ceil(limits.per_second));
  return limits;
}

bool Limiter::lock() {
  if (mapping_ == nullptr) return false;
  int rc = pthread_mutex_lock(&mapping_->mutex);
  if (rc == EOWNERDEAD) {
    // A process died inside the table: its counts may be half-changed.
    recount(mapping_->table);
    pthread_mutex_consistent(&mapping_->mutex);
    util::log::warn("tenant limits: a process died holding the table's lock; recounted");
    return true;
  }
  return rc == 0;
}

void Limiter::unlock() { pthread_mutex_unlock(&mapping_->mutex); }

scim::Result<Limiter::Ticket> Limiter::admit(int64_t tenant_id, const LimitOverrides& overrides) {
  TenantLimits limits = limits_for(overrides);
  if (limits.per_second <= 0 && limits.max_concurrent <= 0) return Ticket();
  // The clock is read before the lock: the lock is held only for the
  // table's arithmetic, never across a system call.
  const int64_t now = monotonic_ns();
  // Fail open: a broken lock must not take every tenant's service down.
  if (!lock()) return Ticket();
  Admission admission = http::admit(mapping_->table, tenant_id, limits, now, pid_, pid_alive,
                                    static_cast<int64_t>(options_.lease_max_seconds) * 1000000000LL);
  unlock();
  switch (admission.verdict) {
    case Verdict::kAdmitted: return Ticket(this, tenant_id, admission);
    case Verdict::kUntracked: return Ticket();
    case Verdict::kRateLimited:
      return scim::fail(
          scim::Error::too_many_requests(rate_limited_detail(limits, admission.retry_after), admission.retry_after));
    case Verdict::kTooBusy:
      return scim::fail(scim::Error::too_many_requests(
          "Too many concurrent requests: this tenant may have " + std::to_string(limits.max_concurrent) +
              " requests in progress at once; retry after " + std::to_string(admission.retry_after) + " s.",
          admission.retry_after));
  }
  return Ticket();
}

void Limiter::charge(int64_t tenant_id, const LimitOverrides& overrides, long long requests) {
  TenantLimits limits = limits_for(overrides);
  if (limits.per_second <= 0 || requests <= 0) return;
  const int64_t now = monotonic_ns();
  if (!lock()) return;
  http::charge(mapping_->table, tenant_id, limits, now, static_cast<double>(requests));
  unlock();
}

void Limiter::release(int64_t tenant_id, const Admission& admission) {
  if (!lock()) return;
  http::release(mapping_->table, tenant_id, admission, pid_);
  unlock();
}

std::string default_limits_path(const std::string& name, const std::string& where) {
  return util::host_shared_path(name, where, ".limits");
}

}  // namespace fastscim::http

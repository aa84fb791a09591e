#include "http/limit_table.h"

#include <algorithm>
#include <cmath>

namespace fastscim::http {

namespace {

constexpr double kNanosPerSecond = 1e9;

int home_slot(int64_t tenant_id) {
  // Tenant ids are small consecutive integers: the remainder spreads them.
  return static_cast<int>(static_cast<uint64_t>(tenant_id) % kTenantSlots);
}

// The tenant's slot, or nullptr.
TenantSlot* find(LimitTable& table, int64_t tenant_id) {
  int home = home_slot(tenant_id);
  for (int i = 0; i < kProbeLength; ++i) {
    TenantSlot& slot = table.tenants[(home + i) % kTenantSlots];
    if (slot.tenant_id == tenant_id) return &slot;
  }
  return nullptr;
}

// The tenant's slot, claiming a free or idle one when it has none (a new
// slot starts with a full bucket); nullptr when every probed slot has
// requests in flight.
TenantSlot* find_or_claim(LimitTable& table, int64_t tenant_id, const TenantLimits& limits, int64_t now_ns) {
  int home = home_slot(tenant_id);
  TenantSlot* free_slot = nullptr;
  TenantSlot* idle_slot = nullptr;
  for (int i = 0; i < kProbeLength; ++i) {
    TenantSlot& slot = table.tenants[(home + i) % kTenantSlots];
    if (slot.tenant_id == tenant_id) return &slot;
    if (slot.tenant_id == 0) {
      if (free_slot == nullptr) free_slot = &slot;
    } else if (slot.in_flight <= 0 && (idle_slot == nullptr || slot.used_ns < idle_slot->used_ns)) {
      idle_slot = &slot;
    }
  }
  TenantSlot* spare = free_slot != nullptr ? free_slot : idle_slot;
  if (spare == nullptr) return nullptr;
  *spare = TenantSlot{};
  spare->tenant_id = tenant_id;
  spare->refilled_ns = now_ns;
  spare->used_ns = now_ns;
  spare->tokens = limits.burst;
  return spare;
}

bool expired(const LeaseSlot& lease, int64_t now_ns, const PidAlive& alive, int64_t lease_max_ns) {
  return now_ns - lease.since_ns > lease_max_ns || !alive(lease.pid);
}

// Frees the dead and expired leases of `tenant_id` (of every tenant when
// 0) and returns how many live leases the tenant has.
int reclaim(LimitTable& table, int64_t tenant_id, int64_t now_ns, const PidAlive& alive, int64_t lease_max_ns) {
  int live = 0;
  for (LeaseSlot& lease : table.leases) {
    if (lease.tenant_id == 0 || (tenant_id != 0 && lease.tenant_id != tenant_id)) continue;
    if (expired(lease, now_ns, alive, lease_max_ns)) {
      lease = LeaseSlot{};
    } else {
      ++live;
    }
  }
  return live;
}

int free_lease(const LimitTable& table) {
  for (int i = 0; i < kLeaseSlots; ++i) {
    if (table.leases[i].tenant_id == 0) return i;
  }
  return -1;
}

int seconds_until(double seconds) { return std::max(1, static_cast<int>(std::ceil(seconds))); }

// Brings the slot's bucket up to `now_ns`.
void refill(TenantSlot* slot, const TenantLimits& limits, int64_t now_ns) {
  if (limits.per_second > 0) {
    double elapsed = static_cast<double>(std::max<int64_t>(0, now_ns - slot->refilled_ns)) / kNanosPerSecond;
    slot->tokens = std::min(limits.burst, slot->tokens + elapsed * limits.per_second);
  } else {
    slot->tokens = limits.burst;
  }
  // Processes read the clock before they take the lock, so a later
  // admission may bring an earlier time: the bucket's time never goes back
  // (else the same nanoseconds would refill it twice).
  slot->refilled_ns = std::max(slot->refilled_ns, now_ns);
}

}  // namespace

void charge(LimitTable& table, int64_t tenant_id, const TenantLimits& limits, int64_t now_ns, double requests) {
  if (limits.per_second <= 0 || requests <= 0) return;
  TenantSlot* slot = find_or_claim(table, tenant_id, limits, now_ns);
  if (slot == nullptr) return;  // untracked, as in admit(): fail open
  slot->used_ns = now_ns;
  refill(slot, limits, now_ns);
  slot->tokens -= requests;
}

Admission admit(LimitTable& table, int64_t tenant_id, const TenantLimits& limits, int64_t now_ns, int32_t pid,
                const PidAlive& alive, int64_t lease_max_ns) {
  Admission result;
  TenantSlot* slot = find_or_claim(table, tenant_id, limits, now_ns);
  if (slot == nullptr) return result;  // kUntracked: fail open rather than refuse a tenant for others' load
  slot->used_ns = now_ns;
  refill(slot, limits, now_ns);

  if (limits.max_concurrent > 0 && slot->in_flight >= limits.max_concurrent) {
    // The count may include requests of a process that died: check them.
    slot->in_flight = reclaim(table, tenant_id, now_ns, alive, lease_max_ns);
    if (slot->in_flight >= limits.max_concurrent) {
      result.verdict = Verdict::kTooBusy;
      result.retry_after = 1;
      result.in_flight = slot->in_flight;
      return result;
    }
  }
  if (limits.per_second > 0 && slot->tokens < 1) {
    result.verdict = Verdict::kRateLimited;
    result.retry_after = seconds_until((1 - slot->tokens) / limits.per_second);
    result.in_flight = slot->in_flight;
    return result;
  }

  int lease = free_lease(table);
  if (lease < 0) {
    reclaim(table, 0, now_ns, alive, lease_max_ns);
    recount(table);
    lease = free_lease(table);
  }
  if (limits.per_second > 0) slot->tokens -= 1;
  if (lease < 0) {
    result.in_flight = slot->in_flight;
    return result;  // kUntracked: more requests in flight than lease slots
  }
  table.leases[lease] = LeaseSlot{tenant_id, now_ns, pid, 0};
  ++slot->in_flight;
  result.verdict = Verdict::kAdmitted;
  result.lease = lease;
  result.since_ns = now_ns;
  result.in_flight = slot->in_flight;
  return result;
}

void release(LimitTable& table, int64_t tenant_id, const Admission& admission, int32_t pid) {
  if (admission.verdict != Verdict::kAdmitted || admission.lease < 0 || admission.lease >= kLeaseSlots) return;
  LeaseSlot& lease = table.leases[admission.lease];
  if (lease.tenant_id != tenant_id || lease.pid != pid || lease.since_ns != admission.since_ns) return;
  lease = LeaseSlot{};
  if (TenantSlot* slot = find(table, tenant_id); slot != nullptr && slot->in_flight > 0) --slot->in_flight;
}

void recount(LimitTable& table) {
  for (TenantSlot& slot : table.tenants) slot.in_flight = 0;
  for (const LeaseSlot& lease : table.leases) {
    if (lease.tenant_id == 0) continue;
    if (TenantSlot* slot = find(table, lease.tenant_id)) {
      ++slot->in_flight;
    }
  }
}

}  // namespace fastscim::http

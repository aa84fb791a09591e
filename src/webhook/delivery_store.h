// webhook::DeliveryStore — what the deliverer needs from storage, declared
// here by its consumer and implemented by store::WebhookRepository.
//
// Endpoints are claimed with a lease: claim_due() hands out only endpoints
// that are enabled, due (next attempt time passed) and not leased, and
// leases each to this caller for `lease_seconds` under a fresh lease token.
// Every later call names the claim; a call whose lease has meanwhile been
// lost (expired and taken by another deliverer, or cleared by `webhook
// redeliver`) changes nothing and says so, so two deliverers never advance
// one endpoint's cursor.
//
// Errors are the store's messages (the database is unreachable, …); the
// deliverer logs them and tries again on its next pass.
//
// Thread-safety: an implementation is used by one thread at a time.
#ifndef FASTSCIM_WEBHOOK_DELIVERY_STORE_H_
#define FASTSCIM_WEBHOOK_DELIVERY_STORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "util/result.h"

namespace fastscim::webhook {

template <typename T>
using StoreResult = util::Result<T, std::string>;

// An endpoint this deliverer holds the lease on.
struct Claim {
  std::int64_t endpoint_id = 0;
  std::int64_t tenant_id = 0;
  std::string url;
  std::string secret;                // the signing secret; never logged
  std::uint64_t cursor = 0;          // last position acknowledged by the receiver
  int failures = 0;                  // consecutive failed attempts so far
  std::int64_t failing_seconds = 0;  // since the first of them (0 when none)
  std::string lease_token;
};

// One event of the feed: its position and its JSON text as consumers get it.
struct FeedEvent {
  std::uint64_t position = 0;
  std::string payload;
};

// One attempt, for the delivery log.
struct Attempt {
  std::uint64_t first_position = 0;
  std::uint64_t last_position = 0;
  int event_count = 0;
  int attempt = 1;      // 1 for the first try of this batch
  int http_status = 0;  // 0 when no response came
  std::int64_t latency_ms = 0;
  std::string error;  // "" on success
};

class DeliveryStore {
 public:
  virtual ~DeliveryStore() = default;

  // Leases up to `limit` due endpoints, the longest waiting first.
  virtual StoreResult<std::vector<Claim>> claim_due(int limit, int lease_seconds) = 0;

  // The tenant's events after `after_position`, in position order, at most
  // `limit`.
  virtual StoreResult<std::vector<FeedEvent>> events_after(std::int64_t tenant_id, std::uint64_t after_position,
                                                           int limit) = 0;

  // The receiver acknowledged the batch: logs `attempt`, moves the cursor
  // to attempt.last_position and clears the failure count.  False (and
  // nothing changed but the log) when the lease was lost.
  virtual StoreResult<bool> acknowledge(const Claim& claim, const Attempt& attempt) = 0;

  // The attempt failed: logs it, counts the failure, schedules the next
  // attempt in `retry_in_ms` and gives the lease up; when `disable_reason`
  // is not empty the endpoint is disabled with that reason.
  virtual StoreResult<void> fail(const Claim& claim, const Attempt& attempt, std::int64_t retry_in_ms,
                                 const std::string& disable_reason) = 0;

  // Gives the lease up with the endpoint due again after `due_in_ms`
  // (nothing to send now, or this pass's share is done).
  virtual StoreResult<void> release(const Claim& claim, std::int64_t due_in_ms) = 0;
};

}  // namespace fastscim::webhook

#endif  // FASTSCIM_WEBHOOK_DELIVERY_STORE_H_

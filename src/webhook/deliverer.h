// webhook::Deliverer — one pass of webhook delivery over the endpoints
// that are due.
//
// For each endpoint it claims (DeliveryStore::claim_due, with a lease), it
// reads the events after the endpoint's cursor and POSTs them in order, a
// batch at a time:
//
//   POST <url>
//   Content-Type: application/json
//   Fastscim-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">
//   Fastscim-Webhook-Id: <endpoint id>
//
//   {"cursor":"<last position in the batch>","events":[<event>, …]}
//
// where each <event> is the feed's payload exactly as stored, in position
// order, at most `batch_size` of them.  A 2xx acknowledges the whole batch
// and moves the cursor to its last position; anything else (another
// status, a timeout, a refused connection) is a failure: the same batch is
// tried again after retry_delay_ms() and the endpoint is disabled when
// should_disable() says so.  Delivery is therefore at least once and in
// order per endpoint: a batch is sent again after a failure, or when a
// deliverer died between the receiver's 2xx and the cursor's update (the
// lease expires and another deliverer sends it again).  Receivers drop
// duplicates by event id.
//
// Thread-safety: one Deliverer per thread (its store and client are not
// shared).
#ifndef FASTSCIM_WEBHOOK_DELIVERER_H_
#define FASTSCIM_WEBHOOK_DELIVERER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "webhook/backoff.h"
#include "webhook/delivery_store.h"
#include "webhook/http_client.h"

namespace fastscim::webhook {

struct DeliverySettings {
  int batch_size = 50;          // events per POST
  int endpoints_per_pass = 16;  // endpoints claimed at once
  int lease_seconds = 60;       // a claim's lifetime; must exceed the request timeout
  // A claimed endpoint sends batches until it is caught up or this share
  // of the lease is spent, then gives the turn to the others.
  int max_batches_per_claim = 20;
  RetryPolicy retry;
};

struct PassResult {
  int endpoints = 0;  // endpoints claimed
  int delivered = 0;  // events acknowledged by receivers
  int failed = 0;     // failed attempts
  std::string error;  // the store's error, when the pass stopped on one
};

// The body of a POST carrying `events` (not empty, in position order).
std::string batch_body(const std::vector<FeedEvent>& events);

class Deliverer {
 public:
  // Requires: `store` and `client` outlive the Deliverer.  `now` gives unix
  // seconds for the signature and `random` numbers in [0, 1) for jitter
  // (defaults: the system clock and a seeded PRNG); tests pass their own.
  Deliverer(DeliveryStore& store, HttpClient& client, DeliverySettings settings, std::function<std::int64_t()> now = {},
            std::function<double()> random = {});

  // Claims the due endpoints and delivers what each has pending.  Never
  // throws.
  PassResult run_pass();

 private:
  void deliver(Claim claim, PassResult* result);

  DeliveryStore& store_;
  HttpClient& client_;
  DeliverySettings settings_;
  std::function<std::int64_t()> now_;
  std::function<double()> random_;
};

}  // namespace fastscim::webhook

#endif  // FASTSCIM_WEBHOOK_DELIVERER_H_

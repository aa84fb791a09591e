// auth::TokenUses — token uses waiting to be written, so that recording
// when a token was last used costs a request nothing.
//
// The Authenticator adds a token here (at most once a minute per token and
// worker process, TokenCacheOptions::touch_interval) instead of writing its
// `last_used_at` inside the request; the worker's main thread takes the
// batch about once a second and writes it with TokenStore-independent code
// (store::TokenRepository::touch_all): a few statements and commits a
// second per process, where a synchronous stamp cost every first request of
// a token one commit (a log flush) on the request's path.
//
// Best effort, as the stamp always was: a worker killed before its next
// batch loses at most a second of uses.  At most `capacity` distinct tokens
// wait; more are dropped until the next batch.
//
// Thread-safety: every member may be called from any thread (one mutex).
#ifndef FASTSCIM_AUTH_TOKEN_USES_H_
#define FASTSCIM_AUTH_TOKEN_USES_H_

#include <cstddef>
#include <mutex>
#include <unordered_set>
#include <vector>

namespace fastscim::auth {

class TokenUses {
 public:
  explicit TokenUses(size_t capacity = 65536) : capacity_(capacity) {}

  // Records that the token was used now.
  void add(long long token_id);

  // The tokens used since the last take(), each once, in ascending order;
  // empties the batch.
  std::vector<long long> take();

 private:
  const size_t capacity_;
  std::mutex mutex_;
  std::unordered_set<long long> ids_;
};

}  // namespace fastscim::auth

#endif  // FASTSCIM_AUTH_TOKEN_USES_H_

// auth::TokenCache — the tokens a worker process has accepted recently,
// so that authenticating a request costs no query in steady state.
//
// Keyed by the SHA-256 of the token (the token itself is never kept), each
// entry holds what the lookup returned (tenant, its generation, provisioning
// switch and limits) and when the token expires.  Only accepted tokens are
// kept; an unknown, revoked or expired one is looked up every time.
//
// What makes a cached answer safe to reuse (doc/auth-cache.md):
//  * the database's `auth_epoch`, raised in the transaction of every change
//    a token lookup reads (revoke, rotate, tenant settings, schemas, tenant
//    deletion).  A lookup reads it with the token; find() answers only while
//    the epoch was read by a query that began at most `check_interval` ago,
//    and a new epoch empties the cache.  So a change made anywhere is
//    honoured by every worker on every host within check_interval (+ the
//    query's own time), i.e. within one second with the default 500 ms;
//  * the host's EpochFile, raised after the commit of such a change by the
//    process that made it: a changed value empties the cache at once, so a
//    change made through this host's management API or fastscim-admin (as
//    the workers' user) applies to the very next request;
//  * an answer read before a change can never be stored after it: insert()
//    refuses a record whose epoch is older than the cache's, or that was
//    looked up before the EpochFile moved.
//
// Size: at most `capacity` entries (a few hundred bytes each); the least
// recently used is evicted to make room.
//
// Thread-safety: every member may be called from any thread (one mutex).
#ifndef FASTSCIM_AUTH_TOKEN_CACHE_H_
#define FASTSCIM_AUTH_TOKEN_CACHE_H_

#include <chrono>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "auth/epoch_file.h"
#include "auth/token_store.h"

namespace fastscim::auth {

struct TokenCacheOptions {
  size_t capacity = 16384;
  // How old the last read of the database's epoch may be for find() to answer.
  std::chrono::milliseconds check_interval{500};
  // How often a cached token's last use is recorded (TokenStore::touch).
  std::chrono::seconds touch_interval{60};
};

class TokenCache {
 public:
  using Clock = std::chrono::steady_clock;

  struct Hit {
    TokenRecord record;
    bool touch = false;  // the token's last use should be recorded now
  };

  // `local`: this host's EpochFile, or nullptr.  Requires: it outlives the cache.
  TokenCache(TokenCacheOptions options, const EpochFile* local);

  // True when find() may answer at `now`: the database's epoch was read by
  // a query that began within check_interval before `now`.
  bool fresh(Clock::time_point now);

  // Records `epoch`, the database's auth_epoch read by a query that began at
  // `began`; a new epoch empties the cache.
  void observe(long long epoch, Clock::time_point began);

  // The cached record of `hash`, when fresh() and the token has not expired
  // by `now`; std::nullopt otherwise.
  std::optional<Hit> find(const Digest& hash, Clock::time_point now);

  // The EpochFile's value; take it before a store lookup and pass it to insert().
  uint64_t local_epoch() const { return local_ ? local_->read() : 0; }

  // Keeps `record` (an accepted token: not revoked, not expired) found by a
  // lookup that began at `began`, after reading `local_before` =
  // local_epoch().  Refused when the record's auth_epoch is older than one
  // already seen or the EpochFile moved since `local_before`.
  void insert(const TokenRecord& record, uint64_t local_before, Clock::time_point began);

  size_t size();

 private:
  struct Entry {
    TokenRecord record;
    std::optional<Clock::time_point> expires_at;
    Clock::time_point touched_at;
  };
  struct DigestHash {
    size_t operator()(const Digest& d) const;
  };
  using Lru = std::list<Entry>;

  // Requires: mutex_ held.  Empties the cache when the EpochFile moved.
  void sync_local_locked();
  void clear_locked();

  const TokenCacheOptions options_;
  const EpochFile* local_;
  std::mutex mutex_;
  Lru lru_;  // most recently used first
  std::unordered_map<Digest, Lru::iterator, DigestHash> index_;
  uint64_t local_seen_ = 0;
  long long epoch_ = -1;  // the newest database epoch seen; -1: none yet
  std::optional<Clock::time_point> checked_at_;
};

}  // namespace fastscim::auth

#endif  // FASTSCIM_AUTH_TOKEN_CACHE_H_

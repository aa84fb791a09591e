#include "auth/token_cache.h"

#include <cstring>

namespace fastscim::auth {

size_t TokenCache::DigestHash::operator()(const Digest& d) const {
  // A SHA-256 is uniform already: its first bytes are a good hash.
  size_t h = 0;
  std::memcpy(&h, d.data(), sizeof h);
  return h;
}

TokenCache::TokenCache(TokenCacheOptions options, const EpochFile* local)
    : options_(options), local_(local), local_seen_(local ? local->read() : 0) {
  index_.reserve(options_.capacity);
}

void TokenCache::clear_locked() {
  lru_.clear();
  index_.clear();
}

void TokenCache::sync_local_locked() {
  uint64_t now = local_epoch();
  if (now == local_seen_) return;
  local_seen_ = now;
  clear_locked();
}

bool TokenCache::fresh(Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  return checked_at_ && now - *checked_at_ < options_.check_interval;
}

void TokenCache::observe(long long epoch, Clock::time_point began) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (epoch < epoch_) return;  // a query that began before a newer one answered
  if (epoch > epoch_) {
    epoch_ = epoch;
    clear_locked();
  }
  if (!checked_at_ || began > *checked_at_) checked_at_ = began;
}

std::optional<TokenCache::Hit> TokenCache::find(const Digest& hash, Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  sync_local_locked();
  if (!checked_at_ || now - *checked_at_ >= options_.check_interval) return std::nullopt;
  auto it = index_.find(hash);
  if (it == index_.end()) return std::nullopt;
  Entry& entry = *it->second;
  if (entry.expires_at && now >= *entry.expires_at) {
    lru_.erase(it->second);
    index_.erase(it);
    return std::nullopt;
  }
  lru_.splice(lru_.begin(), lru_, it->second);
  Hit hit{entry.record, false};
  if (now - entry.touched_at >= options_.touch_interval) {
    entry.touched_at = now;
    hit.touch = true;
  }
  return hit;
}

void TokenCache::insert(const TokenRecord& record, uint64_t local_before, Clock::time_point began) {
  if (options_.capacity == 0 || record.revoked || record.expired) return;
  std::lock_guard<std::mutex> lock(mutex_);
  sync_local_locked();
  if (local_before != local_seen_) return;  // read before a change this host made
  if (record.auth_epoch < epoch_) return;   // read before a change seen since
  if (record.auth_epoch > epoch_) {
    epoch_ = record.auth_epoch;
    clear_locked();
  }
  // The lookup read the epoch with the token: as good as a check begun then.
  if (!checked_at_ || began > *checked_at_) checked_at_ = began;

  Entry entry{record, std::nullopt, began};
  if (record.expires_in_us) entry.expires_at = began + std::chrono::microseconds(*record.expires_in_us);
  auto it = index_.find(record.hash);
  if (it != index_.end()) {
    *it->second = std::move(entry);
    lru_.splice(lru_.begin(), lru_, it->second);
    return;
  }
  if (lru_.size() >= options_.capacity) {
    index_.erase(lru_.back().record.hash);
    lru_.pop_back();
  }
  lru_.push_front(std::move(entry));
  index_.emplace(record.hash, lru_.begin());
}

size_t TokenCache::size() {
  std::lock_guard<std::mutex> lock(mutex_);
  return lru_.size();
}

}  // namespace fastscim::auth

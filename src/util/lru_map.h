// util::LruMap — a map with a fixed number of entries that evicts the least
// recently used one to make room.
//
// For per-process and per-thread caches whose key space is unbounded (one
// entry per tenant, per token...): their memory stays at `capacity` entries
// whatever the traffic, and the entries in use stay cached.  find() and
// put() count as a use; evicted values are destroyed at once.
//
// Thread-safety: none; the owner serialises every call (or owns one per
// thread).  Pointers returned by find() and put() stay valid until the entry
// is evicted, erased or replaced.
#ifndef FASTSCIM_UTIL_LRU_MAP_H_
#define FASTSCIM_UTIL_LRU_MAP_H_

#include <cstddef>
#include <functional>
#include <list>
#include <unordered_map>
#include <utility>

namespace fastscim::util {

template <typename Key, typename Value, typename Hash = std::hash<Key>>
class LruMap {
 public:
  // Requires: capacity >= 1.
  explicit LruMap(size_t capacity) : capacity_(capacity < 1 ? 1 : capacity) {}

  // The value of `key`, now the most recently used; nullptr when absent.
  Value* find(const Key& key) {
    auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    order_.splice(order_.begin(), order_, it->second);
    return &it->second->second;
  }

  // Stores `value` under `key` (replacing a value already there) as the most
  // recently used entry, evicting the least recently used one when full.
  Value& put(const Key& key, Value value) {
    auto it = index_.find(key);
    if (it != index_.end()) {
      it->second->second = std::move(value);
      order_.splice(order_.begin(), order_, it->second);
      return it->second->second;
    }
    if (order_.size() >= capacity_) {
      index_.erase(order_.back().first);
      order_.pop_back();
      ++evictions_;
    }
    order_.emplace_front(key, std::move(value));
    index_.emplace(key, order_.begin());
    return order_.front().second;
  }

  // Removes `key`; false when it was absent.
  bool erase(const Key& key) {
    auto it = index_.find(key);
    if (it == index_.end()) return false;
    order_.erase(it->second);
    index_.erase(it);
    return true;
  }

  void clear() {
    index_.clear();
    order_.clear();
  }

  size_t size() const { return order_.size(); }
  size_t capacity() const { return capacity_; }
  // Entries evicted to make room since construction.
  size_t evictions() const { return evictions_; }

 private:
  using Order = std::list<std::pair<Key, Value>>;  // most recently used first

  size_t capacity_;
  size_t evictions_ = 0;
  Order order_;
  std::unordered_map<Key, typename Order::iterator, Hash> index_;
};

}  // namespace fastscim::util

#endif  // FASTSCIM_UTIL_LRU_MAP_H_

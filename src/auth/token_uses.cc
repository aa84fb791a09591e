#include "auth/token_uses.h"

#include <algorithm>

namespace fastscim::auth {

void TokenUses::add(long long token_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (ids_.size() < capacity_) ids_.insert(token_id);
}

std::vector<long long> TokenUses::take() {
  std::unordered_set<long long> taken;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    taken.swap(ids_);
  }
  std::vector<long long> batch(taken.begin(), taken.end());
  std::sort(batch.begin(), batch.end());
  return batch;
}

}  // namespace fastscim::auth

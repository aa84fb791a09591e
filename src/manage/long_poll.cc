#include "manage/long_poll.h"

namespace fastscim::manage {

LongPolls::Slot LongPolls::enter() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (stopping_ || waiting_ >= max_waiting_) return Slot(nullptr);
  ++waiting_;
  return Slot(this);
}

void LongPolls::leave() {
  std::lock_guard<std::mutex> lock(mutex_);
  --waiting_;
}

bool LongPolls::sleep_for(std::chrono::milliseconds duration) {
  std::unique_lock<std::mutex> lock(mutex_);
  wake_.wait_for(lock, duration, [this] { return stopping_; });
  return !stopping_;
}

bool LongPolls::stopping() {
  std::lock_guard<std::mutex> lock(mutex_);
  return stopping_;
}

void LongPolls::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
}

}  // namespace fastscim::manage

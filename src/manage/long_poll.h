// manage::LongPolls — the waiting room of a worker process's long polls
// (GET …/events?wait=SECONDS): how many requests may wait at once, how
// they sleep between reads of the feed, and how a draining worker ends
// every wait at once.
//
// A waiting request holds one of the worker's few serving threads, so at
// most `max_waiting` (half the threads by default, at least one) may wait
// at a time; enter() refuses the next.  A room for 0 (a worker of one
// thread) means requests never wait.  stop() (on SIGTERM) wakes every
// sleeper and makes every later sleep return at once, so a draining worker
// never waits out a long poll.
//
// Thread-safety: one instance per process, shared by its serving threads;
// every member is safe to call concurrently.
#ifndef FASTSCIM_MANAGE_LONG_POLL_H_
#define FASTSCIM_MANAGE_LONG_POLL_H_

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace fastscim::manage {

class LongPolls {
 public:
  // Between two reads of the feed: one indexed SELECT per interval.
  static constexpr std::chrono::milliseconds kPollInterval{250};
  // The longest wait a request may ask for, in seconds.
  static constexpr int kMaxWaitSeconds = 30;

  explicit LongPolls(int max_waiting) : max_waiting_(max_waiting < 0 ? 0 : max_waiting) {}
  LongPolls(const LongPolls&) = delete;
  LongPolls& operator=(const LongPolls&) = delete;

  // A place in the waiting room, given back when destroyed; false when
  // the room was full (or the process is stopping).
  class Slot {
   public:
    Slot(Slot&& other) noexcept : polls_(other.polls_) { other.polls_ = nullptr; }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    Slot& operator=(Slot&&) = delete;
    ~Slot() {
      if (polls_ != nullptr) polls_->leave();
    }
    explicit operator bool() const { return polls_ != nullptr; }

   private:
    friend class LongPolls;
    explicit Slot(LongPolls* polls) : polls_(polls) {}
    LongPolls* polls_;
  };

  Slot enter();

  // Sleeps for `duration` or until stop(); returns false when stopping.
  bool sleep_for(std::chrono::milliseconds duration);

  // Ends every wait now and every later one at once.
  void stop();

  int max_waiting() const { return max_waiting_; }
  bool stopping();

 private:
  void leave();

  const int max_waiting_;
  std::mutex mutex_;
  std::condition_variable wake_;
  int waiting_ = 0;
  bool stopping_ = false;
};

}  // namespace fastscim::manage

#endif  // FASTSCIM_MANAGE_LONG_POLL_H_

#include "app/supervisor.h"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <map>

#include "app/delivery.h"
#include "app/systemd.h"
#include "app/worker.h"
#include "http/fcgi_request.h"
#include "util/log.h"
#include "util/metrics.h"

namespace fastscim::app {

namespace {

volatile sig_atomic_t g_terminate = 0;
volatile sig_atomic_t g_reap = 0;
volatile sig_atomic_t g_reload = 0;
volatile sig_atomic_t g_reopen = 0;
volatile sig_atomic_t g_alarm = 0;

void on_signal(int signo) {
  switch (signo) {
    case SIGTERM:
    case SIGINT:
    case SIGQUIT: g_terminate = 1; break;
    case SIGCHLD: g_reap = 1; break;
    case SIGHUP: g_reload = 1; break;
    case SIGUSR1: g_reopen = 1; break;
    case SIGALRM: g_alarm = 1; break;
    default: break;
  }
}

constexpr int kHandled[] = {SIGTERM, SIGINT, SIGQUIT, SIGCHLD, SIGHUP, SIGUSR1, SIGALRM};
constexpr int kDrainSeconds = 30;

// The delivery process's name in ps and /proc/PID/comm (15 bytes at most),
// so that operators (and the tests) tell it from the workers.
constexpr char kDelivererName[] = "fastscimd-hooks";

struct Child {
  int generation = 0;
  bool exiting = false;  // asked to stop; do not restart
  std::time_t started = 0;
  bool deliverer = false;  // the webhook delivery process, not a worker
};

class Master {
 public:
  Master(Config config, int listen_fd) : config_(std::move(config)), listen_fd_(listen_fd) {}

  pid_t spawn(bool deliverer = false) {
    pid_t pid = ::fork();
    if (pid < 0) {
      util::log::error(std::string("fork failed: ") + std::strerror(errno));
      return -1;
    }
    if (pid == 0) {
      // The worker takes signals its own way; undo the master's handlers.
      for (int s : kHandled) ::signal(s, SIG_DFL);
      sigset_t none;
      sigemptyset(&none);
      sigprocmask(SIG_SETMASK, &none, nullptr);
      if (deliverer) {
        ::close(listen_fd_);
        ::prctl(PR_SET_NAME, kDelivererName, 0, 0, 0);
        ::_exit(run_delivery_process(config_));
      }
      ::_exit(run_worker(config_, listen_fd_));
    }
    children_[pid] = Child{generation_, false, std::time(nullptr), deliverer};
    return pid;
  }

  void spawn_all() {
    for (int i = 0; i < config_.workers; ++i) spawn();
    if (config_.webhook_delivery) spawn(true);
  }

  void signal_generation(int signo, int generation) {
    for (auto& [pid, child] : children_) {
      if (child.generation != generation) continue;
      if (signo == SIGTERM) child.exiting = true;
      ::kill(pid, signo);
    }
  }

  void reap() {
    int status = 0;
    pid_t pid;
    while ((pid = ::waitpid(-1, &status, WNOHANG)) > 0) {
      auto it = children_.find(pid);
      if (it == children_.end()) continue;
      Child child = it->second;
      children_.erase(it);
      if (child.exiting || g_terminate) continue;
      std::string how = WIFSIGNALED(status) ? "was killed by signal " + std::to_string(WTERMSIG(status))
                                            : "exited with status " + std::to_string(WEXITSTATUS(status));
      util::log::error(std::string(child.deliverer ? "webhook delivery process " : "worker ") + std::to_string(pid) +
                       " " + how + "; restarting it");
      // A worker that dies right after starting would otherwise be restarted
      // in a tight loop; delay restarts while that keeps happening.
      bool died_young = std::time(nullptr) - child.started < 2;
      if (!child.deliverer) util::metrics::add(util::metrics::Counter::kWorkerRestarts);
      restart_delay_ = died_young ? std::min(restart_delay_ == 0 ? 1 : restart_delay_ * 2, 30) : 0;
      if (child.deliverer) {
        pending_deliverer_ = true;
      } else {
        ++pending_restarts_;
      }
    }
  }

  void restart_pending() {
    if (pending_restarts_ == 0 && !pending_deliverer_) return;
    if (restart_delay_ > 0 && !g_alarm) {
      ::alarm(static_cast<unsigned>(restart_delay_));
      return;
    }
    g_alarm = 0;
    while (pending_restarts_ > 0) {
      spawn();
      --pending_restarts_;
    }
    if (pending_deliverer_) {
      pending_deliverer_ = false;
      if (config_.webhook_delivery) spawn(true);
    }
  }

  void reload(const ConfigLoader& loader) {
    Config fresh = config_;
    if (!loader(&fresh)) {
      util::log::error("configuration reload failed; keeping the running configuration");
      return;
    }
    if (fresh.listen != config_.listen) {
      util::log::warn("the listen address cannot change on reload; restart fastscimd to move it");
      fresh.listen = config_.listen;
    }
    config_ = fresh;
    int old_generation = generation_++;
    spawn_all();
    signal_generation(SIGTERM, old_generation);
    util::log::info("configuration reloaded; " + std::to_string(config_.workers) + " new workers started");
  }

  const Config& config() const { return config_; }

  void reopen_logs() {
    util::log::reopen();
    for (auto& [pid, child] : children_) ::kill(pid, SIGUSR1);
  }

  // Stops every worker and waits for them to drain (SIGKILL after a while).
  void shutdown() {
    for (auto& [pid, child] : children_) {
      child.exiting = true;
      ::kill(pid, SIGTERM);
    }
    std::time_t deadline = std::time(nullptr) + kDrainSeconds;
    while (!children_.empty()) {
      int status = 0;
      pid_t pid = ::waitpid(-1, &status, WNOHANG);
      if (pid > 0) {
        children_.erase(pid);
        continue;
      }
      if (pid < 0 && errno == ECHILD) break;
      if (std::time(nullptr) > deadline) {
        util::log::warn("workers did not drain within " + std::to_string(kDrainSeconds) + " s; killing them");
        for (auto& [child_pid, child] : children_) ::kill(child_pid, SIGKILL);
        deadline = std::time(nullptr) + 5;
      }
      ::usleep(20000);
    }
  }

 private:
  Config config_;
  int listen_fd_;
  int generation_ = 0;
  std::map<pid_t, Child> children_;
  int pending_restarts_ = 0;
  bool pending_deliverer_ = false;
  int restart_delay_ = 0;
};

}  // namespace

int run_supervisor(const Config& config, const ConfigLoader& reload, int inherited_fd) {
  std::string error;
  int fd = inherited_fd;
  if (fd < 0) fd = http::FcgiRequest::open_socket(config.listen, config.backlog, config.socket_mode, &error);
  if (fd < 0) {
    util::log::error(error);
    return 1;
  }
  std::string where = inherited_fd >= 0 ? "the socket passed by the service manager" : config.listen;

  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  sigset_t blocked;
  sigemptyset(&blocked);
  for (int s : kHandled) {
    sigaction(s, &action, nullptr);
    sigaddset(&blocked, s);
  }
  ::signal(SIGPIPE, SIG_IGN);
  sigprocmask(SIG_BLOCK, &blocked, nullptr);

  util::log::info("fastscimd listening on " + where + " with " + std::to_string(config.workers) + " workers x " +
                  std::to_string(config.threads) + " threads");
  Master master(config, fd);
  master.spawn_all();
  auto ready = [&master, &where] {
    return "serving on " + where + " with " + std::to_string(master.config().workers) + " workers x " +
           std::to_string(master.config().threads) + " threads";
  };
  systemd::notify_ready(ready());

  sigset_t wait_mask;
  sigemptyset(&wait_mask);
  while (true) {
    sigsuspend(&wait_mask);
    if (g_terminate) break;
    if (g_reap) {
      g_reap = 0;
      master.reap();
    }
    if (g_reload) {
      g_reload = 0;
      systemd::notify_reloading();
      master.reload(reload);
      systemd::notify_ready(ready());
    }
    if (g_reopen) {
      g_reopen = 0;
      master.reopen_logs();
    }
    master.restart_pending();
  }
  util::log::info("stopping: draining workers");
  systemd::notify_stopping();
  ::close(fd);
  master.shutdown();
  // A passed socket belongs to the service manager, which keeps it.
  if (inherited_fd < 0 && config.listen.rfind("unix:", 0) == 0) ::unlink(config.listen.substr(5).c_str());
  util::log::info("stopped");
  return 0;
}

}  // namespace fastscim::app

// app::Supervisor — the pre-forking master process, after nginx's
// ngx_master_process_cycle.
//
// It owns the listening socket, forks the workers and the webhook delivery
// process (app/delivery.h; unless webhook_delivery = off), and then only
// reacts to signals: signal handlers set sig_atomic_t flags and all work happens in
// the loop around sigsuspend().
//   SIGCHLD          reap; restart any worker (or the delivery process) that
//                    was not asked to exit
//                    (with a growing delay if workers keep dying at start)
//   SIGTERM, SIGINT  stop accepting, let workers drain, exit
//   SIGHUP           re-read the configuration, start new workers, drain
//                    the old ones (the listen address itself is kept)
//   SIGUSR1          reopen the log file, in the master and every worker
// Under systemd it reports readiness, reloads and stopping (sd_notify).
// It knows nothing about SCIM.
//
// Thread-safety: single-threaded by design (it forks).
#ifndef FASTSCIM_APP_SUPERVISOR_H_
#define FASTSCIM_APP_SUPERVISOR_H_

#include <functional>
#include <string>

#include "app/config.h"

namespace fastscim::app {

// Reloads the configuration (for SIGHUP); returns false and logs on error.
using ConfigLoader = std::function<bool(Config*)>;

// Runs the supervisor until SIGTERM/SIGINT.  Returns the exit status.
// It listens on config.listen, or, when `inherited_fd` >= 0, on that socket
// (socket activation, app/systemd.h), which it then neither creates nor
// removes.  It tells a service manager when it is ready, reloading and
// stopping (app/systemd.h).
int run_supervisor(const Config& config, const ConfigLoader& reload, int inherited_fd = -1);

}  // namespace fastscim::app

#endif  // FASTSCIM_APP_SUPERVISOR_H_

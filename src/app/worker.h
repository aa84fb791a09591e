// app::Worker — one process serving FastCGI requests with N threads.
//
// Each thread owns its database connection and request object and waits in
// poll() on the listening socket (or its kept-alive connection) together
// with a wake-up pipe.  SIGTERM/SIGINT/SIGQUIT make every thread finish the
// request it is serving and return (a long poll of the management API
// answers at once); SIGUSR1 reopens the log file.  At most half the
// threads (rounded down) may be waiting in a long poll at a time
// (manage/long_poll.h).
//
// Thread-safety: run_worker() is called once per process.
#ifndef FASTSCIM_APP_WORKER_H_
#define FASTSCIM_APP_WORKER_H_

#include "app/config.h"

namespace fastscim::app {

// Serves requests arriving on `listen_fd` until told to stop by a signal.
// Returns the process exit status.
int run_worker(const Config& config, int listen_fd);

// Serves exactly one plain-CGI request (environment + stdin/stdout).
int run_cgi(const Config& config);

}  // namespace fastscim::app

#endif  // FASTSCIM_APP_WORKER_H_

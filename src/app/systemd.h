// app::systemd — fastscimd under a service manager (sd-daemon(3)).
//
// Socket activation: a listening socket handed over by the service manager
// (fastscimd.socket) through LISTEN_FDS/LISTEN_PID, as sd_listen_fds(3)
// describes.  Readiness and state: sd_notify(3) messages to NOTIFY_SOCKET,
// which make `Type=notify` in fastscimd.service true.  Without a service
// manager (no such variables) both do nothing, so fastscimd runs the same
// from a shell, from `make run` and from the tests.
//
// The only place that includes libsystemd.
//
// Thread-safety: call from the supervisor's single thread, before it forks
// (inherited_listen_socket unsets the variables so that the workers do not
// see them) or in its loop (notify_*).
#ifndef FASTSCIM_APP_SYSTEMD_H_
#define FASTSCIM_APP_SYSTEMD_H_

#include <string>

namespace fastscim::app::systemd {

// The listening socket passed by socket activation: its fd (3) when
// LISTEN_PID is this process and LISTEN_FDS is 1 and that fd is a
// listening stream socket; -1 when nothing was passed.  More than one
// socket, or one that is not a listening stream socket, is an error:
// returns -2 and sets `error`.  Unsets LISTEN_* either way.
int inherited_listen_socket(std::string* error);

// READY=1 with a STATUS= line: the workers are started.
void notify_ready(const std::string& status);

// RELOADING=1: a SIGHUP reload started (notify_ready follows when done).
void notify_reloading();

// STOPPING=1: draining after SIGTERM.
void notify_stopping();

}  // namespace fastscim::app::systemd

#endif  // FASTSCIM_APP_SYSTEMD_H_

#include "app/systemd.h"

#include <sys/socket.h>

#include <systemd/sd-daemon.h>

namespace fastscim::app::systemd {

int inherited_listen_socket(std::string* error) {
  int n = sd_listen_fds(1);  // 1: unset LISTEN_* so that no child acts on them
  if (n <= 0) return -1;
  if (n > 1) {
    *error = "the service manager passed " + std::to_string(n) +
             " sockets; fastscimd.socket must have exactly one ListenStream=";
    return -2;
  }
  int fd = SD_LISTEN_FDS_START;
  if (sd_is_socket(fd, AF_UNSPEC, SOCK_STREAM, 1) <= 0) {
    *error = "the socket passed by the service manager is not a listening stream socket (Accept=no, ListenStream=)";
    return -2;
  }
  return fd;
}

// sd_notify's result is not checked: without NOTIFY_SOCKET it returns 0,
// and a manager that went away is no reason to stop serving.
void notify_ready(const std::string& status) { sd_notify(0, ("READY=1\nSTATUS=" + status).c_str()); }

void notify_reloading() { sd_notify(0, "RELOADING=1"); }

void notify_stopping() { sd_notify(0, "STOPPING=1"); }

}  // namespace fastscim::app::systemd

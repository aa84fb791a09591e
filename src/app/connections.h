// app::Connections — the FastCGI connections of one worker process, shared
// by its serving threads, so that a connection the web server keeps open
// between requests (nginx's fastcgi_keep_conn on) waits without holding a
// thread.
//
// Every thread waits in one epoll set holding the listening socket, the
// wake-up pipe and each kept connection that is between requests.  The
// listener and the kept connections are armed one-shot: exactly one thread
// takes each arrival.  A thread serves the request, then hands it back with
// done(): a connection that stays open is parked in the set again, one the
// peer or libfcgi closed leaves an FCGX request object for reuse.  So
// threads are held only by requests in progress, however many connections
// nginx keeps (nginx/README.md).
//
// At most `max_parked` idle connections are kept; past that a finished
// connection is closed (nginx opens a new one when it needs it).
//
// Thread-safety: next() and done() may be called from any thread.
#ifndef FASTSCIM_APP_CONNECTIONS_H_
#define FASTSCIM_APP_CONNECTIONS_H_

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "http/fcgi_request.h"

namespace fastscim::app {

class Connections {
 public:
  // Requires: `listen_fd` is non-blocking; `wake_fd` becomes readable (and
  // stays so) when the threads must stop.  On failure *error says why and
  // valid() is false.
  Connections(int listen_fd, int wake_fd, size_t max_parked, std::string* error);
  ~Connections();
  Connections(const Connections&) = delete;
  Connections& operator=(const Connections&) = delete;

  bool valid() const { return epoll_fd_ >= 0; }

  // Waits for the next request, on a new connection or a kept one, and
  // returns it accepted; nullptr once `wake_fd` is readable.
  std::unique_ptr<http::FcgiRequest> next();

  // Finishes `request` (served) and keeps its connection when still open.
  void done(std::unique_ptr<http::FcgiRequest> request);

 private:
  std::unique_ptr<http::FcgiRequest> spare();
  void rearm_listener();

  const int listen_fd_;
  const size_t max_parked_;
  int epoll_fd_ = -1;
  std::mutex mutex_;
  std::unordered_map<http::FcgiRequest*, std::unique_ptr<http::FcgiRequest>> parked_;
  std::vector<std::unique_ptr<http::FcgiRequest>> spares_;
  // Addresses that tag the listener's and the wake-up pipe's events.
  char listen_tag_ = 0;
  char wake_tag_ = 0;
};

}  // namespace fastscim::app

#endif  // FASTSCIM_APP_CONNECTIONS_H_

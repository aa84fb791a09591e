// http::FcgiRequest — an FCGX_Request owned for its whole life.
//
// The constructor initialises the request on a listening socket; accept()
// waits for the next request (or the next one on a kept-alive connection);
// finish() — also run by the destructor — completes the current one.
//
// Thread-safety: one FcgiRequest per thread; FcgiRequest::init_library()
// must run once before any thread is started.
#ifndef FASTSCIM_HTTP_FCGI_REQUEST_H_
#define FASTSCIM_HTTP_FCGI_REQUEST_H_

#include <memory>
#include <string>

#include "http/exchange.h"

namespace fastscim::http {

class FcgiRequest : public Exchange {
 public:
  // Calls FCGX_Init(); returns false on failure.
  static bool init_library();
  // Opens a listening socket ("unix:/path" or "host:port"; a unix path is
  // created with `mode`, through the umask, never chmod'ed afterwards).
  // Returns the fd, or -1 with a message in *error.  Requires: no other
  // thread creates files meanwhile (the umask is process-wide).
  static int open_socket(const std::string& address, int backlog, int mode, std::string* error);

  explicit FcgiRequest(int listen_fd);
  ~FcgiRequest() override;
  FcgiRequest(const FcgiRequest&) = delete;
  FcgiRequest& operator=(const FcgiRequest&) = delete;

  // Accepts the next request.  Returns false when nothing could be accepted
  // (a non-blocking listener had nothing ready, or the peer went away).
  bool accept();
  void finish();
  // The fd a request will arrive on next: the kept-alive connection if
  // there is one, otherwise the listening socket.
  int wait_fd() const;

  const char* param(const char* name) const override;
  long read(char* buffer, size_t n) override;
  bool write(std::string_view data) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int listen_fd_;
};

}  // namespace fastscim::http

#endif  // FASTSCIM_HTTP_FCGI_REQUEST_H_

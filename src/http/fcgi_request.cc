#include "http/fcgi_request.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcgiapp.h>

#include "util/strings.h"

namespace fastscim::http {

struct FcgiRequest::Impl {
  FCGX_Request request;
  bool active = false;
};

bool FcgiRequest::init_library() { return FCGX_Init() == 0; }

int FcgiRequest::open_socket(const std::string& address, int backlog, int mode, std::string* error) {
  std::string path;
  if (util::starts_with(address, "unix:")) {
    path = address.substr(5);
    ::unlink(path.c_str());  // a stale socket from a previous run would make bind fail
  } else if (address.find(':') == std::string::npos) {
    *error = "listen address must be unix:/path or host:port, not \"" + address + "\"";
    return -1;
  }
  // libfcgi treats "host:port" and ":port" as TCP and anything else as a path.
  std::string spec = path.empty() ? address : path;
  // bind() creates the socket file with 0777 & ~umask: with the umask set
  // to the complement of `mode` it is born with that mode, never for a moment
  // more open (a chmod afterwards leaves a window in which anyone could
  // connect).  The umask is process-wide; this runs before any thread starts.
  const mode_t previous = ::umask(static_cast<mode_t>(~mode & 0777));
  int fd = FCGX_OpenSocket(spec.c_str(), backlog);
  const int open_errno = errno;
  ::umask(previous);
  if (fd < 0) {
    *error = "cannot listen on " + address + ": " + std::strerror(open_errno);
    return -1;
  }
  return fd;
}

FcgiRequest::FcgiRequest(int listen_fd) : impl_(std::make_unique<Impl>()), listen_fd_(listen_fd) {
  FCGX_InitRequest(&impl_->request, listen_fd, FCGI_FAIL_ACCEPT_ON_INTR);
}

FcgiRequest::~FcgiRequest() {
  finish();
  // Closes a kept-alive connection too.
  FCGX_Free(&impl_->request, 1);
}

bool FcgiRequest::accept() {
  impl_->active = FCGX_Accept_r(&impl_->request) == 0;
  return impl_->active;
}

void FcgiRequest::finish() {
  if (impl_->active) {
    FCGX_Finish_r(&impl_->request);
    impl_->active = false;
  }
}

int FcgiRequest::wait_fd() const { return impl_->request.ipcFd >= 0 ? impl_->request.ipcFd : listen_fd_; }

const char* FcgiRequest::param(const char* name) const { return FCGX_GetParam(name, impl_->request.envp); }

long FcgiRequest::read(char* buffer, size_t n) {
  int got = FCGX_GetStr(buffer, static_cast<int>(n), impl_->request.in);
  if (got == 0 && FCGX_GetError(impl_->request.in) != 0) return -1;
  return got;
}

bool FcgiRequest::write(std::string_view data) {
  // FCGX_PutStr takes an int: a larger piece is handed over in parts.
  constexpr size_t kMaxPiece = 1 << 20;
  while (!data.empty()) {
    int n = static_cast<int>(std::min(data.size(), kMaxPiece));
    if (FCGX_PutStr(data.data(), n, impl_->request.out) != n) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

}  // namespace fastscim::http

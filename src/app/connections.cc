#include "app/connections.h"

#include <sys/epoll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace fastscim::app {

Connections::Connections(int listen_fd, int wake_fd, size_t max_parked, std::string* error)
    : listen_fd_(listen_fd), max_parked_(max_parked) {
  int fd = ::epoll_create1(EPOLL_CLOEXEC);
  if (fd < 0) {
    *error = std::string("epoll_create1: ") + std::strerror(errno);
    return;
  }
  epoll_event listen{};
  listen.events = EPOLLIN | EPOLLONESHOT;
  listen.data.ptr = &listen_tag_;
  // Level-triggered and never read: once written it wakes every thread.
  epoll_event wake{};
  wake.events = EPOLLIN;
  wake.data.ptr = &wake_tag_;
  if (::epoll_ctl(fd, EPOLL_CTL_ADD, listen_fd, &listen) != 0 || ::epoll_ctl(fd, EPOLL_CTL_ADD, wake_fd, &wake) != 0) {
    *error = std::string("epoll_ctl: ") + std::strerror(errno);
    ::close(fd);
    return;
  }
  epoll_fd_ = fd;
}

Connections::~Connections() {
  parked_.clear();  // closes the kept connections
  if (epoll_fd_ >= 0) ::close(epoll_fd_);
}

std::unique_ptr<http::FcgiRequest> Connections::spare() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (spares_.empty()) return std::make_unique<http::FcgiRequest>(listen_fd_);
  std::unique_ptr<http::FcgiRequest> request = std::move(spares_.back());
  spares_.pop_back();
  return request;
}

void Connections::rearm_listener() {
  epoll_event listen{};
  listen.events = EPOLLIN | EPOLLONESHOT;
  listen.data.ptr = &listen_tag_;
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, listen_fd_, &listen);
}

std::unique_ptr<http::FcgiRequest> Connections::next() {
  for (;;) {
    epoll_event event{};
    if (::epoll_wait(epoll_fd_, &event, 1, -1) != 1) continue;  // EINTR
    if (event.data.ptr == &wake_tag_) return nullptr;
    std::unique_ptr<http::FcgiRequest> request;
    if (event.data.ptr == &listen_tag_) {
      request = spare();
      // The listener is non-blocking: a connection another process took
      // first makes accept() fail, and this thread waits again.
      bool accepted = request->accept();
      rearm_listener();
      if (accepted) return request;
    } else {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = parked_.find(static_cast<http::FcgiRequest*>(event.data.ptr));
        if (it == parked_.end()) continue;
        request = std::move(it->second);
        parked_.erase(it);
      }
      ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, request->wait_fd(), nullptr);
      // False when the web server closed the connection: libfcgi then
      // closes it too (and may find a new one on the listener).
      if (request->accept()) return request;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    spares_.push_back(std::move(request));
  }
}

void Connections::done(std::unique_ptr<http::FcgiRequest> request) {
  request->finish();
  int fd = request->wait_fd();
  std::lock_guard<std::mutex> lock(mutex_);
  if (fd == listen_fd_) {  // libfcgi closed the connection
    spares_.push_back(std::move(request));
    return;
  }
  if (parked_.size() >= max_parked_) return;  // the destructor closes it
  http::FcgiRequest* key = request.get();
  parked_.emplace(key, std::move(request));
  epoll_event kept{};
  kept.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT;
  kept.data.ptr = key;
  if (::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &kept) != 0) parked_.erase(key);
}

}  // namespace fastscim::app

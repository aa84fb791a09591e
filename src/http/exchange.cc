#include "http/exchange.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>

namespace fastscim::http {

const char* CgiExchange::param(const char* name) const { return std::getenv(name); }

long CgiExchange::read(char* buffer, size_t n) {
  while (true) {
    ssize_t got = ::read(STDIN_FILENO, buffer, n);
    if (got < 0 && errno == EINTR) continue;
    return got;
  }
}

bool CgiExchange::write(std::string_view data) {
  while (!data.empty()) {
    ssize_t put = ::write(STDOUT_FILENO, data.data(), data.size());
    if (put < 0 && errno == EINTR) continue;
    if (put <= 0) return false;
    data.remove_prefix(static_cast<size_t>(put));
  }
  return true;
}

}  // namespace fastscim::http

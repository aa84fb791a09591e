// http::Exchange — one request/response conversation with the web server.
//
// The same handler code serves FastCGI (FcgiRequest) and plain CGI
// (CgiExchange): both expose CGI/1.1 variables, a request body stream and
// an output stream in CGI response format ("Status: 200 OK\r\n...").
//
// Thread-safety: an Exchange belongs to the thread serving it.
#ifndef FASTSCIM_HTTP_EXCHANGE_H_
#define FASTSCIM_HTTP_EXCHANGE_H_

#include <cstddef>
#include <string_view>

namespace fastscim::http {

class Exchange {
 public:
  virtual ~Exchange() = default;
  // The CGI variable `name` (e.g. "REQUEST_METHOD"), or nullptr if unset.
  virtual const char* param(const char* name) const = 0;
  // Reads up to `n` body bytes; returns the count, 0 at the end, -1 on error.
  virtual long read(char* buffer, size_t n) = 0;
  // Writes response bytes; false when the web server went away.
  virtual bool write(std::string_view data) = 0;
};

// Plain CGI: variables from the environment, body on stdin, response on stdout.
class CgiExchange : public Exchange {
 public:
  const char* param(const char* name) const override;
  long read(char* buffer, size_t n) override;
  bool write(std::string_view data) override;
};

}  // namespace fastscim::http

#endif  // FASTSCIM_HTTP_EXCHANGE_H_

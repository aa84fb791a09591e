// webhook::HttpClient — one HTTP POST, for webhook delivery.
//
// CurlClient is the implementation on libcurl (the only user of
// <curl/curl.h>): a timeout on connecting and one on the whole request,
// redirects never followed, http and https only, the response body read
// and dropped (its first bytes kept for the delivery log), connections
// reused between posts to the same host.
//
// Thread-safety: an HttpClient is used by one thread at a time.  Call
// init_http() once before any thread starts.
#ifndef FASTSCIM_WEBHOOK_HTTP_CLIENT_H_
#define FASTSCIM_WEBHOOK_HTTP_CLIENT_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace fastscim::webhook {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpResult {
  int status = 0;          // the HTTP status; 0 when no response came
  std::string error;       // why no response came ("" when one did)
  std::string body_start;  // the response body's first bytes
  std::int64_t latency_ms = 0;
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // POSTs `body` to `url` with `headers`; never throws.
  virtual HttpResult post(const std::string& url, const std::string& body, const Headers& headers) = 0;
};

// libcurl's global initialisation (not thread-safe; once, before threads).
void init_http();

class CurlClient : public HttpClient {
 public:
  CurlClient(std::int64_t connect_timeout_ms, std::int64_t timeout_ms);
  ~CurlClient() override;
  CurlClient(const CurlClient&) = delete;
  CurlClient& operator=(const CurlClient&) = delete;

  HttpResult post(const std::string& url, const std::string& body, const Headers& headers) override;

 private:
  void* handle_;  // CURL*, kept opaque so that only http_client.cc sees libcurl
  std::int64_t connect_timeout_ms_;
  std::int64_t timeout_ms_;
};

}  // namespace fastscim::webhook

#endif  // FASTSCIM_WEBHOOK_HTTP_CLIENT_H_

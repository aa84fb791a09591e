// http::request_id — the id that ties a response to its access-log line.
//
// Each request gets one id: the one the web server passes in (nginx's
// $request_id as the FastCGI parameter REQUEST_ID, Apache mod_unique_id's
// UNIQUE_ID) when it is a plain token, otherwise one made here (32 hex
// digits, like nginx's).  Server::serve sends it back as X-Request-Id,
// writes it in the access line, and error_response() appends it to a SCIM
// error's detail ("… (request id: …)"), so a support ticket quoting an
// error finds its log line.  A client's own X-Request-Id header is not
// trusted: it could make two requests share an id.
//
// Thread-safety: the current id is per thread (RequestIdScope); the other
// functions may be called from any thread.
#ifndef FASTSCIM_HTTP_REQUEST_ID_H_
#define FASTSCIM_HTTP_REQUEST_ID_H_

#include <string>
#include <string_view>

namespace fastscim::http {

// Whether `id` may be used as it is: 1 to 64 characters of A-Z a-z 0-9 and
// "-_.@" (nothing a log line or a header would need to escape).
bool valid_request_id(std::string_view id);

// 32 random hex digits.
std::string generate_request_id();

// `passed` when valid_request_id(passed), else a new one.
std::string request_id_or_new(const char* passed);

// The id of the request this thread is serving; "" outside a RequestIdScope.
const std::string& current_request_id();

// Makes `id` the thread's current request id for its lifetime.
class RequestIdScope {
 public:
  explicit RequestIdScope(std::string id);
  ~RequestIdScope();
  RequestIdScope(const RequestIdScope&) = delete;
  RequestIdScope& operator=(const RequestIdScope&) = delete;

 private:
  std::string previous_;
};

}  // namespace fastscim::http

#endif  // FASTSCIM_HTTP_REQUEST_ID_H_

// http::Response — status, headers and body, written in CGI format.
//
// Thread-safety: a plain value.
#ifndef FASTSCIM_HTTP_RESPONSE_H_
#define FASTSCIM_HTTP_RESPONSE_H_

#include <string>
#include <utility>
#include <vector>

#include "http/exchange.h"
#include "json/value.h"

namespace fastscim::http {

inline constexpr char kScimContentType[] = "application/scim+json";
inline constexpr char kJsonContentType[] = "application/json";

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // The scimType keyword and detail of the error this response reports
  // (set by error_response), for the provisioning log; never sent as such.
  std::string scim_type;
  std::string detail;

  void set_header(std::string name, std::string value);
  // Serialises `document` as the body with Content-Type application/scim+json.
  // Throws std::runtime_error when it cannot be serialised (json::dump
  // failed: out of memory): Server::serve answers 500 and logs why, so a
  // failure never goes out as an empty 200.
  static Response json(int status, const json::Value& document);
  // The same with Content-Type application/json (the management API).
  static Response plain_json(int status, const json::Value& document);
};

// "Status: 200 OK\r\nName: value\r\n...\r\n\r\n<body>".
std::string to_cgi(const Response& response);

// The same without the body: status line, headers, Content-Length (unless
// 204 or 304) and the blank line.
std::string cgi_head(const Response& response);

// Writes `response` to `exchange` in CGI format: the head, then the body in
// pieces of at most kWriteChunkBytes, so no copy of a large body is made
// and no length handed to the web server's library overflows its int.
// Returns false when the web server went away (the rest is not written).
inline constexpr size_t kWriteChunkBytes = 64 * 1024;
bool write_response(Exchange& exchange, const Response& response);

const char* reason_phrase(int status);

}  // namespace fastscim::http

#endif  // FASTSCIM_HTTP_RESPONSE_H_

// http::Response — status, headers and body, written in CGI format.
//
// Thread-safety: a plain value.
#ifndef FASTSCIM_HTTP_RESPONSE_H_
#define FASTSCIM_HTTP_RESPONSE_H_

#include <string>
#include <utility>
#include <vector>

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
  static Response json(int status, const json::Value& document);
  // The same with Content-Type application/json (the management API).
  static Response plain_json(int status, const json::Value& document);
};

// "Status: 200 OK\r\nName: value\r\n...\r\n\r\n<body>".
std::string to_cgi(const Response& response);

const char* reason_phrase(int status);

}  // namespace fastscim::http

#endif  // FASTSCIM_HTTP_RESPONSE_H_

// http::Request — the parts of a CGI/FastCGI request fastscim uses.
//
// read_request() gathers the variables and reads the body, refusing bodies
// over the configured limit before reading them (413), so an oversized
// request costs nothing.
//
// Thread-safety: a plain value.
#ifndef FASTSCIM_HTTP_REQUEST_H_
#define FASTSCIM_HTTP_REQUEST_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "http/exchange.h"
#include "scim/error.h"

namespace fastscim::http {

struct Request {
  std::string method;
  std::string path;                                         // REQUEST_URI without the query string, not decoded
  std::string query;                                        // raw query string
  std::vector<std::pair<std::string, std::string>> params;  // decoded query parameters
  std::string authorization;
  std::string content_type;
  std::string if_match;
  std::string if_none_match;
  std::string host;         // Host header (some web servers pass it without the port)
  std::string server_port;  // SERVER_PORT
  std::string user_agent;   // User-Agent header, for the provisioning log
  std::string cookie;       // Cookie header (the setup portal's session)
  std::string csrf_token;   // X-CSRF-Token header (the setup portal's changes)
  bool https = false;
  std::string body;

  // The first query parameter named `name` (case-insensitive), if any.
  std::optional<std::string> param(std::string_view name) const;
};

// Reads the request from `exchange`.  Fails with 413 when the body is larger
// than `max_body_bytes`, 400 on a malformed query string or a short body.
scim::Result<Request> read_request(Exchange& exchange, size_t max_body_bytes);

}  // namespace fastscim::http

#endif  // FASTSCIM_HTTP_REQUEST_H_

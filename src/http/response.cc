#include "http/response.h"

#include <stdexcept>
#include <string_view>

#include "json/io.h"
#include "util/strings.h"

namespace fastscim::http {

void Response::set_header(std::string name, std::string value) {
  for (auto& header : headers) {
    if (util::iequals(header.first, name)) {
      header.second = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

Response Response::json(int status, const json::Value& document) {
  Response response;
  response.status = status;
  response.set_header("Content-Type", kScimContentType);
  response.body = json::dump(document);
  if (response.body.empty() && document) throw std::runtime_error("the response body could not be serialised");
  return response;
}

Response Response::plain_json(int status, const json::Value& document) {
  Response response = json(status, document);
  response.set_header("Content-Type", kJsonContentType);
  return response;
}

const char* reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 412: return "Precondition Failed";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    default: return "Unknown";
  }
}

std::string cgi_head(const Response& response) {
  std::string out;
  out.append("Status: ").append(std::to_string(response.status)).append(" ");
  out.append(reason_phrase(response.status)).append("\r\n");
  for (const auto& [name, value] : response.headers) out.append(name).append(": ").append(value).append("\r\n");
  if (response.status != 204 && response.status != 304) {
    out.append("Content-Length: ").append(std::to_string(response.body.size())).append("\r\n");
  }
  out.append("\r\n");
  return out;
}

std::string to_cgi(const Response& response) {
  std::string out = cgi_head(response);
  if (response.status != 204 && response.status != 304) out.append(response.body);
  return out;
}

bool write_response(Exchange& exchange, const Response& response) {
  if (!exchange.write(cgi_head(response))) return false;
  if (response.status == 204 || response.status == 304) return true;
  std::string_view body = response.body;
  while (!body.empty()) {
    std::string_view piece = body.substr(0, kWriteChunkBytes);
    if (!exchange.write(piece)) return false;
    body.remove_prefix(piece.size());
  }
  return true;
}

}  // namespace fastscim::http

#include "webhook/endpoint_url.h"

#include <cctype>

namespace fastscim::webhook {

namespace {

constexpr size_t kMaxUrlLength = 2048;

bool starts_with_ignoring_case(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

}  // namespace

std::string endpoint_url_problem(std::string_view url) {
  if (url.empty()) return "the URL is empty";
  if (url.size() > kMaxUrlLength) return "the URL is longer than 2048 characters";
  for (char c : url) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f) return "the URL may only hold printable ASCII without spaces (percent-encode the rest)";
  }
  std::string_view rest;
  if (starts_with_ignoring_case(url, "https://")) {
    rest = url.substr(8);
  } else if (starts_with_ignoring_case(url, "http://")) {
    rest = url.substr(7);
  } else {
    return "only http:// and https:// URLs are accepted";
  }
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.find('@') != std::string_view::npos) {
    return "the URL may not carry user credentials; receivers verify the Fastscim-Signature header instead";
  }
  std::string_view host = authority;
  if (!host.empty() && host.front() == '[') {
    size_t close = host.find(']');
    if (close == std::string_view::npos) return "the URL's IPv6 host lacks its closing ']'";
    host = host.substr(0, close + 1);
  } else {
    host = host.substr(0, host.find(':'));
  }
  if (host.empty()) return "the URL has no host";
  if (url.find('#') != std::string_view::npos) return "the URL may not have a fragment (#…)";
  return "";
}

}  // namespace fastscim::webhook

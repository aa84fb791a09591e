#include "http/request_id.h"

#include <random>

namespace fastscim::http {

namespace {

thread_local std::string t_current;

bool id_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
         c == '.' || c == '@';
}

}  // namespace

bool valid_request_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!id_char(c)) return false;
  }
  return true;
}

std::string generate_request_id() {
  // Not a secret, only unique: a per-thread generator seeded once from the
  // system's entropy costs no system call per request.
  thread_local std::mt19937_64 generator{std::random_device{}()};
  static const char kHex[] = "0123456789abcdef";
  std::string id;
  id.reserve(32);
  for (int half = 0; half < 2; ++half) {
    uint64_t bits = generator();
    for (int i = 0; i < 16; ++i, bits >>= 4) id.push_back(kHex[bits & 0xf]);
  }
  return id;
}

std::string request_id_or_new(const char* passed) {
  if (passed != nullptr && valid_request_id(passed)) return passed;
  return generate_request_id();
}

const std::string& current_request_id() { return t_current; }

RequestIdScope::RequestIdScope(std::string id) : previous_(std::move(t_current)) { t_current = std::move(id); }

RequestIdScope::~RequestIdScope() { t_current = std::move(previous_); }

}  // namespace fastscim::http

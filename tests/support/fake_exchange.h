// A scripted http::Exchange for tests: CGI variables from a map, the body
// from a string, and everything written collected in `output`.
#ifndef FASTSCIM_TESTS_SUPPORT_FAKE_EXCHANGE_H_
#define FASTSCIM_TESTS_SUPPORT_FAKE_EXCHANGE_H_

#include <algorithm>
#include <cstring>
#include <map>
#include <string>

#include "http/exchange.h"

namespace fastscim::testing {

class FakeExchange : public http::Exchange {
 public:
  FakeExchange(std::map<std::string, std::string> params, std::string body = "")
      : params_(std::move(params)), body_(std::move(body)) {
    if (!body_.empty() && !params_.count("CONTENT_LENGTH")) params_["CONTENT_LENGTH"] = std::to_string(body_.size());
  }
  const char* param(const char* name) const override {
    auto it = params_.find(name);
    return it == params_.end() ? nullptr : it->second.c_str();
  }
  long read(char* buffer, size_t n) override {
    size_t take = std::min(n, body_.size() - offset_);
    std::memcpy(buffer, body_.data() + offset_, take);
    offset_ += take;
    return static_cast<long>(take);
  }
  bool write(std::string_view data) override {
    output.append(data);
    ++writes;
    largest_write = std::max(largest_write, data.size());
    return true;
  }
  std::string output;
  size_t writes = 0;         // calls of write()
  size_t largest_write = 0;  // the most bytes one call handed over

 private:
  std::map<std::string, std::string> params_;
  std::string body_;
  size_t offset_ = 0;
};

}  // namespace fastscim::testing

#endif  // FASTSCIM_TESTS_SUPPORT_FAKE_EXCHANGE_H_

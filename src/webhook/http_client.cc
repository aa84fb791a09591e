#include "webhook/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <memory>

namespace fastscim::webhook {

namespace {

constexpr size_t kBodyStartBytes = 200;

size_t keep_start(char* data, size_t size, size_t count, void* user) {
  auto* out = static_cast<std::string*>(user);
  size_t n = size * count;
  if (out->size() < kBodyStartBytes) out->append(data, std::min(n, kBodyStartBytes - out->size()));
  return n;
}

struct SlistFree {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

}  // namespace

void init_http() { curl_global_init(CURL_GLOBAL_DEFAULT); }

CurlClient::CurlClient(std::int64_t connect_timeout_ms, std::int64_t timeout_ms)
    : handle_(curl_easy_init()), connect_timeout_ms_(connect_timeout_ms), timeout_ms_(timeout_ms) {}

CurlClient::~CurlClient() {
  if (handle_ != nullptr) curl_easy_cleanup(static_cast<CURL*>(handle_));
}

HttpResult CurlClient::post(const std::string& url, const std::string& body, const Headers& headers) {
  HttpResult result;
  auto* curl = static_cast<CURL*>(handle_);
  if (curl == nullptr) {
    result.error = "the HTTP client could not be initialised";
    return result;
  }
  curl_easy_reset(curl);
  std::unique_ptr<curl_slist, SlistFree> list;
  for (const auto& [name, value] : headers) {
    curl_slist* grown = curl_slist_append(list.get(), (name + ": " + value).c_str());
    if (grown == nullptr) {
      result.error = "out of memory building the request headers";
      return result;
    }
    (void)list.release();
    list.reset(grown);
  }
  // A receiver answering 100-continue late would only add a round trip.
  curl_slist* grown = curl_slist_append(list.get(), "Expect:");
  if (grown != nullptr) {
    (void)list.release();
    list.reset(grown);
  }
  std::string response;
  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_POST, 1L);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list.get());
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(connect_timeout_ms_));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_ms_));
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
#if LIBCURL_VERSION_NUM >= 0x075500  // 7.85: the string form replaces the bitmask
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
#else
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
  // Signals would interrupt name resolution's timeouts otherwise (threads).
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "fastscim-webhook/" PACKAGE_VERSION);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &keep_start);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);

  auto started = std::chrono::steady_clock::now();
  CURLcode code = curl_easy_perform(curl);
  result.latency_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  if (code != CURLE_OK) {
    result.error = error[0] != '\0' ? error : curl_easy_strerror(code);
    return result;
  }
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  result.status = static_cast<int>(status);
  result.body_start = std::move(response);
  return result;
}

}  // namespace fastscim::webhook

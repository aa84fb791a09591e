#include "auth/signature.h"

#include <cstdlib>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "auth/token.h"
#include "util/log.h"
#include "util/strings.h"

namespace fastscim::auth {

std::string generate_webhook_secret() { return std::string(kWebhookSecretScheme) + random_hex(32); }

Digest hmac_sha256(std::string_view key, std::string_view message) {
  Digest mac{};
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac.data(), &length) == nullptr ||
      length != mac.size()) {
    // Signing with a wrong MAC would only make receivers reject the delivery;
    // a failing libcrypto is not something to continue on.
    util::log::error("OpenSSL HMAC failed; refusing to continue");
    std::abort();
  }
  return mac;
}

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
  return to_hex(hmac_sha256(key, message));
}

std::string webhook_signature(std::string_view secret, std::int64_t unix_seconds, std::string_view body) {
  std::string t = std::to_string(unix_seconds);
  std::string message = t;
  message += '.';
  message.append(body.data(), body.size());
  return "t=" + t + ",v1=" + hmac_sha256_hex(secret, message);
}

bool verify_webhook_signature(std::string_view secret, std::string_view header, std::string_view body, std::int64_t now,
                              std::int64_t tolerance) {
  std::string_view t;
  std::string_view v1;
  for (const auto& part : util::split(header, ',')) {
    std::string_view p = util::trim(part);
    if (p.substr(0, 2) == "t=") t = p.substr(2);
    if (p.substr(0, 3) == "v1=") v1 = p.substr(3);
  }
  long long sent = 0;
  if (t.empty() || v1.empty() || !util::parse_int(t, &sent)) return false;
  if (sent < now - tolerance || sent > now + tolerance) return false;
  std::string message(t);
  message += '.';
  message.append(body.data(), body.size());
  return constant_time_equals(hmac_sha256_hex(secret, message), v1);
}

}  // namespace fastscim::auth

#include "auth/token.h"

#include <cstdlib>
#include <memory>
#include <vector>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include "util/log.h"
#include "util/strings.h"

namespace fastscim::auth {
namespace {

constexpr int kPasswordIterations = 100000;
constexpr char kBase64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

void random_bytes(unsigned char* out, size_t n) {
  if (RAND_bytes(out, static_cast<int>(n)) != 1) {
    util::log::error("OpenSSL RAND_bytes failed; refusing to continue without randomness");
    std::abort();
  }
}

std::string base64url(const unsigned char* data, size_t n) {
  std::string out;
  out.reserve((n * 4 + 2) / 3);
  unsigned buffer = 0;
  int bits = 0;
  for (size_t i = 0; i < n; ++i) {
    buffer = (buffer << 8) | data[i];
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kBase64Url[(buffer >> bits) & 0x3f]);
    }
  }
  if (bits > 0) out.push_back(kBase64Url[(buffer << (6 - bits)) & 0x3f]);
  return out;
}

std::vector<unsigned char> base64url_decode_bytes(std::string_view s) {
  std::vector<unsigned char> out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : s) {
    const char* p = std::char_traits<char>::find(kBase64Url, 64, c);
    if (p == nullptr) return {};
    buffer = (buffer << 6) | static_cast<unsigned>(p - kBase64Url);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<unsigned char>((buffer >> bits) & 0xff));
    }
  }
  return out;
}

}  // namespace

std::string base64url_encode(std::string_view bytes) {
  return base64url(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

std::optional<std::string> base64url_decode(std::string_view text) {
  for (char c : text) {
    if (std::char_traits<char>::find(kBase64Url, 64, c) == nullptr) return std::nullopt;
  }
  std::vector<unsigned char> bytes = base64url_decode_bytes(text);
  return std::string(bytes.begin(), bytes.end());
}

std::string generate_token() { return generate_secret(kTokenScheme); }

std::string generate_secret(std::string_view scheme) {
  unsigned char bytes[32];
  random_bytes(bytes, sizeof bytes);
  return std::string(scheme) + base64url(bytes, sizeof bytes);
}

bool looks_like_token(std::string_view token) { return looks_like_secret(token, kTokenScheme); }

bool looks_like_secret(std::string_view token, std::string_view scheme) {
  if (!util::starts_with(token, scheme)) return false;
  std::string_view body = token.substr(scheme.size());
  if (body.size() != 43) return false;
  for (char c : body) {
    if (std::char_traits<char>::find(kBase64Url, 64, c) == nullptr) return false;
  }
  return true;
}

std::string token_prefix(std::string_view token) {
  return std::string(token.substr(0, std::min(token.size(), kPrefixLength)));
}

Digest sha256(std::string_view data) {
  // Every request hashes its token.  SHA256() looks the algorithm up and
  // allocates a context on each call, several times the hash itself for a
  // 47-byte token: look it up once, and keep one context per thread.
  static EVP_MD* const kSha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  thread_local const std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> kContext(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  Digest digest;
  unsigned int size = 0;
  const bool hashed = kSha256 != nullptr && kContext != nullptr &&
                      EVP_DigestInit_ex2(kContext.get(), kSha256, nullptr) == 1 &&
                      EVP_DigestUpdate(kContext.get(), data.data(), data.size()) == 1 &&
                      EVP_DigestFinal_ex(kContext.get(), digest.data(), &size) == 1 && size == digest.size();
  if (!hashed) SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest.data());
  return digest;
}

std::string to_hex(const Digest& digest) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(64);
  for (auto b : digest) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0xf]);
  }
  return out;
}

bool constant_time_equals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool constant_time_equals(const Digest& a, const Digest& b) { return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0; }

std::string random_hex(size_t bytes) {
  std::vector<unsigned char> buffer(bytes);
  random_bytes(buffer.data(), buffer.size());
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (auto b : buffer) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0xf]);
  }
  return out;
}

namespace {
std::vector<unsigned char> pbkdf2(std::string_view password, const std::vector<unsigned char>& salt, int iterations) {
  std::vector<unsigned char> out(32);
  PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(), static_cast<int>(salt.size()),
                    iterations, EVP_sha256(), static_cast<int>(out.size()), out.data());
  return out;
}
}  // namespace

std::string hash_password(std::string_view password) {
  std::vector<unsigned char> salt(16);
  random_bytes(salt.data(), salt.size());
  auto hash = pbkdf2(password, salt, kPasswordIterations);
  return "$pbkdf2-sha256$" + std::to_string(kPasswordIterations) + "$" + base64url(salt.data(), salt.size()) + "$" +
         base64url(hash.data(), hash.size());
}

bool verify_password(std::string_view password, std::string_view encoded) {
  auto parts = util::split(encoded, '$');
  // "", "pbkdf2-sha256", iterations, salt, hash
  if (parts.size() != 5 || parts[1] != "pbkdf2-sha256") return false;
  long long iterations = 0;
  if (!util::parse_int(parts[2], &iterations) || iterations < 1 || iterations > 10000000) return false;
  auto salt = base64url_decode_bytes(parts[3]);
  auto expected = base64url_decode_bytes(parts[4]);
  if (salt.empty() || expected.size() != 32) return false;
  auto actual = pbkdf2(password, salt, static_cast<int>(iterations));
  return CRYPTO_memcmp(actual.data(), expected.data(), 32) == 0;
}

}  // namespace fastscim::auth

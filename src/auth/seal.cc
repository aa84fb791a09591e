#include "auth/seal.h"

#include "auth/signature.h"
#include "auth/token.h"

namespace fastscim::auth {

namespace {

constexpr size_t kMaxPlaintext = 32;  // one HMAC output of keystream

struct Keys {
  std::string mac;
  std::string enc;
};

// Separate keys for the tag and the keystream, so neither use of the
// secret can be turned against the other.
Keys derive(std::string_view secret) {
  Digest mac = hmac_sha256(secret, "fastscim seal: tag");
  Digest enc = hmac_sha256(secret, "fastscim seal: keystream");
  return {std::string(mac.begin(), mac.end()), std::string(enc.begin(), enc.end())};
}

// The tag binds the context, its length first so that no two
// (context, plaintext) pairs run together into the same message.
std::string tag_of(const Keys& keys, std::string_view context, std::string_view plaintext) {
  std::string message = std::to_string(context.size());
  message += ':';
  message.append(context.data(), context.size());
  message.append(plaintext.data(), plaintext.size());
  Digest full = hmac_sha256(keys.mac, message);
  return std::string(full.begin(), full.begin() + kSealTagBytes);
}

std::string xor_keystream(const Keys& keys, std::string_view tag, std::string_view data) {
  Digest stream = hmac_sha256(keys.enc, tag);
  std::string out(data);
  for (size_t i = 0; i < out.size(); ++i) out[i] = static_cast<char>(out[i] ^ static_cast<char>(stream[i]));
  return out;
}

}  // namespace

std::string seal(std::string_view secret, std::string_view context, std::string_view plaintext) {
  Keys keys = derive(secret);
  std::string tag = tag_of(keys, context, plaintext.substr(0, kMaxPlaintext));
  return base64url_encode(tag + xor_keystream(keys, tag, plaintext.substr(0, kMaxPlaintext)));
}

std::optional<std::string> unseal(std::string_view secret, std::string_view context, std::string_view sealed) {
  if (sealed.size() > 2 * (kSealTagBytes + kMaxPlaintext)) return std::nullopt;
  auto bytes = base64url_decode(sealed);
  // Exactly what base64url_encode made: no stray bits in a last character.
  if (!bytes || bytes->size() < kSealTagBytes || base64url_encode(*bytes) != sealed) return std::nullopt;
  Keys keys = derive(secret);
  std::string_view tag = std::string_view(*bytes).substr(0, kSealTagBytes);
  std::string plaintext = xor_keystream(keys, tag, std::string_view(*bytes).substr(kSealTagBytes));
  if (!constant_time_equals(tag_of(keys, context, plaintext), tag)) return std::nullopt;
  return plaintext;
}

}  // namespace fastscim::auth

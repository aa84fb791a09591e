// Webhook signatures: HMAC-SHA256 over "<t>.<body>" with the endpoint's
// signing secret, carried in the header
//   Fastscim-Signature: t=<unix seconds>,v1=<lower-case hex HMAC>
// so that a receiver can reject forgeries (wrong HMAC) and replays (a t
// too far from its own clock).  Signing secrets are "whsec_" followed by 64
// hex digits (256 random bits); unlike bearer tokens they are stored as
// they are, because the deliverer needs them to sign.
//
// Thread-safety: every function may be called from any thread.
#ifndef FASTSCIM_AUTH_SIGNATURE_H_
#define FASTSCIM_AUTH_SIGNATURE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "auth/token.h"

namespace fastscim::auth {

inline constexpr std::string_view kWebhookSecretScheme = "whsec_";
inline constexpr char kSignatureHeader[] = "Fastscim-Signature";

// A new signing secret from OpenSSL's CSPRNG (aborts if it fails, as
// generate_token()).
std::string generate_webhook_secret();

// HMAC-SHA256(key, message).
Digest hmac_sha256(std::string_view key, std::string_view message);

// HMAC-SHA256(key, message) as 64 lower-case hex digits.
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

// The value of the Fastscim-Signature header for `body` sent at
// `unix_seconds`: "t=<unix_seconds>,v1=<hmac_sha256_hex(secret, "<t>.<body>")>".
std::string webhook_signature(std::string_view secret, std::int64_t unix_seconds, std::string_view body);

// What a receiver does: true when `header` carries a t within `tolerance`
// seconds of `now` and a v1 equal (compared in constant time) to the HMAC
// of "<t>.<body>" with `secret`.
bool verify_webhook_signature(std::string_view secret, std::string_view header, std::string_view body, std::int64_t now,
                              std::int64_t tolerance);

}  // namespace fastscim::auth

#endif  // FASTSCIM_AUTH_SIGNATURE_H_

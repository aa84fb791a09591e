// Bearer tokens and password hashes: generation, hashing, comparison.
//
// A token is "fscim_" followed by 43 base64url characters carrying 256
// random bits from OpenSSL's CSPRNG.  Only its SHA-256 digest is ever
// stored; the first kPrefixLength characters are kept in clear so that an
// operator can tell tokens apart in `fastscim-admin token list`.
//
// Thread-safety: every function may be called from any thread.
#ifndef FASTSCIM_AUTH_TOKEN_H_
#define FASTSCIM_AUTH_TOKEN_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fastscim::auth {

using Digest = std::array<std::uint8_t, 32>;

inline constexpr std::string_view kTokenScheme = "fscim_";
// Management API keys (/manage/v1) have a scheme of their own, so neither
// kind of secret is ever mistaken for the other.
inline constexpr std::string_view kApiKeyScheme = "fsmk_";
// The setup portal's one-time links and its sessions' cookies.
inline constexpr std::string_view kPortalLinkScheme = "fspl_";
inline constexpr std::string_view kPortalSessionScheme = "fsps_";
inline constexpr size_t kPrefixLength = 12;

// A new random token.  Aborts the process if the CSPRNG fails: issuing a
// weak token is worse than not issuing one.
std::string generate_token();

// A new random secret: `scheme` followed by 43 base64url characters (256
// random bits).  generate_token() is generate_secret(kTokenScheme).
std::string generate_secret(std::string_view scheme);

// True when `token` has the shape generate_token() produces.  Used to reject
// junk before touching the database.
bool looks_like_token(std::string_view token);

// True when `secret` has the shape generate_secret(scheme) produces.
bool looks_like_secret(std::string_view secret, std::string_view scheme);

// The part of a token safe to display and store in clear.
std::string token_prefix(std::string_view token);

Digest sha256(std::string_view data);
std::string to_hex(const Digest& digest);

// Compares in time that depends only on the lengths, never on the contents.
bool constant_time_equals(std::string_view a, std::string_view b);
bool constant_time_equals(const Digest& a, const Digest& b);

// Random bytes as lower-case hex (for passwords of private databases, ids).
std::string random_hex(size_t bytes);

// RFC 4648 §5 base64url without padding, and back: nullopt for a character
// outside the alphabet.
std::string base64url_encode(std::string_view bytes);
std::optional<std::string> base64url_decode(std::string_view text);

// Salted, iterated password hash (PBKDF2-HMAC-SHA256) in the self-describing
// form "$pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>".
std::string hash_password(std::string_view password);
// True when `password` matches an encoded hash from hash_password().
bool verify_password(std::string_view password, std::string_view encoded);

}  // namespace fastscim::auth

#endif  // FASTSCIM_AUTH_TOKEN_H_

// auth::seal / auth::unseal — short URL-safe values that hide what they
// carry and cannot be forged or moved: the opaque cursors of list paging
// (RFC 9865 §2, §5.2; CUR-05).
//
// Deterministic authenticated encryption in the SIV shape, built on
// HMAC-SHA256 alone: the tag is HMAC(mac key, context ‖ plaintext), cut to
// kSealTagBytes, and doubles as the IV of a keystream HMAC(enc key, tag);
// both keys are derived from the one secret.  The same plaintext in the
// same context seals to the same text; a sealed value opens only with the
// same secret and the same context (a cursor of one tenant or resource
// type never opens for another), and any changed character is refused.
//
// Thread-safety: pure functions.
#ifndef FASTSCIM_AUTH_SEAL_H_
#define FASTSCIM_AUTH_SEAL_H_

#include <optional>
#include <string>
#include <string_view>

namespace fastscim::auth {

// Bytes of the tag (96 bits: a forgery succeeds once in 2^96 tries).
inline constexpr size_t kSealTagBytes = 12;

// `plaintext` (at most 32 bytes) sealed under `secret` for `context`, as
// base64url without padding (RFC 3986 unreserved characters only).
// Requires: `secret` holds at least 32 random bytes.
std::string seal(std::string_view secret, std::string_view context, std::string_view plaintext);

// The plaintext of `sealed`, or nullopt when it is not something seal()
// made with this secret and this context (malformed, changed, or sealed for
// another context).  The tag is compared in constant time.
std::optional<std::string> unseal(std::string_view secret, std::string_view context, std::string_view sealed);

}  // namespace fastscim::auth

#endif  // FASTSCIM_AUTH_SEAL_H_

#include "auth/authenticator.h"

#include "util/strings.h"

namespace fastscim::auth {

util::Result<Principal, AuthFailure> Authenticator::authenticate(std::string_view header) {
  header = util::trim(header);
  if (header.empty()) return util::Unexpected(AuthFailure::kMissing);
  constexpr std::string_view kScheme = "bearer ";
  if (!util::istarts_with(header, kScheme)) return util::Unexpected(AuthFailure::kMalformed);
  std::string_view token = util::trim(header.substr(kScheme.size()));
  if (token.empty()) return util::Unexpected(AuthFailure::kMalformed);
  // Junk never reaches the database; it is answered like an unknown token.
  if (!looks_like_token(token)) return util::Unexpected(AuthFailure::kRejected);

  Digest presented = sha256(token);
  auto found = store_.find_by_hash(presented);
  if (!found) return util::Unexpected(found.error().unavailable ? AuthFailure::kUnavailable : AuthFailure::kInternal);
  const std::optional<TokenRecord>& record = found.value();
  // The lookup is by digest already; comparing again in constant time keeps
  // the decision independent of how the store matched.
  if (!record || !constant_time_equals(record->hash, presented) || record->revoked || record->expired) {
    return util::Unexpected(AuthFailure::kRejected);
  }
  if (record->stale_last_used) store_.touch(record->token_id);
  return Principal{record->tenant_id,         record->tenant_name,  record->token_id,
                   record->tenant_generation, record->provisioning, record->limits};
}

}  // namespace fastscim::auth

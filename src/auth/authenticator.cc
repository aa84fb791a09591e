#include "auth/authenticator.h"

#include "util/strings.h"

namespace fastscim::auth {

namespace {

Principal principal_of(const TokenRecord& r) {
  return Principal{r.tenant_id,    r.tenant_name, r.token_id,     r.tenant_generation,
                   r.provisioning, r.limits,      r.scim_settings};
}

}  // namespace

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
  TokenCache::Clock::time_point began{};
  uint64_t local_before = 0;
  if (cache_) {
    began = TokenCache::Clock::now();
    if (!cache_->fresh(began)) {
      // A failed check leaves the cache stale: the lookup below decides.
      auto epoch = store_.auth_epoch();
      if (epoch) cache_->observe(*epoch, began);
    }
    if (auto hit = cache_->find(presented, began)) {
      if (hit->touch) record_use(hit->record.token_id);
      return principal_of(hit->record);
    }
    local_before = cache_->local_epoch();
  }
  auto found = store_.find_by_hash(presented);
  if (!found) return util::Unexpected(found.error().unavailable ? AuthFailure::kUnavailable : AuthFailure::kInternal);
  const std::optional<TokenRecord>& record = found.value();
  // The lookup is by digest already; comparing again in constant time keeps
  // the decision independent of how the store matched.
  if (!record || !constant_time_equals(record->hash, presented) || record->revoked || record->expired) {
    return util::Unexpected(AuthFailure::kRejected);
  }
  if (record->stale_last_used) record_use(record->token_id);
  if (cache_) cache_->insert(*record, local_before, began);
  return principal_of(*record);
}

void Authenticator::record_use(long long token_id) {
  if (uses_) {
    uses_->add(token_id);
  } else {
    store_.touch(token_id);
  }
}

}  // namespace fastscim::auth

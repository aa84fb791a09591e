// auth::Authenticator — turns an Authorization header into a tenant.
//
// RFC 6750 bearer tokens: "Authorization: Bearer <token>" (scheme matched
// case-insensitively).  The token selects the tenant.  With a TokenCache
// (shared by the process's threads) an accepted token is answered from
// memory while the cache says it is still true: a revocation applies to the
// next request when made on this host, and within one second everywhere
// (auth/token_cache.h).  Without one, every request looks its token up.
// With TokenUses, a token's use is recorded behind the request
// (auth/token_uses.h); without, by a write of its own in the request.
//
// Thread-safety: one Authenticator per thread (it uses its TokenStore).
#ifndef FASTSCIM_AUTH_AUTHENTICATOR_H_
#define FASTSCIM_AUTH_AUTHENTICATOR_H_

#include <string>
#include <string_view>

#include "auth/token_cache.h"
#include "auth/token_store.h"
#include "auth/token_uses.h"
#include "util/result.h"

namespace fastscim::auth {

struct Principal {
  long long tenant_id = 0;
  std::string tenant_name;
  long long token_id = 0;
  // TokenRecord::tenant_generation, read with the token.
  long long tenant_generation = 0;
  // TokenRecord::provisioning: false while the tenant's provisioning is off.
  bool provisioning = true;
  // TokenRecord::limits: the tenant's own request limits.
  TenantLimitSettings limits;
  // TokenRecord::scim_settings, at `tenant_generation`.
  TenantScimSettings scim_settings;
};

enum class AuthFailure {
  kMissing,      // no Authorization header
  kMalformed,    // not "Bearer <token>"
  kRejected,     // unknown, revoked or expired token
  kUnavailable,  // the token store could not be reached
  kInternal,     // the token store failed otherwise (a bug, out of memory)
};

class Authenticator {
 public:
  // Requires: `store`, `cache` and `uses` (nullptr: none) outlive the Authenticator.
  explicit Authenticator(TokenStore& store, TokenCache* cache = nullptr, TokenUses* uses = nullptr)
      : store_(store), cache_(cache), uses_(uses) {}

  util::Result<Principal, AuthFailure> authenticate(std::string_view authorization_header);

 private:
  void record_use(long long token_id);

  TokenStore& store_;
  TokenCache* cache_;
  TokenUses* uses_;
};

}  // namespace fastscim::auth

#endif  // FASTSCIM_AUTH_AUTHENTICATOR_H_

// auth::Authenticator — turns an Authorization header into a tenant.
//
// RFC 6750 bearer tokens: "Authorization: Bearer <token>" (scheme matched
// case-insensitively).  The token selects the tenant; a revoked token fails
// on the very next request because nothing is cached.
//
// Thread-safety: one Authenticator per thread (it uses its TokenStore).
#ifndef FASTSCIM_AUTH_AUTHENTICATOR_H_
#define FASTSCIM_AUTH_AUTHENTICATOR_H_

#include <string>
#include <string_view>

#include "auth/token_store.h"
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
  // Requires: `store` outlives the Authenticator.
  explicit Authenticator(TokenStore& store) : store_(store) {}

  util::Result<Principal, AuthFailure> authenticate(std::string_view authorization_header);

 private:
  TokenStore& store_;
};

}  // namespace fastscim::auth

#endif  // FASTSCIM_AUTH_AUTHENTICATOR_H_

// auth::TokenStore — what the authenticator needs from storage.
//
// Declared here, by its consumer; implemented by store::TokenRepository and,
// in tests, by an in-memory double.  Tokens are looked up by the SHA-256 of
// the presented secret, never by the secret itself.
//
// Thread-safety: an implementation instance is used by one thread at a time.
#ifndef FASTSCIM_AUTH_TOKEN_STORE_H_
#define FASTSCIM_AUTH_TOKEN_STORE_H_

#include <optional>
#include <string>

#include "auth/token.h"
#include "util/result.h"

namespace fastscim::auth {

// A tenant's own request limits (http/limiter.h); 0 = the server's default.
struct TenantLimitSettings {
  long long per_minute = 0;      // the token bucket's refill, requests a minute
  long long burst = 0;           // the bucket's size
  long long max_concurrent = 0;  // requests served at once
};

// The tenant's SCIM settings as stored ("" = the server's default) and
// whether it has anything more to read: schema extensions (its own or
// deployment-wide) or creation templates.  Read with the token like
// `limits`, so that a tenant with neither needs no query of its own
// (app/tenant_services.h); store::TenantSettings is the same, read alone.
struct TenantScimSettings {
  std::string unknown_attributes;  // "reject", "ignore" or ""
  std::string unknown_extensions;  // likewise
  std::string dialect;             // "strict", "lenient" or ""
  bool has_extensions = true;
  bool has_templates = true;
};

struct TokenRecord {
  long long token_id = 0;
  long long tenant_id = 0;
  std::string tenant_name;
  Digest hash{};
  bool revoked = false;
  // True once the token's expiry (an issue --expires, or the end of a
  // rotation's overlap) has passed.
  bool expired = false;
  // False while the tenant's provisioning is switched off: the token stays
  // valid, but the SCIM surface refuses the tenant's requests (403).  Read
  // with the token, so the check costs no query of its own.
  bool provisioning = true;
  // True when last_used is older than the store's refresh interval, so the
  // caller should record the use (keeps writes off the hot path).
  bool stale_last_used = false;
  // A number that changes whenever the tenant's configuration (schema
  // extensions, settings) changes; callers key per-tenant caches by it.
  long long tenant_generation = 0;
  // The tenant's request limits, read with the token like `provisioning`.
  TenantLimitSettings limits;
  // The tenant's SCIM settings at `tenant_generation`.
  TenantScimSettings scim_settings;
  // The store's auth epoch when the token was read (TokenStore::auth_epoch).
  long long auth_epoch = 0;
  // Microseconds until the token expires, as the store's clock saw it at
  // the lookup; std::nullopt: it never expires.
  std::optional<long long> expires_in_us;
};

// The store could not answer: `unavailable` when storage cannot be
// reached (database down; the request should be retried), otherwise a
// fault of this process (a bug, out of memory) that retrying will not mend.
struct StoreFailure {
  std::string message;
  bool unavailable = true;
};

class TokenStore {
 public:
  virtual ~TokenStore() = default;

  // Returns the token whose digest is `hash`, std::nullopt when none exists,
  // or StoreFailure when the store could not answer.
  virtual util::Result<std::optional<TokenRecord>, StoreFailure> find_by_hash(const Digest& hash) = 0;

  // Records that the token was used now.  Best effort: failures are ignored.
  virtual void touch(long long token_id) = 0;

  // A number the store raises with every change to what find_by_hash
  // returns for an existing token (revocation, rotation, the tenant's
  // settings or deletion), in the change's own transaction; returned with
  // each record as TokenRecord::auth_epoch.  StoreFailure when the store
  // could not answer.  Callers that cache records use it to know they are
  // still true (auth/token_cache.h).
  virtual util::Result<long long, StoreFailure> auth_epoch() = 0;
};

}  // namespace fastscim::auth

#endif  // FASTSCIM_AUTH_TOKEN_STORE_H_

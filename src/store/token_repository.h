// store::TokenRepository — auth::TokenStore on MySQL, plus the token and
// tenant administration used by fastscim-admin.
//
// Thread-safety: as Database (one instance per thread).
#ifndef FASTSCIM_STORE_TOKEN_REPOSITORY_H_
#define FASTSCIM_STORE_TOKEN_REPOSITORY_H_

#include <optional>
#include <string>
#include <vector>

#include "auth/token_store.h"
#include "scim/error.h"
#include "store/database.h"

namespace fastscim::store {

struct TenantRow {
  long long id = 0;
  std::string name;
  std::string created;  // ISO 8601 UTC
  long long active_tokens = 0;
};

struct TokenRow {
  std::string name;
  std::string prefix;
  std::string created;
  std::string last_used;  // "" when never used
  std::string revoked;    // "" when active
};

struct IssuedToken {
  std::string name;
  std::string prefix;
  std::string secret;  // shown once, never stored
};

class TokenRepository : public auth::TokenStore {
 public:
  // Requires: `db` outlives the repository.
  explicit TokenRepository(Database& db) : db_(db) {}

  util::Result<std::optional<auth::TokenRecord>, auth::StoreUnavailable> find_by_hash(
      const auth::Digest& hash) override;
  void touch(long long token_id) override;

  // Tenants.  create fails with 409 when the name exists; find/delete give
  // 404 for an unknown name.
  scim::Result<TenantRow> create_tenant(const std::string& name);
  scim::Result<TenantRow> find_tenant(const std::string& name);
  scim::Result<std::vector<TenantRow>> list_tenants();
  scim::Result<void> delete_tenant(const std::string& name);

  // Tokens.  issue generates the secret; `name` empty picks "token-<n>".
  // 409 when the tenant already has a token of that name.
  scim::Result<IssuedToken> issue_token(const std::string& tenant, std::string name);
  scim::Result<std::vector<TokenRow>> list_tokens(const std::string& tenant);
  // 404 when no active token of that name exists.
  scim::Result<void> revoke_token(const std::string& tenant, const std::string& name);

 private:
  Database& db_;
};

}  // namespace fastscim::store

#endif  // FASTSCIM_STORE_TOKEN_REPOSITORY_H_

// store::TokenRepository — auth::TokenStore on MySQL: the SCIM token lookup
// that authenticates every SCIM request.  The tenant's configuration
// generation, the token's expiry and the tenant's provisioning switch ride
// along in the same query, and so does the auth epoch that tells a cache
// of lookups (auth/token_cache.h) whether they still hold.  Tokens are issued, listed, revoked and rotated
// through manage::Api (store::ManagementRepository).
//
// Thread-safety: as Database (one instance per thread).
#ifndef FASTSCIM_STORE_TOKEN_REPOSITORY_H_
#define FASTSCIM_STORE_TOKEN_REPOSITORY_H_

#include <optional>
#include <vector>

#include "auth/token_store.h"
#include "store/database.h"

namespace fastscim::store {

class TokenRepository : public auth::TokenStore {
 public:
  // Requires: `db` outlives the repository.
  explicit TokenRepository(Database& db) : db_(db) {}

  util::Result<std::optional<auth::TokenRecord>, auth::StoreFailure> find_by_hash(const auth::Digest& hash) override;
  void touch(long long token_id) override;
  util::Result<long long, auth::StoreFailure> auth_epoch() override;

  // Records that each of `token_ids` was used now (auth::TokenUses's
  // batch): one statement per 64 tokens.  Best effort, as touch().
  void touch_all(const std::vector<long long>& token_ids);

 private:
  Database& db_;
};

}  // namespace fastscim::store

#endif  // FASTSCIM_STORE_TOKEN_REPOSITORY_H_

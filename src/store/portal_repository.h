// store::PortalRepository — manage::PortalStore on MySQL: the setup
// portal's one-time links (portal_links) and sessions (portal_sessions,
// sql/016_portal.sql), both stored as SHA-256 digests of their secrets.
//
// Opening a link is one transaction: the claim is an UPDATE that matches
// only an unused, unexpired link, so a link opens one session however many
// browsers race for it; the session is inserted in the same transaction.
//
// Thread-safety: as Database (one instance per thread).
#ifndef FASTSCIM_STORE_PORTAL_REPOSITORY_H_
#define FASTSCIM_STORE_PORTAL_REPOSITORY_H_

#include <optional>
#include <string>

#include "manage/portal.h"
#include "store/database.h"

namespace fastscim::store {

class PortalRepository : public manage::PortalStore {
 public:
  // Requires: `db` outlives the repository.
  explicit PortalRepository(Database& db) : db_(db) {}

  scim::Result<void> insert_link(long long tenant_id, const manage::NewSecret& link) override;
  scim::Result<Claim> open_link(const auth::Digest& link_hash, const std::string& now,
                                const manage::NewSecret& session) override;
  scim::Result<std::optional<Session>> find_session(const auth::Digest& hash) override;
  scim::Result<void> touch_session(long long tenant_id, long long id, const std::string& now) override;
  scim::Result<void> delete_session(const auth::Digest& hash) override;

 private:
  Database& db_;
};

}  // namespace fastscim::store

#endif  // FASTSCIM_STORE_PORTAL_REPOSITORY_H_

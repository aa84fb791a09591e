#include "store/portal_repository.h"

#include <memory>

#include "store/digest.h"
#include "store/statements.h"

namespace fastscim::store {

scim::Result<void> PortalRepository::insert_link(long long tenant_id, const manage::NewSecret& link) {
  return db_.run(Idempotence::kWrite, [&](sql::Connection&) {
    auto& s = db_.prepare(sql_text::kInsertPortalLink);
    s.setInt64(1, tenant_id);
    s.setString(2, link.prefix);
    DigestStream blob(link.hash);
    s.setBlob(3, blob.get());
    s.setString(4, link.expires_at);
    s.executeUpdate();
  });
}

scim::Result<PortalRepository::Claim> PortalRepository::open_link(const auth::Digest& link_hash, const std::string& now,
                                                                  const manage::NewSecret& session) {
  Claim claim;
  auto result = db_.run(Idempotence::kWrite, [&](sql::Connection& c) {
    claim = Claim{};
    Transaction tx(c);
    auto& update = db_.prepare(sql_text::kClaimPortalLink);
    update.setString(1, now);
    DigestStream claimed(link_hash);
    update.setBlob(2, claimed.get());
    update.setString(3, now);
    const bool won = update.executeUpdate() == 1;
    auto& select = db_.prepare(sql_text::kSelectPortalLink);
    DigestStream selected(link_hash);
    select.setBlob(1, selected.get());
    std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
    if (!rows->next()) return;  // unknown: nothing changed
    if (!won) {
      claim.state = rows->getBoolean(2) ? LinkState::kUsed : LinkState::kExpired;
      return;
    }
    claim.tenant_id = rows->getInt64(1);
    auto& purge = db_.prepare(sql_text::kPurgePortalSessions);
    purge.setInt64(1, claim.tenant_id);
    purge.setString(2, now);
    purge.executeUpdate();
    auto& insert = db_.prepare(sql_text::kInsertPortalSession);
    insert.setInt64(1, claim.tenant_id);
    DigestStream blob(session.hash);
    insert.setBlob(2, blob.get());
    insert.setString(3, now);
    insert.setString(4, session.expires_at);
    insert.executeUpdate();
    tx.commit();
    claim.state = LinkState::kOpened;
  });
  if (!result) return scim::fail(result.error());
  return claim;
}

scim::Result<std::optional<PortalRepository::Session>> PortalRepository::find_session(const auth::Digest& hash) {
  std::optional<Session> found;
  auto result = db_.run(Idempotence::kRead, [&](sql::Connection&) {
    found.reset();
    auto& s = db_.prepare(sql_text::kFindPortalSession);
    DigestStream blob(hash);
    s.setBlob(1, blob.get());
    std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
    if (rows->next()) found = Session{rows->getInt64(1), rows->getInt64(2), rows->getInt64(3), rows->getInt64(4)};
  });
  if (!result) return scim::fail(result.error());
  return found;
}

scim::Result<void> PortalRepository::touch_session(long long tenant_id, long long id, const std::string& now) {
  return db_.run(Idempotence::kWrite, [&](sql::Connection&) {
    auto& s = db_.prepare(sql_text::kTouchPortalSession);
    s.setString(1, now);
    s.setInt64(2, tenant_id);
    s.setInt64(3, id);
    s.executeUpdate();
  });
}

scim::Result<void> PortalRepository::delete_session(const auth::Digest& hash) {
  return db_.run(Idempotence::kWrite, [&](sql::Connection&) {
    auto& s = db_.prepare(sql_text::kDeletePortalSession);
    DigestStream blob(hash);
    s.setBlob(1, blob.get());
    s.executeUpdate();
  });
}

}  // namespace fastscim::store

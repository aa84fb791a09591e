#include "store/token_repository.h"

#include <memory>

#include <cppconn/exception.h>

#include "store/digest.h"
#include "store/statements.h"
#include "store/tenant_config.h"

namespace fastscim::store {

util::Result<std::optional<auth::TokenRecord>, auth::StoreFailure> TokenRepository::find_by_hash(
    const auth::Digest& hash) {
  std::optional<auth::TokenRecord> found;
  auto result = db_.run(Idempotence::kRead, [&](sql::Connection&) {
    auto& statement = db_.prepare(sql_text::kFindTokenByHash);
    DigestStream blob(hash);
    statement.setBlob(1, blob.get());
    std::unique_ptr<sql::ResultSet> rows(statement.executeQuery());
    found.reset();
    if (!rows->next()) return;
    auth::TokenRecord record;
    record.token_id = rows->getInt64(1);
    record.tenant_id = rows->getInt64(2);
    record.tenant_name = rows->getString(3);
    record.hash = read_digest(*rows, 4);
    record.revoked = rows->getBoolean(5);
    record.stale_last_used = rows->getBoolean(6);
    record.tenant_generation = rows->getInt64(7);
    record.expired = rows->getBoolean(8);
    record.provisioning = rows->getBoolean(9);
    // NULL reads as 0: the server's default.
    record.limits = {rows->getInt64(10), rows->getInt64(11), rows->getInt64(12)};
    record.auth_epoch = rows->getInt64(13);
    if (!rows->isNull(14)) record.expires_in_us = rows->getInt64(14);
    record.scim_settings = read_scim_settings(*rows, 15);
    found = std::move(record);
  });
  if (!result) {
    bool unavailable = result.error().kind() == scim::ErrorKind::kUnavailable;
    return util::Unexpected(auth::StoreFailure{result.error().detail(), unavailable});
  }
  return found;
}

util::Result<long long, auth::StoreFailure> TokenRepository::auth_epoch() {
  long long epoch = 0;
  auto result = db_.run(Idempotence::kRead, [&](sql::Connection&) {
    auto& statement = db_.prepare(sql_text::kSelectAuthEpoch);
    std::unique_ptr<sql::ResultSet> rows(statement.executeQuery());
    epoch = rows->next() ? rows->getInt64(1) : 0;
  });
  if (!result) {
    bool unavailable = result.error().kind() == scim::ErrorKind::kUnavailable;
    return util::Unexpected(auth::StoreFailure{result.error().detail(), unavailable});
  }
  return epoch;
}

void TokenRepository::touch(long long token_id) {
  auto ignored = db_.run(Idempotence::kWrite, [&](sql::Connection&) {
    auto& statement = db_.prepare(sql_text::kTouchToken);
    statement.setInt64(1, token_id);
    statement.executeUpdate();
  });
  (void)ignored;  // best effort: a missed last-used stamp is not worth failing a request
}

void TokenRepository::touch_all(const std::vector<long long>& token_ids) {
  for (size_t from = 0; from < token_ids.size(); from += sql_text::kTouchTokensBatch) {
    auto ignored = db_.run(Idempotence::kWrite, [&](sql::Connection&) {
      auto& statement = db_.prepare(sql_text::kTouchTokens);
      // A short last batch repeats its first id in the unused places.
      for (int i = 0; i < sql_text::kTouchTokensBatch; ++i) {
        size_t at = from + static_cast<size_t>(i);
        statement.setInt64(i + 1, token_ids[at < token_ids.size() ? at : from]);
      }
      statement.executeUpdate();
    });
    (void)ignored;  // best effort, as touch()
  }
}

}  // namespace fastscim::store

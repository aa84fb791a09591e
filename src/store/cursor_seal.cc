#include "store/cursor_seal.h"

#include <memory>

#include <cppconn/resultset.h>

#include "auth/seal.h"
#include "auth/token.h"
#include "store/statements.h"
#include "util/strings.h"

namespace fastscim::store {

namespace {

constexpr char kSecretName[] = "cursor";

std::string context_of(long long tenant_id, const std::string& resource_type, CursorSeal::Kind kind) {
  return "cursor " + std::to_string(tenant_id) + " " + resource_type + " " + static_cast<char>(kind);
}

}  // namespace

const std::string& CursorSeal::secret() {
  if (!secret_.empty()) return secret_;
  // The first worker to need it makes it; INSERT IGNORE keeps the one that
  // got there first, which everyone then reads.
  auto& insert = db_.prepare(sql_text::kInsertServerSecret);
  insert.setString(1, kSecretName);
  insert.setString(2, auth::random_hex(32));
  insert.executeUpdate();
  auto& select = db_.prepare(sql_text::kSelectServerSecret);
  select.setString(1, kSecretName);
  std::unique_ptr<sql::ResultSet> rows(select.executeQuery());
  if (!rows->next()) throw AbortTransaction{scim::Error::internal("the cursor secret could not be read")};
  secret_ = rows->getString(1);
  return secret_;
}

std::string CursorSeal::seal(long long tenant_id, const std::string& resource_type, Kind kind, long long value) {
  return auth::seal(secret(), context_of(tenant_id, resource_type, kind), std::to_string(value));
}

std::optional<long long> CursorSeal::open(long long tenant_id, const std::string& resource_type, Kind kind,
                                          const std::string& cursor) {
  auto plaintext = auth::unseal(secret(), context_of(tenant_id, resource_type, kind), cursor);
  long long value = 0;
  if (!plaintext || !util::parse_int(*plaintext, &value) || value < 0) return std::nullopt;
  return value;
}

}  // namespace fastscim::store

#include "store/token_repository.h"

#include <cstring>
#include <istream>
#include <sstream>

#include <cppconn/exception.h>

#include "auth/token.h"
#include "store/statements.h"

namespace fastscim::store {

namespace {

// Connector/C++ reads BINARY through an istream; binding needs one too.
class DigestStream {
 public:
  explicit DigestStream(const auth::Digest& digest)
      : stream_(std::string(reinterpret_cast<const char*>(digest.data()), digest.size())) {}
  std::istream* get() { return &stream_; }

 private:
  std::istringstream stream_;
};
}  // namespace

util::Result<std::optional<auth::TokenRecord>, auth::StoreUnavailable> TokenRepository::find_by_hash(
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
    std::string stored = rows->getString(4);
    if (stored.size() == record.hash.size()) std::memcpy(record.hash.data(), stored.data(), stored.size());
    record.revoked = rows->getBoolean(5);
    record.stale_last_used = rows->getBoolean(6);
    record.tenant_generation = rows->getInt64(7);
    found = std::move(record);
  });
  if (!result) return util::Unexpected(auth::StoreUnavailable{result.error().detail()});
  return found;
}

void TokenRepository::touch(long long token_id) {
  auto ignored = db_.run(Idempotence::kWrite, [&](sql::Connection&) {
    auto& statement = db_.prepare(sql_text::kTouchToken);
    statement.setInt64(1, token_id);
    statement.executeUpdate();
  });
  (void)ignored;  // best effort: a missed last-used stamp is not worth failing a request
}

scim::Result<TenantRow> TokenRepository::find_tenant(const std::string& name) {
  std::optional<TenantRow> tenant;
  auto result = db_.run(Idempotence::kRead, [&](sql::Connection&) {
    auto& statement = db_.prepare(sql_text::kFindTenantByName);
    statement.setString(1, name);
    std::unique_ptr<sql::ResultSet> rows(statement.executeQuery());
    tenant.reset();
    if (rows->next()) tenant = TenantRow{rows->getInt64(1), rows->getString(2), rows->getString(3), 0};
  });
  if (!result) return scim::fail(result.error());
  if (!tenant) return scim::fail(scim::Error::not_found("no tenant named \"" + name + "\""));
  return *tenant;
}

scim::Result<TenantRow> TokenRepository::create_tenant(const std::string& name) {
  auto result = db_.run(Idempotence::kWrite, [&](sql::Connection&) {
    auto& statement = db_.prepare(sql_text::kInsertTenant);
    statement.setString(1, name);
    statement.executeUpdate();
  });
  if (!result) {
    if (result.error().kind() == scim::ErrorKind::kUniqueness) {
      return scim::fail(scim::Error::conflict("a tenant named \"" + name + "\" already exists"));
    }
    return scim::fail(result.error());
  }
  return find_tenant(name);
}

scim::Result<std::vector<TenantRow>> TokenRepository::list_tenants() {
  std::vector<TenantRow> tenants;
  auto result = db_.run(Idempotence::kRead, [&](sql::Connection&) {
    tenants.clear();
    auto& statement = db_.prepare(sql_text::kListTenants);
    std::unique_ptr<sql::ResultSet> rows(statement.executeQuery());
    while (rows->next()) {
      tenants.push_back({rows->getInt64(1), rows->getString(2), rows->getString(3), rows->getInt64(4)});
    }
  });
  if (!result) return scim::fail(result.error());
  return tenants;
}

scim::Result<void> TokenRepository::delete_tenant(const std::string& name) {
  auto tenant = find_tenant(name);
  if (!tenant) return scim::fail(tenant.error());
  return db_.run(Idempotence::kWrite, [&](sql::Connection&) {
    auto& statement = db_.prepare(sql_text::kDeleteTenant);
    statement.setInt64(1, tenant->id);
    statement.executeUpdate();
  });
}

scim::Result<IssuedToken> TokenRepository::issue_token(const std::string& tenant_name, std::string name) {
  auto tenant = find_tenant(tenant_name);
  if (!tenant) return scim::fail(tenant.error());
  if (name.empty()) {
    auto existing = list_tokens(tenant_name);
    if (!existing) return scim::fail(existing.error());
    name = "token-" + std::to_string(existing->size() + 1);
  }
  IssuedToken issued{name, "", auth::generate_token()};
  issued.prefix = auth::token_prefix(issued.secret);
  auth::Digest hash = auth::sha256(issued.secret);
  auto result = db_.run(Idempotence::kWrite, [&](sql::Connection&) {
    auto& statement = db_.prepare(sql_text::kInsertToken);
    statement.setInt64(1, tenant->id);
    statement.setString(2, issued.name);
    statement.setString(3, issued.prefix);
    DigestStream blob(hash);
    statement.setBlob(4, blob.get());
    statement.executeUpdate();
  });
  if (!result) {
    if (result.error().kind() == scim::ErrorKind::kUniqueness) {
      return scim::fail(
          scim::Error::conflict("tenant \"" + tenant_name + "\" already has a token named \"" + issued.name + "\""));
    }
    return scim::fail(result.error());
  }
  return issued;
}

scim::Result<std::vector<TokenRow>> TokenRepository::list_tokens(const std::string& tenant_name) {
  auto tenant = find_tenant(tenant_name);
  if (!tenant) return scim::fail(tenant.error());
  std::vector<TokenRow> tokens;
  auto result = db_.run(Idempotence::kRead, [&](sql::Connection&) {
    tokens.clear();
    auto& statement = db_.prepare(sql_text::kListTokens);
    statement.setInt64(1, tenant->id);
    std::unique_ptr<sql::ResultSet> rows(statement.executeQuery());
    while (rows->next()) {
      tokens.push_back({rows->getString(1), rows->getString(2), rows->getString(3), string_or_empty(*rows, 4),
                        string_or_empty(*rows, 5)});
    }
  });
  if (!result) return scim::fail(result.error());
  return tokens;
}

scim::Result<void> TokenRepository::revoke_token(const std::string& tenant_name, const std::string& name) {
  auto tenant = find_tenant(tenant_name);
  if (!tenant) return scim::fail(tenant.error());
  int changed = 0;
  auto result = db_.run(Idempotence::kWrite, [&](sql::Connection&) {
    auto& statement = db_.prepare(sql_text::kRevokeToken);
    statement.setInt64(1, tenant->id);
    statement.setString(2, name);
    changed = statement.executeUpdate();
  });
  if (!result) return scim::fail(result.error());
  if (changed == 0) {
    return scim::fail(
        scim::Error::not_found("tenant \"" + tenant_name + "\" has no active token named \"" + name + "\""));
  }
  return {};
}

}  // namespace fastscim::store

#include "store/identifier_claims.h"

#include <memory>
#include <set>
#include <utility>

#include <cppconn/resultset.h>

#include "store/policy_refusal.h"
#include "store/statements.h"

namespace fastscim::store {

const char kUniqueAcrossTenants[] = "unique-across-tenants";

namespace {

using scim::Error;
using scim::IdentifierKind;

// Users are read in batches when the claims are rebuilt, so a deployment
// of millions of users never holds them all in memory at once.
constexpr int kRebuildBatch = 1000;
constexpr int kConflictsShown = 20;

std::string kind_of(const scim::Identifier& identifier) { return scim::identifier_kind_name(identifier.kind); }

Error refused(const scim::Identifier& identifier) {
  const std::string value = "\"" + identifier.value + "\"";
  if (identifier.kind == IdentifierKind::kEmail) {
    return Error::uniqueness("emails: the address " + value +
                             " is already in use elsewhere, so it cannot be given to this user "
                             "(policy unique-across-tenants).");
  }
  return Error::uniqueness("phoneNumbers: the mobile number " + value +
                           " is already in use elsewhere, so it cannot be given to this user "
                           "(policy unique-across-tenants).");
}

scim::IdentifierScope scope_of(const std::string& stored) {
  std::string ignored;
  return scim::parse_identifier_scope(stored, &ignored).value_or(scim::IdentifierScope{});
}

}  // namespace

scim::IdentifierScope IdentifierClaims::scope_shared() {
  auto& read = db_.prepare(sql_text::kReadDeploymentSettingShared);
  read.setString(1, kUniqueAcrossTenants);
  std::unique_ptr<sql::ResultSet> row(read.executeQuery());
  return row->next() ? scope_of(string_or_empty(*row, 1)) : scim::IdentifierScope{};
}

void IdentifierClaims::hold(long long tenant_id, long long seq, const json::Value& document,
                            const std::string& setting_read) {
  refusal_.reset();
  const scim::IdentifierScope scope = scope_of(setting_read);
  if (!scope.any()) return;
  std::set<std::pair<std::string, std::string>> held;
  {
    auto& s = db_.prepare(sql_text::kSelectHeldIdentifiers);
    s.setInt64(1, seq);
    std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
    while (rows->next()) held.emplace(rows->getString(1), rows->getString(2));
  }
  std::set<std::pair<std::string, std::string>> wanted;
  for (const scim::Identifier& identifier : scim::claimed_identifiers(document, scope)) {
    auto key = std::make_pair(kind_of(identifier), identifier.key);
    wanted.insert(key);
    if (held.count(key) > 0) continue;
    auto& claim = db_.prepare(sql_text::kClaimIdentifier);
    claim.setString(1, key.first);
    claim.setString(2, key.second);
    claim.setInt64(3, tenant_id);
    claim.executeUpdate();
    auto& owner = db_.prepare(sql_text::kLockIdentifierOwner);
    owner.setString(1, key.first);
    owner.setString(2, key.second);
    std::unique_ptr<sql::ResultSet> row(owner.executeQuery());
    if (!row->next() || static_cast<long long>(row->getUInt64(1)) != tenant_id) {
      refusal_ = ClaimRefusal{identifier, refused(identifier)};
      throw AbortTransaction{refusal_->error};
    }
    row.reset();
    auto& holder = db_.prepare(sql_text::kInsertIdentifierHolder);
    holder.setInt64(1, seq);
    holder.setString(2, key.first);
    holder.setString(3, key.second);
    holder.setInt64(4, tenant_id);
    holder.executeUpdate();
  }
  for (const auto& [kind, key] : held) {
    if (wanted.count({kind, key}) == 0) release(tenant_id, seq, kind, key);
  }
}

void IdentifierClaims::release_all(long long tenant_id, long long seq) {
  if (!scope_shared().any()) return;
  std::vector<std::pair<std::string, std::string>> held;
  {
    auto& s = db_.prepare(sql_text::kSelectHeldIdentifiers);
    s.setInt64(1, seq);
    std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
    while (rows->next()) held.emplace_back(rows->getString(1), rows->getString(2));
  }
  for (const auto& [kind, key] : held) release(tenant_id, seq, kind, key);
}

void IdentifierClaims::release(long long tenant_id, long long seq, const std::string& kind, const std::string& key) {
  auto& drop = db_.prepare(sql_text::kDeleteIdentifierHolder);
  drop.setInt64(1, seq);
  drop.setString(2, kind);
  drop.setString(3, key);
  drop.executeUpdate();
  // The claim row's lock first: another user of the tenant taking the same
  // identifier takes it too, so the count below (a locking read, which
  // sees the latest commit) cannot miss that user.
  auto& owner = db_.prepare(sql_text::kLockIdentifierOwner);
  owner.setString(1, kind);
  owner.setString(2, key);
  std::unique_ptr<sql::ResultSet> locked(owner.executeQuery());
  locked.reset();
  auto& count = db_.prepare(sql_text::kCountIdentifierHolders);
  count.setString(1, kind);
  count.setString(2, key);
  count.setInt64(3, tenant_id);
  std::unique_ptr<sql::ResultSet> rows(count.executeQuery());
  if (rows->next() && rows->getInt64(1) > 0) return;
  rows.reset();
  auto& unclaim = db_.prepare(sql_text::kDeleteIdentifierClaim);
  unclaim.setString(1, kind);
  unclaim.setString(2, key);
  unclaim.setInt64(3, tenant_id);
  unclaim.executeUpdate();
}

bool IdentifierClaims::report_refusal(long long tenant_id, bool recording, const std::string& resource_id,
                                      const json::Value& document, const scim::EventDraft& draft) const {
  if (!refusal_) return false;
  PolicyRefusal refusal;
  refusal.policy = kUniqueAcrossTenants;
  refusal.detail = refusal_->error.detail();
  refusal.resource_type = "User";
  refusal.resource_id = resource_id;
  refusal.document = document;
  refusal.facts = json::Value::object();
  json::Value identifier = json::Value::object();
  identifier.set("kind", json::Value::string(kind_of(refusal_->identifier)));
  identifier.set("value", json::Value::string(refusal_->identifier.value));
  refusal.facts.set("identifier", identifier);
  record_refusal(db_, tenant_id, recording, refusal, draft);
  return true;
}

scim::Result<std::vector<DeploymentSetting>> deployment_settings(Database& db) {
  std::vector<DeploymentSetting> settings;
  auto read = db.run(Idempotence::kRead, [&](sql::Connection&) {
    settings.clear();
    std::unique_ptr<sql::ResultSet> rows(db.prepare(sql_text::kSelectDeploymentSettings).executeQuery());
    while (rows->next()) settings.push_back({rows->getString(1), rows->getString(2), rows->getString(3)});
  });
  if (!read) return scim::fail(read.error());
  return settings;
}

scim::Result<void> set_unique_across_tenants(Database& db, const scim::IdentifierScope& scope) {
  return db.run(Idempotence::kWrite, [&](sql::Connection& c) {
    Transaction tx(c);
    // Every user write holds this row's shared lock until it commits:
    // taking it exclusively waits for those in flight and holds back the
    // next ones until the claims are rebuilt.
    auto& lock = db.prepare(sql_text::kLockDeploymentSetting);
    lock.setString(1, kUniqueAcrossTenants);
    std::unique_ptr<sql::ResultSet> locked(lock.executeQuery());
    locked.reset();
    db.prepare(sql_text::kDeleteAllIdentifierHolders).executeUpdate();
    db.prepare(sql_text::kDeleteAllIdentifierClaims).executeUpdate();
    if (scope.any()) {
      long long after = 0;
      for (;;) {
        auto& page = db.prepare(sql_text::kSelectUsersAfter);
        page.setInt64(1, after);
        page.setInt(2, kRebuildBatch);
        std::unique_ptr<sql::ResultSet> rows(page.executeQuery());
        struct Held {
          long long seq, tenant_id;
          std::string kind, key;
        };
        std::vector<Held> batch;
        int read = 0;
        while (rows->next()) {
          ++read;
          after = rows->getInt64(1);
          long long tenant_id = rows->getInt64(2);
          json::Value document = stored_document(*rows, 3, "User " + rows->getString(4));
          for (const scim::Identifier& identifier : scim::claimed_identifiers(document, scope)) {
            batch.push_back({after, tenant_id, kind_of(identifier), identifier.key});
          }
        }
        rows.reset();
        for (const Held& h : batch) {
          auto& holder = db.prepare(sql_text::kInsertIdentifierHolder);
          holder.setInt64(1, h.seq);
          holder.setString(2, h.kind);
          holder.setString(3, h.key);
          holder.setInt64(4, h.tenant_id);
          holder.executeUpdate();
        }
        if (read < kRebuildBatch) break;
      }
      auto& conflicts = db.prepare(sql_text::kSelectIdentifierConflicts);
      conflicts.setInt(1, kConflictsShown);
      std::unique_ptr<sql::ResultSet> rows(conflicts.executeQuery());
      std::string list;
      while (rows->next()) {
        list += "\n  " + rows->getString(1) + " \"" + rows->getString(2) + "\": tenants " + rows->getString(3);
      }
      rows.reset();
      if (!list.empty()) {
        throw AbortTransaction{Error::uniqueness(
            "unique-across-tenants stays as it was: these identifiers are already held by users of more than one "
            "tenant (at most " +
            std::to_string(kConflictsShown) + " shown); change or remove them first:" + list)};
      }
      db.prepare(sql_text::kClaimHeldIdentifiers).executeUpdate();
    }
    auto& set = db.prepare(sql_text::kSetDeploymentSetting);
    set.setString(1, scim::to_string(scope));
    set.setString(2, kUniqueAcrossTenants);
    set.executeUpdate();
    tx.commit();
  });
}

}  // namespace fastscim::store

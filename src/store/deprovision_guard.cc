#include "store/deprovision_guard.h"

#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include <cppconn/resultset.h>

#include "store/policy_statements.h"
#include "store/statements.h"
#include "store/user_policies.h"
#include "util/strings.h"

namespace fastscim::store {

namespace {

constexpr char kActivePath[] = "active";

struct Hold {
  long long id = 0;
  std::string kind;
};

std::vector<Hold> holds_of(Database& db, long long tenant_id, const std::string& user_id, bool lock) {
  auto& s = db.prepare(lock ? sql_text::kLockHeldChangesOf : sql_text::kSelectHeldChangesOf);
  s.setInt64(1, tenant_id);
  s.setString(2, user_id);
  std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
  std::vector<Hold> holds;
  while (rows->next()) holds.push_back({rows->getInt64(1), rows->getString(2)});
  return holds;
}

// NULL (off) reads as nullopt.
std::optional<long long> guard_of(Database& db, long long tenant_id) {
  auto& s = db.prepare(sql_text::kSelectTenantDeprovisionGuard);
  s.setInt64(1, tenant_id);
  std::unique_ptr<sql::ResultSet> row(s.executeQuery());
  if (!row->next() || row->isNull(1)) return std::nullopt;
  return row->getInt64(1);
}

void lock_counters(Database& db, long long tenant_id) {
  auto& lock = db.prepare(sql_text::kLockTenantCounters);
  lock.setInt64(1, tenant_id);
  lock.executeUpdate();
}

// Counts this deprovision; returns how many the hour held before it.
long long count_deprovision(Database& db, long long tenant_id) {
  auto& forget = db.prepare(sql_text::kForgetOldDeprovisions);
  forget.setInt64(1, tenant_id);
  forget.executeUpdate();
  auto& count = db.prepare(sql_text::kCountDeprovisions);
  count.setInt64(1, tenant_id);
  std::unique_ptr<sql::ResultSet> row(count.executeQuery());
  long long before = row->next() ? row->getInt64(1) : 0;
  row.reset();
  auto& insert = db.prepare(sql_text::kInsertDeprovision);
  insert.setInt64(1, tenant_id);
  insert.executeUpdate();
  return before;
}

}  // namespace

const char* deprovision_name(Deprovision kind) {
  return kind == Deprovision::kDeactivation ? "deactivation" : "deletion";
}

bool DeprovisionGuard::check(Deprovision kind, const std::string& user_id, const std::string& user_name, Outbox* outbox,
                             const scim::EventDraft& draft) {
  std::optional<long long> limit = guard_of(db_, tenant_id_);
  // Off, and nothing of the user held: the common case costs two reads.
  if (!limit && holds_of(db_, tenant_id_, user_id, false).empty()) return false;
  // Every guarded write of the tenant queues here, before it reads the
  // holds with a lock: two of them never interleave their counts or holds.
  lock_counters(db_, tenant_id_);
  bool earlier = !holds_of(db_, tenant_id_, user_id, true).empty();
  long long counted = limit ? count_deprovision(db_, tenant_id_) : 0;
  if (!earlier && (!limit || counted < *limit)) return false;

  auto& insert = db_.prepare(sql_text::kInsertHeldChange);
  insert.setInt64(1, tenant_id_);
  insert.setString(2, user_id);
  if (user_name.empty()) {
    insert.setNull(3, sql::DataType::VARCHAR);
  } else {
    insert.setString(3, user_name);
  }
  insert.setString(4, deprovision_name(kind));
  insert.executeUpdate();
  std::unique_ptr<sql::ResultSet> last(db_.prepare(sql_text::kLastInsertId).executeQuery());
  last->next();
  long long hold_id = last->getInt64(1);
  last.reset();
  outbox->hold(hold_id);

  if (kind == Deprovision::kDeactivation) {
    bool overridden = false;
    for (const scim::Override& o : read_overrides(db_, tenant_id_, user_id)) {
      overridden = overridden || util::to_lower(o.path) == kActivePath;
    }
    if (!overridden) store_override(db_, tenant_id_, user_id, {kActivePath, json::Value::boolean(true), kHoldSource});
  }
  if (draft.log != nullptr) {
    std::string why = earlier ? "an earlier change of the user is held"
                              : std::to_string(counted) +
                                    " deactivations and deletions in the last hour reached the "
                                    "limit of " +
                                    std::to_string(*limit);
    std::string detail = "deprovision-guard: " + std::string(deprovision_name(kind)) + " held for an admin (hold " +
                         std::to_string(hold_id) + "; " + why + ")";
    draft.log->applied += (draft.log->applied.empty() ? "" : "; ") + detail;
  }
  return true;
}

int DeprovisionGuard::supersede(Deprovision kind, const std::string& user_id, Outbox* outbox) {
  if (holds_of(db_, tenant_id_, user_id, false).empty()) return 0;
  int dropped = 0;
  for (const Hold& hold : holds_of(db_, tenant_id_, user_id, true)) {
    if (hold.kind != deprovision_name(kind)) continue;
    auto& seats = db_.prepare(sql_text::kSumHeldSeatChange);
    seats.setInt64(1, tenant_id_);
    seats.setInt64(2, hold.id);
    std::unique_ptr<sql::ResultSet> sum(seats.executeQuery());
    // The held events' seat change was never counted, while this write's
    // counts from the stored state: adding it makes the two cancel.
    if (sum->next()) outbox->change_active_users(sum->getInt64(1));
    sum.reset();
    auto& forget = db_.prepare(sql_text::kForgetHeldChange);
    forget.setInt64(1, tenant_id_);
    forget.setInt64(2, hold.id);
    forget.executeUpdate();
    ++dropped;
  }
  if (dropped > 0 && kind == Deprovision::kDeactivation) {
    auto& override_gone = db_.prepare(sql_text::kDeleteSourcedOverride);
    override_gone.setInt64(1, tenant_id_);
    override_gone.setString(2, user_id);
    override_gone.setString(3, kActivePath);
    override_gone.setString(4, kHoldSource);
    override_gone.executeUpdate();
  }
  return dropped;
}

}  // namespace fastscim::store

#include "store/account_linking.h"

#include <memory>
#include <set>
#include <utility>

#include <cppconn/resultset.h>

#include "scim/account_linking.h"
#include "store/outbox.h"
#include "store/policy_refusal.h"
#include "store/statements.h"

namespace fastscim::store {

namespace {

using scim::Error;

scim::LinkKeys keys_of(const std::string& link_existing) {
  std::string ignored;
  return scim::parse_link_keys(link_existing, &ignored).value_or(scim::LinkKeys{});
}

}  // namespace

std::optional<LinkCandidate> AccountLinking::find(long long tenant_id, const json::Value& document,
                                                  const std::string& link_existing) {
  refusal_detail_.clear();
  const scim::LinkKeys keys = keys_of(link_existing);
  if (!keys.any()) return std::nullopt;
  const scim::LinkProbe probe = scim::link_probe(document, keys);
  if (probe.empty()) return std::nullopt;

  // seq → what it matched on, in the order found.
  std::vector<std::pair<long long, std::pair<std::string, std::string>>> found;
  std::set<long long> seen;
  auto collect = [&](sql::PreparedStatement& s, const char* by, const std::string& value) {
    std::unique_ptr<sql::ResultSet> rows(s.executeQuery());
    while (rows->next()) {
      long long seq = rows->getInt64(1);
      if (seen.insert(seq).second) found.push_back({seq, {by, value}});
    }
  };
  for (const std::string& email : probe.emails) {
    auto& s = db_.prepare(sql_text::kFindLocalUsersByEmail);
    s.setInt64(1, tenant_id);
    s.setInt64(2, tenant_id);
    s.setString(3, email);
    collect(s, "email", email);
  }
  if (!probe.employee_number.empty()) {
    auto& s = db_.prepare(sql_text::kFindLocalUsersByEmployeeNumber);
    s.setInt64(1, tenant_id);
    s.setString(2, probe.employee_number);
    collect(s, "employeeNumber", probe.employee_number);
  }

  std::vector<LinkCandidate> locked;
  for (const auto& [seq, match] : found) {
    auto& lock = db_.prepare(sql_text::kLockLocalUser);
    lock.setInt64(1, tenant_id);
    lock.setInt64(2, seq);
    std::unique_ptr<sql::ResultSet> row(lock.executeQuery());
    // Adopted (or deleted) by a write that committed while this one waited.
    if (!row->next() || string_or_empty(*row, 5) != "local") continue;
    LinkCandidate c;
    c.seq = seq;
    c.id = row->getString(1);
    c.version = row->getInt64(2);
    c.document = stored_document(*row, 3, "User " + c.id);
    c.seat = takes_seat(row->isNull(4), row->getBoolean(4));
    c.matched_by = match.first;
    c.matched_value = match.second;
    locked.push_back(std::move(c));
  }
  if (locked.empty()) return std::nullopt;
  if (locked.size() == 1) return std::move(locked.front());

  candidates_ = json::Value::array();
  std::string list;
  for (const LinkCandidate& c : locked) {
    json::Value entry = json::Value::object();
    entry.set("id", json::Value::string(c.id));
    std::string name(c.document.get("userName").as_string().value_or(""));
    entry.set("userName", json::Value::string(name));
    candidates_.append(entry);
    list += (list.empty() ? "" : ", ") + c.id + " (userName \"" + name + "\", by " + c.matched_by + ")";
  }
  refusal_detail_ = "link-existing: " + std::to_string(locked.size()) +
                    " users the product imported match this user, so none was linked and nothing was created: " + list +
                    ". Remove or change all but one of them, then provision the user again.";
  throw AbortTransaction{Error::uniqueness(refusal_detail_)};
}

bool AccountLinking::report_refusal(long long tenant_id, bool recording, const json::Value& document,
                                    const scim::EventDraft& draft) const {
  if (!ambiguous()) return false;
  PolicyRefusal refusal;
  refusal.policy = std::string(scim::kLinkExisting);
  refusal.detail = refusal_detail_;
  refusal.resource_type = "User";
  refusal.document = document;
  refusal.facts = json::Value::object();
  refusal.facts.set("candidates", candidates_);
  record_refusal(db_, tenant_id, recording, refusal, draft);
  return true;
}

json::Value link_record(const LinkCandidate& candidate) {
  json::Value v = json::Value::object();
  v.set("policy", json::Value::string(std::string(scim::kLinkExisting)));
  v.set("matchedBy", json::Value::string(candidate.matched_by));
  v.set("value", json::Value::string(candidate.matched_value));
  return v;
}

}  // namespace fastscim::store

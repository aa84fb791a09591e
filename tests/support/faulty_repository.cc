#include "support/faulty_repository.h"

namespace fastscim::testing {

void FaultyRepository::fail(Operation op, scim::Error error, int times) {
  faults_[op] = Fault{std::move(error), times};
}

void FaultyRepository::heal() { faults_.clear(); }

void FaultyRepository::before_write(Operation op, std::function<void()> hook, int times) {
  hooks_[op] = Hook{std::move(hook), times};
}

int FaultyRepository::calls(Operation op) const {
  auto it = calls_.find(op);
  return it == calls_.end() ? 0 : it->second;
}

std::optional<scim::Error> FaultyRepository::enter(Operation op) {
  ++calls_[op];
  auto it = faults_.find(op);
  if (it == faults_.end() || it->second.remaining == 0) return std::nullopt;
  if (it->second.remaining > 0) --it->second.remaining;
  return it->second.error;
}

void FaultyRepository::run_hook(Operation op) {
  auto it = hooks_.find(op);
  if (it == hooks_.end() || it->second.remaining == 0) return;
  if (it->second.remaining > 0) --it->second.remaining;
  // Copied first: the hook may install another hook.
  std::function<void()> hook = it->second.run;
  hook();
}

scim::Result<scim::StoredResource> FaultyRepository::create(long long tenant_id, const std::string& resource_type,
                                                            const json::Value& document,
                                                            const std::vector<scim::Member>& members,
                                                            const scim::EventDraft& draft) {
  if (auto e = enter(Operation::kCreate)) return scim::fail(*e);
  return inner_.create(tenant_id, resource_type, document, members, draft);
}

scim::Result<scim::StoredResource> FaultyRepository::get(long long tenant_id, const std::string& resource_type,
                                                         const std::string& id, bool load_memberships) {
  if (auto e = enter(Operation::kGet)) return scim::fail(*e);
  return inner_.get(tenant_id, resource_type, id, load_memberships);
}

scim::Result<scim::StoredResource> FaultyRepository::replace(long long tenant_id, const scim::StoredResource& current,
                                                             const json::Value& document,
                                                             const std::optional<scim::MemberChanges>& members,
                                                             scim::ChangeKind kind, const scim::EventDraft& draft) {
  if (auto e = enter(Operation::kReplace)) return scim::fail(*e);
  run_hook(Operation::kReplace);
  return inner_.replace(tenant_id, current, document, members, kind, draft);
}

scim::Result<scim::StoredResource> FaultyRepository::modify_members(long long tenant_id, const std::string& group_id,
                                                                    const std::vector<scim::Member>& add,
                                                                    const std::vector<std::string>& remove,
                                                                    bool remove_all,
                                                                    std::optional<long long> expected_version,
                                                                    const scim::EventDraft& draft) {
  if (auto e = enter(Operation::kModifyMembers)) return scim::fail(*e);
  run_hook(Operation::kModifyMembers);
  return inner_.modify_members(tenant_id, group_id, add, remove, remove_all, expected_version, draft);
}

scim::Result<void> FaultyRepository::remove(long long tenant_id, const std::string& resource_type,
                                            const std::string& id, std::optional<long long> expected_version,
                                            const scim::EventDraft& draft) {
  if (auto e = enter(Operation::kRemove)) return scim::fail(*e);
  run_hook(Operation::kRemove);
  return inner_.remove(tenant_id, resource_type, id, expected_version, draft);
}

scim::Result<scim::Page> FaultyRepository::search(long long tenant_id, const std::string& resource_type,
                                                  const scim::Query& query) {
  if (auto e = enter(Operation::kSearch)) return scim::fail(*e);
  return inner_.search(tenant_id, resource_type, query);
}

}  // namespace fastscim::testing

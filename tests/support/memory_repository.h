// testing::MemoryRepository — an in-memory scim::Repository for tests.
//
// It keeps the contract of scim/repository.h (tenants isolated, versions,
// 404/409/412, members in their own list, User.groups computed, deleting a
// resource drops its memberships) so that scim::Service can be tested in
// microseconds, the way LevelDB tests run on helpers/memenv.  It is not a
// production store: filters are evaluated here by loading every resource
// of the tenant into memory (filter_eval.h), which the real store must
// never do.
//
// Choices where the contract leaves room, kept close to store/:
//   * userName (Users) and displayName (Groups) are unique per tenant and
//     resource type, compared ignoring ASCII case (409 uniqueness);
//   * a member must be an existing User or Group of the same tenant, on
//     create, replace and modify_members alike (400 invalid_value naming
//     every missing id); its type is taken from the stored resource and its
//     display from the request, else from the member's displayName or
//     userName;
//   * timestamps come from a logical clock that advances one second per
//     write, starting at 2026-01-01T00:00:00Z, so lastModified visibly moves;
//   * ids are "00000000-0000-4000-8000-<12 hex digits>", counting up;
//   * the default order is creation order; cursors are the decimal offset
//     of the next page (anything else is invalid_cursor).
//
// Counters and hooks let tests check what the service asked for (e.g. that
// excludedAttributes=members never loaded members, PRJ-08).
//
// Thread-safety: none; one test thread.
#ifndef FASTSCIM_TESTS_SUPPORT_MEMORY_REPOSITORY_H_
#define FASTSCIM_TESTS_SUPPORT_MEMORY_REPOSITORY_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scim/event.h"
#include "scim/repository.h"
#include "scim/schema_registry.h"

namespace fastscim::testing {

class MemoryRepository : public scim::Repository {
 public:
  // `registry` supplies caseExact for filters and sorting when a Query
  // carries none; it must outlive the repository.
  explicit MemoryRepository(const scim::SchemaRegistry* registry = nullptr);

  scim::Result<scim::StoredResource> create(long long tenant_id, const std::string& resource_type,
                                            const json::Value& document, const std::vector<scim::Member>& members,
                                            const scim::EventDraft& draft) override;
  scim::Result<scim::StoredResource> get(long long tenant_id, const std::string& resource_type, const std::string& id,
                                         bool load_memberships) override;
  scim::Result<scim::StoredResource> replace(long long tenant_id, const scim::StoredResource& current,
                                             const json::Value& document,
                                             const std::optional<scim::MemberChanges>& members, scim::ChangeKind kind,
                                             const scim::EventDraft& draft) override;
  scim::Result<scim::StoredResource> modify_members(long long tenant_id, const std::string& group_id,
                                                    const std::vector<scim::Member>& add,
                                                    const std::vector<std::string>& remove, bool remove_all,
                                                    std::optional<long long> expected_version,
                                                    const scim::EventDraft& draft) override;
  scim::Result<void> remove(long long tenant_id, const std::string& resource_type, const std::string& id,
                            std::optional<long long> expected_version, const scim::EventDraft& draft) override;
  scim::Result<scim::Page> search(long long tenant_id, const std::string& resource_type,
                                  const scim::Query& query) override;

  // What tests look at.
  size_t size(long long tenant_id) const;
  // The events of every tenant, in the order written, completed as the
  // store completes them (scim/repository.h) except that `tenant` is the
  // tenant id in decimal, `id` is "event-<position>" and positions count
  // per tenant from 1.
  const std::vector<scim::Event>& events() const { return events_; }
  // The users of `tenant_id` that take a seat (active not false).
  long long active_users(long long tenant_id) const;
  // How many get/search calls loaded a group's members.
  int member_loads() const { return member_loads_; }
  // How many get calls read a user's groups (User.groups).
  int groups_loads() const { return groups_loads_; }
  // How many calls of each kind reached the repository.
  int writes() const { return writes_; }
  int modify_members_calls() const { return modify_members_calls_; }
  int replace_calls() const { return replace_calls_; }
  const std::optional<scim::Query>& last_query() const { return last_query_; }
  // The stored document, unprojected (e.g. to see the password hash).
  json::Value document_for_testing(long long tenant_id, const std::string& id) const;

 private:
  struct Record {
    long long seq = 0;
    long long tenant_id = 0;
    scim::StoredResource resource;  // members always held, as a vector
  };

  std::string tick();
  std::string next_id();
  Record* find(long long tenant_id, const std::string& resource_type, const std::string& id);
  const Record* find_any(long long tenant_id, const std::string& id) const;
  scim::Result<void> check_unique(long long tenant_id, const std::string& resource_type, const json::Value& document,
                                  const std::string& self_id) const;
  scim::Result<std::vector<scim::Member>> resolve_members(long long tenant_id,
                                                          const std::vector<scim::Member>& members) const;
  scim::StoredResource view(const Record& record, bool load_members, bool load_groups = true);
  json::Value filter_view(const Record& record) const;
  void record_event(const Record& record, scim::ChangeKind kind, const scim::EventDraft& draft);
  void record_member_event(const Record& group, scim::ChangeKind kind, const scim::Member& member);
  void push(long long tenant_id, scim::Event event);
  void record_member_events(const Record& group, const std::vector<scim::Member>& removed,
                            const std::vector<scim::Member>& added);

  const scim::SchemaRegistry* registry_;
  std::map<std::string, Record> records_;  // by id (ids are unique across tenants)
  std::vector<scim::Event> events_;
  std::map<long long, long long> positions_;  // per tenant
  long long clock_ = 0;
  long long next_seq_ = 1;
  int member_loads_ = 0;
  int groups_loads_ = 0;
  int writes_ = 0;
  int modify_members_calls_ = 0;
  int replace_calls_ = 0;
  std::optional<scim::Query> last_query_;
};

}  // namespace fastscim::testing

#endif  // FASTSCIM_TESTS_SUPPORT_MEMORY_REPOSITORY_H_

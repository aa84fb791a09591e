// store::ResourceRepository — scim::Repository on MySQL/MariaDB.
//
// The storage layout is described in doc/storage.md: one row per resource
// with the full document plus indexed copies of the attributes identity
// providers match on, a side table of emails, a membership table, and the
// event outbox written in the same transaction as each change.
//
// Thread-safety: as Database (one instance per thread).
#ifndef FASTSCIM_STORE_RESOURCE_REPOSITORY_H_
#define FASTSCIM_STORE_RESOURCE_REPOSITORY_H_

#include "scim/event.h"
#include "scim/repository.h"
#include "store/cursor_seal.h"
#include "store/database.h"

namespace fastscim::store {

class ResourceRepository : public scim::Repository {
 public:
  // Requires: `db` outlives the repository.  Without `record_events`
  // (configuration `events = off`) writes produce no events.
  explicit ResourceRepository(Database& db, bool record_events = true)
      : db_(db), record_events_(record_events), cursors_(db) {}

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

 private:
  Database& db_;
  bool record_events_;
  CursorSeal cursors_;  // search's nextCursor values (resource_search.cc)
};

}  // namespace fastscim::store

#endif  // FASTSCIM_STORE_RESOURCE_REPOSITORY_H_

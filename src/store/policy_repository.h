// store::PolicyRepository — manage::PolicyStore on MySQL/MariaDB (tables
// user_templates and user_overrides, sql/015_templates_overrides.sql): a tenant's
// creation templates and its users' overrides (doc/policies.md).
//
// A template change raises the tenant's config_generation in its
// transaction, so workers load the templates again with the tenant's
// schemas (app/tenant_services.h).  An override change locks the user's
// row, advances its version and records its event in one transaction.
// Deleted users are kept by the SCIM delete (store/deleted_users.h) and
// restored here.
//
// Thread-safety: as Database (one instance per thread).
#ifndef FASTSCIM_STORE_POLICY_REPOSITORY_H_
#define FASTSCIM_STORE_POLICY_REPOSITORY_H_

#include <optional>
#include <string>
#include <vector>

#include "manage/policy_store.h"
#include "store/database.h"

namespace fastscim::store {

class PolicyRepository : public manage::PolicyStore {
 public:
  // Requires: `db` outlives the repository.  Without `record_events`
  // (configuration `events = off`) override changes record no event.
  explicit PolicyRepository(Database& db, bool record_events = true) : db_(db), record_events_(record_events) {}

  scim::Result<std::vector<manage::TemplateRow>> list_templates(long long tenant_id) override;
  scim::Result<void> add_template(long long tenant_id, const manage::TemplateRow& row) override;
  scim::Result<void> remove_template(long long tenant_id, const std::string& name) override;
  scim::Result<scim::Overrides> overrides(long long tenant_id, const std::string& user_id) override;
  scim::Result<void> change_override(long long tenant_id, const std::string& user_id, const std::string& path,
                                     const std::optional<scim::Override>& value,
                                     const manage::OverrideEventFn& make_event) override;
  scim::Result<std::vector<manage::DeletedUser>> deleted_users(long long tenant_id, long long limit) override;
  scim::Result<void> restore_user(long long tenant_id, const std::string& id,
                                  const manage::RestoreEventFn& make_event) override;
  // The deprovisioning guard's held changes (held_changes.cc).
  scim::Result<std::vector<manage::HeldChange>> held_changes(long long tenant_id, long long limit) override;
  scim::Result<std::vector<manage::HeldChange>> decide_held(long long tenant_id, const std::vector<long long>& ids,
                                                            bool approve, const std::string& by) override;
  scim::Result<std::optional<scim::StoredResource>> held_deleted_user(long long tenant_id,
                                                                      const std::string& id) override;

 private:
  Database& db_;
  bool record_events_;
};

}  // namespace fastscim::store

#endif  // FASTSCIM_STORE_POLICY_REPOSITORY_H_
